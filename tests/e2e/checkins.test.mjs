// End to end in the real window: on a plan made from a worked example, a GROW check-in is
// refused with a bad agreement date, then recorded; it shows in the history with the progress
// chart, its agreement is on the Overview board this week, and the calendar file is written.
// The owner's table shows the person and is exported as CSV and XLSX; the plan is evaluated
// and the evaluation printed as PDF; reminder times and starting at login are set.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { By, click, find, freshDataDir, repo, screenshot, startDriver, textOf, textsOf, type, withElement } from "./harness.mjs";

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
  execFileSync(cli, ["--db", db, "plan", "new", "--person", person, "--example", "projectcoordinator-naar-projectleider", "--lang", "nl"]);
  // A home of its own, so the login item is written there and not in the user's.
  const home = join(dir, "home");
  const wd = await startDriver({ db, env: { GROEIKOERS_E2E_SAVE_DIR: dir, HOME: home } });
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
    assert.match(await textOf(driver, "[data-testid=record-form] [data-testid=date-error]"), /^Uiterlijk: dit is geen bestaande datum/);
    await screenshot(driver, "31-checkin-refused");

    const due = await find(driver, "[data-testid=agreement-due]");
    await driver.executeScript("arguments[0].select();", due);
    await due.sendKeys(today);

    // A conversation dated tomorrow has not been held: refused with a word, nothing saved.
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toLocaleDateString("sv-SE");
    const held = await find(driver, "[data-testid=held-on]");
    await driver.executeScript("arguments[0].select();", held);
    await held.sendKeys(tomorrow);
    await click(driver, "[data-testid=save-checkin]");
    assert.match(await textOf(driver, "[data-testid=record-error]"), /toekomst/);
    await driver.executeScript("arguments[0].select();", held);
    await held.sendKeys(today);

    // Progress starts empty (no score, no state): a score without a state is refused here.
    assert.equal(await withElement(driver, "[data-testid=progress-score]", (el) => el.getAttribute("value")), "");
    assert.equal(await withElement(driver, "[data-testid=progress-state]", (el) => el.getAttribute("value")), "");
    await type(driver, "[data-testid=progress-score]", "7");
    // In a small window the refused form brings its first error into view and focuses it.
    await driver.manage().window().setRect({ width: 800, height: 600 });
    await driver.executeScript("window.scrollTo(0, 0); document.querySelectorAll('*').forEach((e) => { if (e.scrollTop) e.scrollTop = 0; });");
    await click(driver, "[data-testid=save-checkin]");
    assert.match(await textOf(driver, "[data-testid=progress-error]"), /score én een stand/);
    await driver.wait(
      async () => (await driver.executeScript("return document.activeElement?.dataset?.testid ?? null;")) === "progress-state",
      5000,
      "the status without a value is focused",
    );
    const seen = await driver.executeScript(
      "const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;",
    );
    assert.equal(seen, true, "the focused field is in view at 800x600");
    await screenshot(driver, "31b-checkin-error-in-view-800x600");
    await driver.executeScript(
      "const s = document.querySelector('[data-testid=progress-state]'); s.value = 'onTrack'; s.dispatchEvent(new Event('change', { bubbles: true }));",
    );
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

    // The owner's table: Sanne with her draft plan and today's check-in; CSV and Excel.
    await click(driver, "[data-testid=tab-team]");
    const rows = await textsOf(driver, "[data-testid=team-row]", 1);
    assert.match(rows[0], /Sanne de Boer/);
    assert.match(rows[0], /Concept/);
    await screenshot(driver, "34-overview-team");
    await click(driver, "[data-testid=export-team-csv]");
    const csv = join(dir, "Overzicht POP.csv");
    await driver.wait(async () => existsSync(csv), 8000, "the CSV is written");
    const csvText = readFileSync(csv, "utf8");
    assert.match(csvText, /^\uFEFFNaam;Functie;Status;Plan/);
    assert.match(csvText, /Sanne de Boer;Projectcoördinator;concept;/);
    await click(driver, "[data-testid=export-team-xlsx]");
    const xlsx = join(dir, "Overzicht POP.xlsx");
    await driver.wait(async () => existsSync(xlsx), 8000, "the XLSX is written");
    assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), "PK");

    // The evaluation: one goal achieved, saved, then printed.
    await click(driver, "[data-nav=checkins]");
    await click(driver, "[data-testid=start-evaluation]");
    await screenshot(driver, "35-evaluation-form");
    await click(driver, "[data-testid=evaluation-goal] label:has([data-testid=outcome-achieved])");
    await type(driver, "[data-testid=evaluation-reflection]", "Een jaar waarin Sanne zelf de overleggen leidde.");
    await click(driver, "[data-testid=save-evaluation]");
    assert.match(await textOf(driver, "[data-testid=evaluation-result]"), /Behaald/);
    await screenshot(driver, "35-evaluation");
    await click(driver, "[data-testid=evaluation-pdf]");
    const pdf = join(dir, "Evaluatie POP Sanne de Boer.pdf");
    await driver.wait(async () => existsSync(pdf), 8000, "the evaluation PDF is written");
    const pdfText = execFileSync("pdftotext", [pdf, "-"]).toString();
    assert.match(pdfText, /Evaluatie van het ontwikkelplan/);
    assert.match(pdfText, /Een jaar waarin Sanne zelf de overleggen leidde\./);

    // The goals that go on make a follow-up plan: it opens in the editor, named after its years.
    await click(driver, "[data-testid=carry-over]");
    await driver.wait(
      async () => /\(\d{4}–\d{4}\)$/.test(await textOf(driver, "[data-testid=plan-title]")),
      5000,
      "the follow-up plan opens in the editor",
    );
    await screenshot(driver, "35b-follow-up-plan");

    // Reminder times and starting at login (the login item lands in ~/.config/autostart).
    await click(driver, "[data-nav=settings]");
    await textsOf(driver, "[data-testid=lead]", 2);
    await click(driver, "[data-testid=add-lead]");
    await textsOf(driver, "[data-testid=lead]", 3);
    await click(driver, "[data-testid=save-leads]");
    await click(driver, "[data-testid=start-at-login]");
    await screenshot(driver, "36-reminder-settings");
    const desktop = join(home, ".config", "autostart", "Groeikoers.desktop");
    await driver.wait(async () => existsSync(desktop), 8000, "the login item is written");
    assert.match(readFileSync(desktop, "utf8"), /--hidden/);
    await click(driver, "[data-testid=start-at-login]");
    await driver.wait(async () => !existsSync(desktop), 8000, "the login item is removed");
  } finally {
    await driver.quit();
  }
});
