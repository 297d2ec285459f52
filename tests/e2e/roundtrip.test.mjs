// End to end, two computers: the employee's plan package (made with the CLI in personal
// mode) is imported by the owner through the file dialog, with the preview; both sign in
// the owner's window and the owner exports the package back; a second app instance on the
// employee's store imports it and shows the plan signed, with the same fingerprint and the
// device each signature was made on. Then the exchange folder carries a check-in back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { click, find, freshDataDir, repo, screenshot, startDriver, textOf, withElement } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");
const nl = { env: { ...process.env, LANG: "nl_NL.UTF-8", LC_ALL: "" } };
const run = (db, ...args) => execFileSync(cli, ["--db", db, ...args], nl).toString().trim();

async function sign(driver, party, name, { startsOn } = {}) {
  await click(driver, "[data-testid=sign]");
  await find(driver, "[data-testid=sign-dialog]");
  if (startsOn) {
    // On the owner's computer the dialog starts with the owner (manager), never the employee.
    assert.equal(await (await find(driver, `[data-testid=party-${startsOn}]`)).isSelected(), true, `starts on ${startsOn}`);
  }
  await click(driver, `label:has([data-testid=party-${party}])`);
  if (party === "employee" && startsOn === "manager") {
    assert.match(await textOf(driver, "[data-testid=sign-together]"), /tekent hier samen met jou/);
    await screenshot(driver, "50b-owner-sign-together");
  }
  await withElement(driver, "[name=signName]", async (field) => {
    await driver.executeScript("arguments[0].select()", field);
    await field.sendKeys(name);
  });
  await click(driver, "[data-testid=consent]");
  await click(driver, "[data-testid=sign-submit]");
}

