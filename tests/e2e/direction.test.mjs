// The owner's direction and the observers' eyes in the real window: a team goal added under
// Direction, a signed plan's goal linked to it, the direction shown in the preparation, an
// observer's feedback recorded on a measure point and found again in the next check-in form
// and in the history — while the signed version stays exactly as it was.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { By, click, clickTo, find, freshDataDir, repo, screenshot, startDriver, textOf, type, withElement } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");

test("a team goal, a linked plan goal, and an observer's feedback in the next check-in", async (t) => {
  const dir = freshDataDir("direction");
  const db = join(dir, "groeikoers.sqlite3");
  const run = (...args) => execFileSync(cli, ["--db", db, ...args], { env: { ...process.env, LANG: "nl_NL.UTF-8" } }).toString().trim();
  const zoe = run("person", "add", "--name", "Zoë Çelik", "--role", "Verkoper");
  const start = new Date(Date.now() - 30 * 24 * 3600 * 1000).toLocaleDateString("sv-SE");
  const plan = run("plan", "new", "--person", zoe, "--example", "winkelmedewerker-naar-ploegleider", "--start", start, "--lang", "nl");
  for (const [party, name] of [["employee", "Zoë Çelik"], ["manager", "Anouk van Dijk"]]) {
    run("plan", "sign", plan, "--party", party, "--name", name, "--on", start, "--consent", "--despite-findings");
  }
  const signed = JSON.parse(run("plan", "history", plan, "--json")).versions;
  const saveDir = freshDataDir("direction-save");
  const wd = await startDriver({ db, env: { GROEIKOERS_E2E_SAVE_DIR: saveDir } });
  t.after(() => wd.stop());
  const driver = await wd.session();
  try {
    await type(driver, "[data-testid=organisation-name]", "Bakkerij De Korenaar");
    await click(driver, "[data-testid=start]");

    // The owner writes down where the firm is heading.
    await click(driver, "[data-nav=direction]");
    await click(driver, "[data-testid=team-goal-save]");
    assert.match(await textOf(driver, "[data-testid=team-goal-error]"), /Titel van het teamdoel is verplicht/);
    await type(driver, "[data-testid=team-goal-title]", "Elke ploeg heeft een eigen ploegleider 🧑‍🍳");
    await type(driver, "[data-testid=team-goal-why]", "We openen in 2027 een tweede winkel.");
    await click(driver, "[data-testid=team-goal-save]");
    await find(driver, "[data-testid=team-goal]");
    await type(driver, "[data-testid=development-text]", "Klanten bestellen steeds vaker online vooraf.");
    await click(driver, "[data-testid=development-save]");
    await find(driver, "[data-testid=development]");

    // The signed plan's first goal is linked to it (beside the plan, not in it).
    await click(driver, "[data-nav=people]");
    await click(driver, "[data-testid=person-row]");
    await clickTo(driver, "[data-testid=person-plan]", "[data-testid=locked-notice]");
    // An employer's plan with no goal on the firm's direction: the POP-check hints (not an error).
    assert.match(await textOf(driver, "[data-testid=direction-hint]"), /koers van het bedrijf/);
    const select = await find(driver, "[data-testid=goal-link]");
    await driver.executeScript("arguments[0].scrollIntoView({block:'center'})", select);
    await (await find(driver, "[data-testid=goal-link] option:nth-child(2)")).click();
    await driver.wait(() => JSON.parse(run("direction", "list", "--json")).goals[0].linked.length === 1, 5000, "the link is stored");
    await driver.wait(async () => (await driver.findElements(By.css("[data-testid=direction-hint]"))).length === 0, 5000, "the hint goes once a goal is linked");

    // The preparation shows the direction, read-only.
    await click(driver, "[data-testid=tab-preparation]");
    assert.match(await textOf(driver, "[data-testid=prep-direction]"), /Elke ploeg heeft een eigen ploegleider/);
    assert.match(await textOf(driver, "[data-testid=prep-direction]"), /online vooraf/);
    await click(driver, "[data-testid=tab-plan]");

    // Feedback from the observer of the first measure point.
    await withElement(driver, "[data-testid=feedback-ask]", (el) => driver.executeScript("arguments[0].scrollIntoView({block:'center'})", el));
    await click(driver, "[data-testid=feedback-ask]");
    await find(driver, "[data-testid=feedback-dialog]");
    await driver.wait(async () => /Wat heb je gezien\?/.test(await (await find(driver, "[data-testid=feedback-text]")).getAttribute("value")), 5000, "the request text");
    const from = await find(driver, "[data-testid=feedback-from]");
    await from.clear();
    await from.sendKeys("Sanne de Vries");
    await type(driver, "[data-testid=feedback-score]", "11");
    await type(driver, "[data-testid=feedback-seen]", "Zaterdag de ochtendploeg zelf ingedeeld 👍");
    await click(driver, "[data-testid=feedback-save]");
    assert.match(await textOf(driver, "[data-testid=feedback-error]"), /Score moet tussen 0 en 10/);
    const score = await find(driver, "[data-testid=feedback-score]");
    await score.clear();
    await score.sendKeys("8");
    await click(driver, "[data-testid=feedback-save]");
    assert.match(await textOf(driver, "[data-testid=feedback-earlier]"), /Sanne de Vries · 8\/10/);
    await screenshot(driver, "70-feedback-dialog");
    await driver.executeScript("document.querySelector('[data-testid=feedback-dialog]').close()");
    assert.match(await textOf(driver, "[data-testid=feedback-count]"), /1× feedback/);

    // The history lists it; the signed version is untouched.
    await click(driver, "[data-testid=tab-history]");
    await find(driver, "[data-testid=history-feedback-item]");
    assert.match(await textOf(driver, "[data-testid=history-feedback]"), /Zaterdag de ochtendploeg zelf ingedeeld/);
    assert.equal((await driver.findElements(By.css("[data-testid=seal-problems]"))).length, 0);
    assert.deepEqual(JSON.parse(run("plan", "history", plan, "--json")).versions, signed);

    // Under Direction: who works on the team goal.
    await click(driver, "[data-nav=direction]");
    assert.match(await textOf(driver, "[data-testid=linked-goal]"), /Zoë Çelik/);
    await screenshot(driver, "71-direction");

    // What it cost and what it brought: this year's plan with its planned costs.
    const year = String(new Date(start).getFullYear());
    await withElement(driver, "[data-testid=results]", (el) => driver.executeScript("arguments[0].scrollIntoView({block:'center'})", el));
    assert.match(await textOf(driver, "[data-testid=results-year]"), new RegExp(`^${year}`));
    await find(driver, "[data-testid=results-chart]");
    await screenshot(driver, "73-results");
    await click(driver, "[data-testid=results-csv]");
    await driver.wait(() => readdirSync(saveDir).some((f) => f.endsWith(".csv")), 5000, "the results sheet is written");
    const csv = readFileSync(join(saveDir, readdirSync(saveDir).find((f) => f.endsWith(".csv"))), "utf8");
    assert.match(csv, /Doelen gehaald/);
    assert.match(csv, /Zoë Çelik/);

    // The next check-in shows what the observer saw with Reality.
    await click(driver, "[data-nav=checkins]");
    await click(driver, "[data-testid=record-extra]");
    await find(driver, "[data-testid=record-form]");
    await find(driver, "[data-testid=checkin-feedback]");
    assert.match(await textOf(driver, "[data-testid=checkin-feedback]"), /Sanne de Vries · 8\/10/);
    await click(driver, "[data-testid=checkin-feedback-use]");
    const reality = await (await find(driver, "[data-testid=grow-reality]")).getAttribute("value");
    assert.match(reality, /Sanne de Vries \(.*8\/10\): Zaterdag de ochtendploeg/);
    await withElement(driver, "[data-testid=checkin-feedback]", (el) => driver.executeScript("arguments[0].scrollIntoView({block:'center'})", el));
    await screenshot(driver, "72-checkin-feedback");
  } finally {
    await driver.quit();
  }
});
