// Each person's data rights in the real window: the owner sees on the page of someone who
// left when their data may go, exports it (a ZIP with person.json and person.pdf), finds that
// a legal hold stops erasure, lifts it, erases the person after typing their name, and no
// byte of their name is left in the store; the log still verifies.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { By, click, find, freshDataDir, repo, screenshot, startDriver, textOf, type } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");

test("a person who left is exported, held, and erased for good from their page", async (t) => {
  const dir = freshDataDir("privacy");
  const db = join(dir, "groeikoers.sqlite3");
  const run = (...args) => execFileSync(cli, ["--db", db, ...args], { env: { ...process.env, LANG: "nl_NL.UTF-8" } }).toString().trim();
  const zoe = run("person", "add", "--name", "Zoë Quistenbergh", "--role", "Broodbakker", "--start", "2022-01-01");
  run("person", "add", "--name", "Karel Appelmans");
  const plan = run("plan", "new", "--person", zoe, "--example", "winkelmedewerker-naar-ploegleider", "--start", "2023-01-02", "--lang", "nl");
  run("plan", "sign", plan, "--party", "employee", "--name", "Zoë Quistenbergh", "--on", "2023-01-02", "--consent", "--despite-findings");
  run("plan", "sign", plan, "--party", "manager", "--name", "Anouk van Dijk", "--on", "2023-01-02", "--consent", "--despite-findings");
  run("person", "leave", zoe, "--on", "2023-06-30", "--reason", "resign");
  const saveDir = freshDataDir("privacy-save");
  const wd = await startDriver({ db, env: { GROEIKOERS_E2E_SAVE_DIR: saveDir } });
  t.after(() => wd.stop());
  const driver = await wd.session();
  try {
    await type(driver, "[data-testid=organisation-name]", "Bakkerij De Korenaar");
    await click(driver, "[data-testid=start]");
    await click(driver, "[data-nav=people]");
    // People who left are listed on request.
    const showLeft = await driver.findElements(By.css("[data-testid=show-left]"));
    if (showLeft.length) await showLeft[0].click();
    await driver.wait(async () => (await driver.findElements(By.xpath("//*[@data-testid='person-row'][contains(., 'Quistenbergh')]"))).length > 0, 5000, "Zoë is listed");
    await (await driver.findElement(By.xpath("//*[@data-testid='person-row'][contains(., 'Quistenbergh')]"))).click();
    const items = await textOf(driver, "[data-testid=retention-items]");
    assert.match(items, /Ontwikkelplannen en gesprekken: mag weg vanaf 30 juni 2025/);
    await find(driver, "[data-testid=retention-due-now]");

    await click(driver, "[data-testid=privacy-export]");
    await driver.wait(() => readdirSync(saveDir).some((f) => f.endsWith(".zip")), 5000, "the ZIP is written");
    const zip = readdirSync(saveDir).find((f) => f.endsWith(".zip"));
    const listing = execFileSync("unzip", ["-l", join(saveDir, zip)]).toString();
    assert.match(listing, /person\.json/);
    assert.match(listing, /person\.pdf/);

    // A legal hold keeps the data: erasing is refused with the reason why.
    await type(driver, "[data-testid=hold-reason]", "Geschil over de eindafrekening");
    await click(driver, "[data-testid=hold-set]");
    await driver.wait(async () => /Geschil/.test(await textOf(driver, "[data-testid=legal-hold]")), 5000, "the hold shows");
    await click(driver, "[data-testid=privacy-erase]");
    const confirm = await find(driver, "[data-testid=erase-confirm-button]");
    assert.equal(await confirm.isEnabled(), false, "not before the name is typed");
    await type(driver, "[data-testid=erase-name]", "Zoë Quistenbergh");
    await screenshot(driver, "70-erase-confirm");
    await click(driver, "[data-testid=erase-confirm-button]");
    assert.match(await textOf(driver, "[data-testid=privacy-error]"), /bewaarplicht/);
    await click(driver, "[data-testid=hold-lift]");
    await driver.wait(async () => (await driver.findElements(By.css("[data-testid=hold-set]"))).length > 0, 5000, "the hold is lifted");

    // Only the plans first: their retention ran out; the person stays, with nothing else lost.
    assert.equal((await driver.findElements(By.css("[data-testid=person-plan]"))).length, 1);
    await click(driver, "[data-testid=retention-remove]");
    await screenshot(driver, "70b-remove-plans-ask");
    await click(driver, "[data-testid=retention-remove-confirm]");
    await driver.wait(async () => (await driver.findElements(By.css("[data-testid=person-plan]"))).length === 0, 5000, "the plan is gone from her page");
    await driver.wait(async () => !/Ontwikkelplannen/.test(await textOf(driver, "[data-testid=person-privacy]")), 5000, "the retention no longer lists plans");
    assert.match(await textOf(driver, "[data-testid=person-page]"), /Zoë Quistenbergh/);
    await screenshot(driver, "70c-plans-removed");
    assert.match(run("log", "verify"), /Logboek in orde/);
    await click(driver, "[data-testid=privacy-erase]");
    await type(driver, "[data-testid=erase-name]", "Zoë Quistenbergh");
    await click(driver, "[data-testid=erase-confirm-button]");
    // Back on the people list, without her.
    await driver.wait(async () => (await driver.findElements(By.css("[data-testid=person-page]"))).length === 0, 5000, "back to the list");
    await screenshot(driver, "71-after-erasure");
  } finally {
    await driver.quit();
  }
  wd.stop();
  await new Promise((r) => setTimeout(r, 500));
  for (const f of readdirSync(dir)) {
    const path = join(dir, f);
    if (!existsSync(path) || !f.startsWith("groeikoers.sqlite3")) continue;
    const bytes = readFileSync(path);
    assert.equal(bytes.includes(Buffer.from("Quistenbergh")), false, `${f} still holds her name`);
  }
  assert.match(run("log", "verify"), /Logboek in orde/);
  assert.doesNotMatch(run("person", "list", "--all"), /Quistenbergh/);
  assert.match(run("person", "list", "--all"), /Karel Appelmans/);
});
