// End to end: sign as both parties (one with a drawn signature), see the plan locked, make a
// new version, export the PDF with the fingerprint, and verify the fingerprint in Settings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { By, click, find, freshDataDir, planFileName, repo, screenshot, startDriver, textOf, withElement } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");
const nl = { env: { ...process.env, LANG: "nl_NL.UTF-8", LC_ALL: "" } };

async function signAs(driver, party, name, draw) {
  await click(driver, "[data-testid=sign]");
  await find(driver, "[data-testid=sign-dialog]");
  await click(driver, `label:has([data-testid=party-${party}])`);
  await withElement(driver, "[name=signName]", async (field) => {
    await driver.executeScript("arguments[0].select()", field);
    await field.sendKeys(name);
  });
  if (draw) {
    await withElement(driver, "[data-testid=sign-dialog] canvas", (pad) =>
      driver
        .actions({ async: true })
        .move({ origin: pad, x: -150, y: 10 })
        .press()
        .move({ origin: pad, x: -60, y: -25 })
        .move({ origin: pad, x: 20, y: 20 })
        .move({ origin: pad, x: 120, y: -15 })
        .release()
        .perform(),
    );
  }
}

test("sign as both parties, see it locked, make a new version, export and verify the PDF", async (t) => {
  const dir = freshDataDir("signing");
  const db = join(dir, "groeikoers.sqlite3");
  const person = execFileSync(cli, ["--db", db, "person", "add", "--name", "Sanne de Boer", "--role", "Projectcoördinator"], nl)
    .toString()
    .trim();
  execFileSync(cli, ["--db", db, "plan", "new", "--person", person, "--example", "projectcoordinator-naar-projectleider"], nl);
  const wd = await startDriver({ db, env: { GROEIKOERS_E2E_SAVE_DIR: dir } });
  t.after(() => wd.stop());
  const driver = await wd.session();
  try {
    await (await find(driver, "[data-testid=organisation-name]")).sendKeys("Installatiebedrijf Jansen");
    await (await find(driver, "[data-testid=start]")).click();
    await (await find(driver, "[data-nav=plans]")).click();
    await (await find(driver, "[data-testid=plan-row]")).click();

    // Without ticking the consent statement, signing is refused with a message.
    await signAs(driver, "employee", "Sanne de Boer", true);
    // The date reads as dates read everywhere else in the app ("7 december 2026").
    const shown = await withElement(driver, "[data-testid=sign-date]", (el) => el.getAttribute("value"));
    const today = new Date();
    const months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    assert.equal(shown, `${today.getDate()} ${months[today.getMonth()]} ${today.getFullYear()}`);
    await screenshot(driver, "22-sign-dialog");
    await click(driver, "[data-testid=sign-submit]");
    assert.match(await textOf(driver, "[data-testid=sign-error]"), /Akkoordverklaring is verplicht/);
    await click(driver, "[data-testid=consent]");
    await click(driver, "[data-testid=sign-submit]");
    await driver.wait(async () => (await textOf(driver, "[data-testid=signing]")).includes("Getekend door Sanne de Boer"), 5000);

    // One state with a name: no "Concept" beside "cannot be changed"; the fields read as locked.
    assert.equal(await textOf(driver, "[data-testid=plan-status]"), "Wacht op handtekening leidinggevende");
    assert.match(await textOf(driver, "[data-testid=locked-notice]"), /zodra de leidinggevende tekent/);
    const look = await withElement(driver, "[name=goalTitle]", (el) =>
      driver.executeScript("const s = getComputedStyle(arguments[0]); return [arguments[0].matches(':disabled'), s.borderTopColor, s.backgroundColor];", el),
    );
    assert.equal(look[0], true, "a half-signed plan cannot be edited");
    assert.match(look[1], /rgba\(0, 0, 0, 0\)|transparent/, `a locked field has no input border: ${look}`);
    await screenshot(driver, "22b-half-signed");
    await click(driver, "[data-testid=back]");
    assert.equal(await textOf(driver, "[data-testid=plan-row] [data-testid=plan-status]"), "Wacht op handtekening leidinggevende");
    await click(driver, "[data-testid=plan-row]");

    // The history tab stays open while the manager signs: it shows the signature at once.
    await click(driver, "[data-testid=tab-history]");
    await driver.wait(async () => (await textOf(driver, "[data-testid=version]")).includes("Sanne de Boer"), 5000);
    await signAs(driver, "manager", "Mia Jansen", false);
    await click(driver, "[data-testid=consent]");
    await click(driver, "[data-testid=sign-submit]");
    await driver.wait(
      async () => (await textOf(driver, "[data-testid=version]")).includes("Mia Jansen"),
      5000,
      "the open history tab shows the new signature",
    );
    assert.doesNotMatch(await textOf(driver, "[data-testid=version]"), /Concept/);
    await click(driver, "[data-testid=tab-plan]");
    const fingerprint = await textOf(driver, "[data-testid=fingerprint]");
    assert.match(fingerprint, /^GK-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    await find(driver, "[data-testid=locked-notice]");
    assert.equal(await withElement(driver, "[name=goalTitle]", (el) => el.isEnabled()), false, "a signed plan cannot be edited");
    await screenshot(driver, "23-signed-and-locked");

    // The PDF carries the fingerprint and both names.
    await click(driver, "[data-testid=export-pdf]");
    const pdf = join(dir, `${planFileName("Sanne de Boer")}.pdf`);
    await driver.wait(async () => existsSync(pdf), 5000, "PDF written");
    const text = execFileSync("pdftotext", [pdf, "-"]).toString();
    assert.ok(text.includes(fingerprint), "fingerprint in the PDF");
    assert.match(text, /Mia Jansen/);
    execFileSync("pdftoppm", ["-png", "-r", "50", "-f", "2", "-l", "2", pdf, join(dir, "page")]);
    assert.match(execFileSync(cli, ["--db", db, "plan", "verify", pdf]).toString(), /Sanne de Boer/);

    // Signed: one next step (the first conversation, a printout for the file); the later
    // steps wait under "more options" until they make sense.
    const next = await textOf(driver, "[data-testid=next-step]");
    assert.match(next, /eerste gesprek/);
    assert.equal(await (await find(driver, "[data-testid=mark-evaluated]")).isDisplayed(), false, "evaluating is not offered on day one");
    await find(driver, "[data-testid=go-checkins]");

    // A new version is an editable draft; the history shows both.
    await click(driver, "[data-testid=more-steps] summary");
    await click(driver, "[data-testid=new-version]");
    await withElement(driver, "[data-testid=version-reason]", (el) => el.sendKeys("Begroting later"));
    await click(driver, "[data-testid=make-version]");
    await driver.wait(
      async () => (await textOf(driver, "[data-testid=plan-status]").catch(() => "")) === "Concept",
      5000,
      "the new version opens as a draft",
    );
    assert.equal(await withElement(driver, "[name=goalTitle]", (el) => el.isEnabled()), true, "the new version is editable");
    await click(driver, "[data-testid=tab-history]");
    await driver.wait(async () => (await driver.findElements({ css: "[data-testid=version]" })).length === 2, 5000);
    await screenshot(driver, "24-history");

    // Settings: the fingerprint is recognised.
    await click(driver, "[data-nav=settings]");
    await withElement(driver, "[data-testid=verify-code]", (el) => el.sendKeys(fingerprint.toLowerCase()));
    await click(driver, "[data-testid=verify-check]");
    await driver.wait(async () => (await textOf(driver, "[data-testid=verify-result]")).includes("Sanne de Boer"), 5000);
    assert.match(await textOf(driver, "[data-testid=verify-result]"), /versie 1/);
    await screenshot(driver, "25-verified");
  } finally {
    await driver.quit();
  }
  assert.match(execFileSync(cli, ["--db", db, "log", "verify"]).toString(), /chain holds/);
});

test("a plan the POP-check finds errors in is signed only after saying so", async (t) => {
  const dir = freshDataDir("signing-errors");
  const db = join(dir, "groeikoers.sqlite3");
  const person = execFileSync(cli, ["--db", db, "person", "add", "--name", "Bram de Wit"], nl).toString().trim();
  execFileSync(cli, ["--db", db, "plan", "new", "--person", person], nl);
  const wd = await startDriver({ db });
  t.after(() => wd.stop());
  const driver = await wd.session();
  try {
    await (await find(driver, "[data-testid=organisation-name]")).sendKeys("Bakkerij Çelik");
    await (await find(driver, "[data-testid=start]")).click();
    await (await find(driver, "[data-nav=plans]")).click();
    await (await find(driver, "[data-testid=plan-row]")).click();
    await signAs(driver, "employee", "Bram de Wit", false);
    assert.match(await textOf(driver, "[data-testid=sign-findings]"), /POP-check vindt \d+ fout/);
    await click(driver, "[data-testid=consent]");
    await screenshot(driver, "24-sign-with-errors");
    await click(driver, "[data-testid=sign-submit]");
    assert.match(await textOf(driver, "[data-testid=sign-error]"), /Los ze op, of bevestig/);
    const unsigned = execFileSync(cli, ["--db", db, "plan", "list", "--json"], nl).toString();
    assert.equal(JSON.parse(unsigned)[0].status, "draft");
    await click(driver, "[data-testid=despite-findings]");
    await click(driver, "[data-testid=sign-submit]");
    await driver.wait(async () => (await textOf(driver, "[data-testid=signing]")).includes("Getekend door Bram de Wit"), 5000);
  } finally {
    await driver.quit();
  }
});

test("a mistaken draft is deleted, and Undo brings it back; a signed one has no delete", async (t) => {
  const dir = freshDataDir("delete-draft");
  const db = join(dir, "groeikoers.sqlite3");
  const person = execFileSync(cli, ["--db", db, "person", "add", "--name", "Fatima El Amrani"], nl).toString().trim();
  execFileSync(cli, ["--db", db, "plan", "new", "--person", person], nl);
  const wd = await startDriver({ db });
  t.after(() => wd.stop());
  const driver = await wd.session();
  const plans = () => JSON.parse(execFileSync(cli, ["--db", db, "plan", "list", "--json"], nl).toString());
  try {
    await (await find(driver, "[data-testid=organisation-name]")).sendKeys("Bakkerij Çelik");
    await (await find(driver, "[data-testid=start]")).click();
    await (await find(driver, "[data-nav=plans]")).click();
    await (await find(driver, "[data-testid=plan-row]")).click();
    await click(driver, "[data-testid=delete-draft]");
    assert.match(await textOf(driver, "[data-testid=toast]"), /verwijderd/);
    await screenshot(driver, "25-draft-deleted-undo");
    assert.equal(plans().length, 0, "the draft is gone from the store");
    await click(driver, "[data-testid=toast] button");
    await find(driver, "[data-testid=plan-title]");
    assert.equal(plans().length, 1, "Undo put it back");
    // Signed by one party: no delete any more.
    await signAs(driver, "employee", "Fatima El Amrani", false);
    await click(driver, "[data-testid=consent]");
    await click(driver, "[data-testid=despite-findings]");
    await click(driver, "[data-testid=sign-submit]");
    await driver.wait(async () => (await textOf(driver, "[data-testid=signing]")).includes("Getekend door"), 5000);
    assert.equal((await driver.findElements(By.css("[data-testid=delete-draft]"))).length, 0);
  } finally {
    await driver.quit();
  }
});
