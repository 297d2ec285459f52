// End to end: sign as both parties (one with a drawn signature), see the plan locked, make a
// new version, export the PDF with the fingerprint, and verify the fingerprint in Settings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { find, freshDataDir, repo, screenshot, startDriver } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");
const nl = { env: { ...process.env, LANG: "nl_NL.UTF-8", LC_ALL: "" } };

async function signAs(driver, party, name, draw) {
  await (await find(driver, "[data-testid=sign]")).click();
  const dialog = await find(driver, "[data-testid=sign-dialog]");
  await (await find(driver, `label:has([data-testid=party-${party}])`)).click();
  const nameField = await dialog.findElement({ css: "[name=signName]" });
  await driver.executeScript("arguments[0].select()", nameField);
  await nameField.sendKeys(name);
  if (draw) {
    const pad = await dialog.findElement({ css: "canvas" });
    const actions = driver.actions({ async: true });
    await actions.move({ origin: pad, x: -150, y: 10 }).press().move({ origin: pad, x: -60, y: -25 })
      .move({ origin: pad, x: 20, y: 20 }).move({ origin: pad, x: 120, y: -15 }).release().perform();
  }
  return dialog;
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
    let dialog = await signAs(driver, "employee", "Sanne de Boer", true);
    await screenshot(driver, "22-sign-dialog");
    await (await dialog.findElement({ css: "[data-testid=sign-submit]" })).click();
    const error = await find(driver, "[data-testid=sign-error]");
    assert.match(await error.getText(), /Akkoordverklaring is verplicht/);
    await (await dialog.findElement({ css: "[data-testid=consent]" })).click();
    await (await dialog.findElement({ css: "[data-testid=sign-submit]" })).click();
    await driver.wait(async () => (await (await find(driver, "[data-testid=signing]")).getText()).includes("Getekend door Sanne de Boer"), 5000);

    dialog = await signAs(driver, "manager", "Mia Jansen", false);
    await (await dialog.findElement({ css: "[data-testid=consent]" })).click();
    await (await dialog.findElement({ css: "[data-testid=sign-submit]" })).click();
    const fingerprint = await (await find(driver, "[data-testid=fingerprint]")).getText();
    assert.match(fingerprint, /^GK-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    await find(driver, "[data-testid=locked-notice]");
    assert.equal(await (await find(driver, "[name=goalTitle]")).isEnabled(), false, "a signed plan cannot be edited");
    await screenshot(driver, "23-signed-and-locked");

    // The PDF carries the fingerprint and both names.
    await (await find(driver, "[data-testid=export-pdf]")).click();
    const pdf = join(dir, "Op weg naar projectleider.pdf");
    await driver.wait(async () => existsSync(pdf), 5000, "PDF written");
    const text = execFileSync("pdftotext", [pdf, "-"]).toString();
    assert.ok(text.includes(fingerprint), "fingerprint in the PDF");
    assert.match(text, /Mia Jansen/);
    execFileSync("pdftoppm", ["-png", "-r", "50", "-f", "2", "-l", "2", pdf, join(dir, "page")]);
    assert.match(execFileSync(cli, ["--db", db, "plan", "verify", pdf]).toString(), /Sanne de Boer/);

    // A new version is an editable draft; the history shows both.
    await (await find(driver, "[data-testid=new-version]")).click();
    await (await find(driver, "[data-testid=version-reason]")).sendKeys("Begroting later");
    await (await find(driver, "[data-testid=make-version]")).click();
    await driver.wait(
      async () => {
        const badge = await driver.findElements({ css: "[data-testid=plan-status]" });
        return badge.length > 0 && (await badge[0].getText()) === "Concept";
      },
      5000,
      "the new version opens as a draft",
    );
    assert.equal(await (await find(driver, "[name=goalTitle]")).isEnabled(), true, "the new version is editable");
    await (await find(driver, "[data-testid=tab-history]")).click();
    await driver.wait(async () => (await driver.findElements({ css: "[data-testid=version]" })).length === 2, 5000);
    await screenshot(driver, "24-history");

    // Settings: the fingerprint is recognised.
    await (await find(driver, "[data-nav=settings]")).click();
    await (await find(driver, "[data-testid=verify-code]")).sendKeys(fingerprint.toLowerCase());
    await (await find(driver, "[data-testid=verify-check]")).click();
    const result = await find(driver, "[data-testid=verify-result]");
    await driver.wait(async () => (await result.getText()).includes("Sanne de Boer"), 5000);
    assert.match(await result.getText(), /versie 1/);
    await screenshot(driver, "25-verified");
  } finally {
    await driver.quit();
  }
  assert.match(execFileSync(cli, ["--db", db, "log", "verify"]).toString(), /chain holds/);
});