test("a plan package travels to the owner, is signed there and comes back signed", async (t) => {
  const dir = freshDataDir("roundtrip");
  const zoeDb = join(dir, "zoe.sqlite3");
  const ownerDb = join(dir, "owner.sqlite3");
  // The employee's computer: personal mode, one plan drafted.
  const me = run(zoeDb, "person", "add", "--name", "Zoë Çelik");
  run(zoeDb, "device", "rename", "Laptop Zoë");
  execFileSync("python3", [
    "-c",
    `import sqlite3; c = sqlite3.connect(${JSON.stringify(zoeDb)}); c.executemany("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", [("mode", "personal"), ("me", ${JSON.stringify(me)}), ("onboarded", "1"), ("language", "nl")]); c.commit()`,
  ]);
  const plan = run(zoeDb, "plan", "new", "--person", me, "--example", "winkelmedewerker-naar-ploegleider");
  const fromZoe = join(dir, "van-zoe.pop.json");
  run(zoeDb, "plan", "export", plan, "-o", fromZoe);
  // The owner's computer knows Zoë already (under another id).
  const zoeThere = run(ownerDb, "person", "add", "--name", "Zoë Çelik", "--role", "Verkoopmedewerker");
  run(ownerDb, "device", "rename", "Kantoor-pc");
  // The owner keeps Zoë's development budget and a study-cost clause both signed: they travel
  // with the plan to her computer, read-only there.
  run(ownerDb, "budget", "scheme", "--from", "2020-01-01", "--euro-per-year", "500");
  run(ownerDb, "budget", "spend", zoeThere, "--on", "2026-02-01", "--euro", "120", "--for", "Vakboek");
  const clause = run(ownerDb, "clause", "new", "--person", zoeThere, "--course", "Mbo Ondernemen", "--tuition", "1800", "--exam", "200",
    "--study-time-work-time", "yes", "--training-start", "2027-09-01", "--training-end", "2028-06-30", "--months", "24");
  for (const [party, name] of [["employee", "Zoë Çelik"], ["employer", "Henk de Bakker"]]) {
    run(ownerDb, "clause", "sign", clause, "--party", party, "--name", name, "--consent");
  }
  const ownerBalance = JSON.parse(run(ownerDb, "budget", "show", zoeThere, "--json")).euro.balance;

  const owner = await startDriver({ db: ownerDb, env: { GROEIKOERS_E2E_OPEN_FILE: fromZoe, GROEIKOERS_E2E_SAVE_DIR: dir } });
  t.after(() => owner.stop());
  let driver = await owner.session();
  let fingerprint;
  try {
    await (await find(driver, "[data-testid=organisation-name]")).sendKeys("Bakkerij De Korenaar");
    await (await find(driver, "[data-testid=start]")).click();
    await click(driver, "[data-nav=plans]");
    await click(driver, "[data-testid=import-plan]");
    await click(driver, "[data-testid=import-choose]");
    const preview = await textOf(driver, "[data-testid=import-preview]");
    assert.match(preview, /Versie 1 toevoegen \(concept\)/);
    // The first time: choose the person it is on this computer.
    await withElement(driver, "[data-testid=import-person]", async (select) => {
      const options = await select.findElements({ css: "option" });
      for (const o of options) if ((await o.getText()) === "Zoë Çelik") await o.click();
    });
    // Zoë's laptop is not paired yet: the owner compares its code and pairs it.
    assert.match(await textOf(driver, "[data-testid=import-unpaired]"), /Laptop Zoë is nog niet gekoppeld/);
    assert.equal(await textOf(driver, "[data-testid=import-fingerprint]"), run(zoeDb, "device", "show").split("\t")[1]);
    await screenshot(driver, "50-owner-import-preview");
    await click(driver, "[data-testid=import-compared]");
    await click(driver, "[data-testid=import-confirm]");
    await find(driver, "[data-testid=plan-title]");
    await sign(driver, "employee", "Zoë Çelik", { startsOn: "manager" });
    await driver.wait(async () => (await textOf(driver, "[data-testid=signing]")).includes("Getekend door Zoë Çelik"), 5000);
    await sign(driver, "manager", "Henk de Bakker");
    fingerprint = await textOf(driver, "[data-testid=fingerprint]");
    assert.match(fingerprint, /^GK-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    await click(driver, "[data-testid=export-plan]");
    await driver.wait(async () => readdirSync(dir).some((f) => f.startsWith("POP Zoë Çelik") && f.endsWith(".pop.json")), 5000, "package written");
    await screenshot(driver, "51-owner-signed");
  } finally {
    await driver.quit();
  }
  const back = join(dir, readdirSync(dir).find((f) => f.startsWith("POP Zoë Çelik") && f.endsWith(".pop.json")));

  // The employee's computer imports it: no person to choose, the plan shows signed.
  const zoe = await startDriver({ db: zoeDb, env: { GROEIKOERS_E2E_OPEN_FILE: back } });
  t.after(() => zoe.stop());
  driver = await zoe.session();
  try {
    await click(driver, "[data-nav=plans]");
    await click(driver, "[data-testid=import-plan]");
    await click(driver, "[data-testid=import-choose]");
    const preview = await textOf(driver, "[data-testid=import-preview]");
    assert.match(preview, /ondertekend en verzegeld: GK-/);
    assert.doesNotMatch(preview, /Bij wie hoort het/, "the plan's person is known here");
    assert.match(preview, /Budget en studiekostenbedingen van de werkgever bijwerken/);
    assert.match(await textOf(driver, "[data-testid=import-unpaired]"), /Kantoor-pc is nog niet gekoppeld/);
    assert.equal(await textOf(driver, "[data-testid=import-fingerprint]"), run(ownerDb, "device", "show").split("\t")[1]);
    await screenshot(driver, "52-employee-import-preview");
    await click(driver, "[data-testid=import-compared]");
    await click(driver, "[data-testid=import-confirm]");
    assert.equal(await textOf(driver, "[data-testid=fingerprint]"), fingerprint, "the same fingerprint on both computers");
    await click(driver, "[data-testid=tab-history]");
    await driver.wait(async () => (await textOf(driver, "[data-testid=history]")).includes("Kantoor-pc (K-"), 5000);
    await screenshot(driver, "53-employee-history-devices");
    // "Over mij" shows the budget and the clause the owner's computer shared, read-only.
    await click(driver, "[data-nav=me]");
    const balance = await textOf(driver, "[data-testid=share-balance]");
    const euros = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" }).format(ownerBalance);
    assert.ok(balance.replace(/\s/g, " ").includes(euros.replace(/\s/g, " ")), `${balance} shows ${euros}`);
    assert.match(await textOf(driver, "[data-testid=share-from]"), /Kantoor-pc/);
    assert.match(await textOf(driver, "[data-testid=received-share]"), /Vakboek/);
    const sharedClause = await textOf(driver, "[data-testid=share-clause]");
    assert.match(sharedClause, /Mbo Ondernemen · € 2\.000,00/);
    assert.match(sharedClause, /Bindend/);
    assert.match(sharedClause, /Telt als werktijd/);
    assert.equal((await driver.findElements({ css: "[data-testid=received-share] button, [data-testid=received-share] input" })).length, 0, "read-only");
    await withElement(driver, "[data-testid=received-share]", (el) => driver.executeScript("arguments[0].scrollIntoView({block:'start'})", el));
    await screenshot(driver, "53b-employee-received-share");
    // Settings shows this device's name and key, and the owner's computer as paired.
    await click(driver, "[data-nav=settings]");
    assert.match(await textOf(driver, "[data-testid=device-key]"), /^K-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    const paired = await textOf(driver, "[data-testid=paired-device]");
    assert.match(paired, /Kantoor-pc/);
    assert.match(paired, /Computer van de werkgever · gekoppeld op/);
    await withElement(driver, "[data-testid=paired-devices]", (el) => driver.executeScript("arguments[0].scrollIntoView({block:'center'})", el));
    await screenshot(driver, "53c-employee-paired-computers");
  } finally {
    await driver.quit();
  }
  assert.match(run(zoeDb, "plan", "verify", fingerprint), /intact/);

  // The exchange folder: a check-in held at the owner's reaches the employee by itself.
  const shared = join(dir, "gedeeld");
  mkdirSync(shared);
  run(ownerDb, "plan", "checkin", plan, "--slot", "1", "--reality", "Twee zaterdagen zelf ingedeeld");
  run(ownerDb, "exchange", "sync", "--folder", shared);
  const again = await startDriver({ db: zoeDb, env: { GROEIKOERS_E2E_EXCHANGE_DIR: shared } });
  t.after(() => again.stop());
  driver = await again.session();
  try {
    await click(driver, "[data-nav=settings]");
    await click(driver, "[data-testid=exchange-choose]");
    await driver.wait(async () => (await textOf(driver, "[data-testid=exchange-last]")).includes("Laatst uitgewisseld"), 10000, "the folder was read");
    await screenshot(driver, "54-exchange-folder");
  } finally {
    await driver.quit();
  }
  const schedule = JSON.parse(run(zoeDb, "plan", "schedule", plan, "--json"));
  assert.equal(schedule.history.length, 1, "the check-in arrived through the folder");
  assert.ok(existsSync(shared));
  copyFileSync(back, join(dir, "kept.pop.json"));
});
