// End to end in the real window: on a plan made from a worked example, a GROW check-in is
// refused with a bad agreement date, then recorded; it shows in the history with the progress
// chart, its agreement is on the Overview board this week, and the calendar file is written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { By, click, find, freshDataDir, repo, screenshot, startDriver, textOf, textsOf, type } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");

/** Texts of the elements matching `css`, once there is at least one. */
async function someTexts(driver, css) {
  await find(driver, css);
  const els = await driver.findElements(By.css(css));
  return Promise.all(els.map((e) => e.getText()));
}

test("record a GROW check-in, see it in the history and on the board, export the calendar", async (t) => {
  const dir = freshDataDir("checkins");
  const db = join(dir, "groeikoers.sqlite3");
  const person = execFileSync(cli, ["--db", db, "person", "add", "--name", "Sanne de Boer", "--role", "Projectcoördinator"])
    .toString()
    .trim();
  execFileSync(cli, ["--db", db, "plan", "new", "--person", person, "--example", "projectcoordinator-naar-projectleider"]);
  const wd = await startDriver({ db, env: { GROEIKOERS_E2E_SAVE_DIR: dir } });
  t.after(() => wd.stop());
  const driver = await wd.session();
  const today = new Date().toLocaleDateString("sv-SE");
  try {
    await type(driver, "[data-testid=organisation-name]", "Installatiebedrijf Jansen");
    await click(driver, "[data-testid=start]");
    await click(driver, "[data-nav=checkins]");
    const planned = await someTexts(driver, "[data-testid=schedule-entry]");
    assert.match(planned[0], /Gepland/);
    await screenshot(driver, "30-checkins-schedule");

    await click(driver, "[data-testid=record-extra]");
    await find(driver, "[data-testid=record-form]");
    await type(driver, "[data-testid=grow-reality]", "Twee bouwoverleggen zelf voorgezeten 🎯");
    await type(driver, "[data-testid=grow-will]", "Volgende keer de agenda vooraf rondsturen.");
    await type(driver, "[data-testid=agreement-text]", "Agenda bouwoverleg zelf opstellen");
    await type(driver, "[data-testid=agreement-due]", "2026-02-30");
    await click(driver, "[data-testid=save-checkin]");
    assert.match(await textOf(driver, "[data-testid=record-error]"), /Datum van de afspraak is geen geldige datum/);
    await screenshot(driver, "31-checkin-refused");

    const due = await find(driver, "[data-testid=agreement-due]");
    await driver.executeScript("arguments[0].select();", due);
    await due.sendKeys(today);
    await click(driver, "[data-testid=save-checkin]");
    const history = await textsOf(driver, "[data-testid=history-entry]", 1);
    assert.match(history[0], /Twee bouwoverleggen zelf voorgezeten/);
    await find(driver, "[data-testid=progress-chart]");
    const followUps = await textsOf(driver, "[data-testid=follow-up]", 1);
    assert.match(followUps[0], /Agenda bouwoverleg zelf opstellen/);
    await screenshot(driver, "32-checkin-history");

    await click(driver, "[data-nav=overview]");
    await find(driver, "[data-testid=board-week]");
    const week = await someTexts(driver, "[data-testid=board-week] [data-testid=due-item]");
    assert.ok(
      week.some((w) => /Agenda bouwoverleg zelf opstellen/.test(w) && /Sanne de Boer/.test(w)),
      `the agreement is on the board this week: ${week.join(" | ")}`,
    );
    await screenshot(driver, "33-overview-board");

    await click(driver, "[data-testid=export-all-ics]");
    const ics = join(dir, "Groeikoers.ics");
    await driver.wait(async () => existsSync(ics), 8000, "the calendar file is written");
    const text = readFileSync(ics, "utf8");
    assert.match(text, /BEGIN:VTIMEZONE/);
    assert.match(text, /TZID:Europe\/Amsterdam/);
    assert.match(text, /SUMMARY:POP-gesprek Sanne de Boer/);
    assert.match(text, /BEGIN:VALARM/);
  } finally {
    await driver.quit();
  }
});
