// End to end: export a plan to a file from the app, import it into another store as a new
// person, and see a damaged file refused with a message and nothing imported.
// GROEIKOERS_E2E_SAVE_DIR / GROEIKOERS_E2E_OPEN_FILE answer the native file dialogs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { find, freshDataDir, planFileName, repo, screenshot, startDriver, textsOf } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");
// The CLI writes new plans in the language of the locale; these are Dutch.
const nl = { env: { ...process.env, LANG: "nl_NL.UTF-8", LC_ALL: "" } };

async function onboard(driver, organisation) {
  await (await find(driver, "[data-testid=organisation-name]")).sendKeys(organisation);
  await (await find(driver, "[data-testid=start]")).click();
  await (await find(driver, "[data-nav=plans]")).click();
}

test("export a plan from the app and import it elsewhere; a damaged file is refused", async (t) => {
  const dir = freshDataDir("exchange");
  const dbA = join(dir, "a.sqlite3");
  const dbB = join(dir, "b.sqlite3");
  const file = join(dir, `${planFileName("Lotte Visser")}.pop.json`);
  const person = execFileSync(cli, ["--db", dbA, "person", "add", "--name", "Lotte Visser", "--role", "Verkoopmedewerker"], nl)
    .toString()
    .trim();
  const plan = execFileSync(cli, ["--db", dbA, "plan", "new", "--person", person, "--example", "winkelmedewerker-naar-ploegleider"], nl)
    .toString()
    .trim();

  const a = await startDriver({ db: dbA, env: { GROEIKOERS_E2E_SAVE_DIR: dir } });
  t.after(() => a.stop());
  let driver = await a.session();
  try {
    await onboard(driver, "Bakkerij De Korenaar");
    await (await find(driver, "[data-testid=plan-row]")).click();
    await (await find(driver, "[data-testid=export-plan]")).click();
    const toast = await find(driver, "[data-testid=toast]");
    assert.ok((await toast.getText()).includes(`${planFileName("Lotte Visser")}.pop.json`), "the toast names the file");
    await screenshot(driver, "19-exported");

    // The printable PDF, through the same save dialog; the toast offers to open it.
    await (await find(driver, "[data-testid=export-pdf]")).click();
    await driver.wait(async () => existsSync(join(dir, `${planFileName("Lotte Visser")}.pdf`)), 5000, "PDF written");
    const text = execFileSync("pdftotext", [join(dir, `${planFileName("Lotte Visser")}.pdf`), "-"]).toString();
    assert.match(text, /Ploegleider in de winkel/);
    assert.match(text, /Lotte Visser/);
    assert.match(text, /Pagina 1 van 2/);
  } finally {
    await driver.quit();
  }
  const exported = readFileSync(file, "utf8");
  const versions = (text) => JSON.stringify(JSON.parse(text).versions);
  assert.equal(versions(exported), versions(execFileSync(cli, ["--db", dbA, "plan", "export", plan]).toString()), "the same versions as the CLI export");

  const good = join(dir, "good.pop.json");
  copyFileSync(file, good);
  writeFileSync(file, exported.slice(0, 500));
  const b = await startDriver({ db: dbB, env: { GROEIKOERS_E2E_OPEN_FILE: file } });
  t.after(() => b.stop());
  driver = await b.session();
  try {
    await onboard(driver, "Bakkerij Twee");
    await (await find(driver, "[data-testid=import-plan]")).click();
    await (await find(driver, "[data-testid=import-choose]")).click();
    const error = await find(driver, "[data-testid=import-error]");
    assert.match(await error.getText(), /geen leesbaar POP-bestand.*Er is niets geïmporteerd/);
    await screenshot(driver, "20-import-refused");
    assert.equal(execFileSync(cli, ["--db", dbB, "plan", "list", "--json"]).toString().trim(), "[]");

    copyFileSync(good, file);
    await (await find(driver, "[data-testid=import-choose]")).click();
    // The preview: what will change, and whose plan it is (the first time).
    const changes = await find(driver, "[data-testid=import-changes]");
    assert.match(await changes.getText(), /Versie 1 toevoegen \(concept\)/);
    assert.match(await (await find(driver, "[data-testid=import-preview]")).getText(), /Lotte Visser/);
    await screenshot(driver, "20b-import-preview");
    assert.equal(execFileSync(cli, ["--db", dbB, "plan", "list", "--json"]).toString().trim(), "[]", "a preview writes nothing");
    // The first package from computer A: nothing is imported until its code is compared.
    const codeA = execFileSync(cli, ["--db", dbA, "device", "show"]).toString().trim().split("\t")[1];
    assert.match(await (await find(driver, "[data-testid=import-unpaired]")).getText(), /nog niet gekoppeld/);
    assert.equal(await (await find(driver, "[data-testid=import-fingerprint]")).getText(), codeA);
    assert.equal(await (await find(driver, "[data-testid=import-confirm]")).isEnabled(), false, "no import before the code is compared");
    await screenshot(driver, "20c-pairing-question-nl");
    await (await find(driver, "[data-testid=import-compared]")).click();
    await (await find(driver, "[data-testid=import-confirm]")).click();
    const title = await find(driver, "[data-testid=plan-title]");
    assert.equal(await title.getText(), "Ploegleider in de winkel");
    await (await find(driver, "[data-nav=people]")).click();
    assert.deepEqual(await textsOf(driver, "[data-testid=person-name]", 1), ["Lotte Visser"], "imported as a new person");
    await screenshot(driver, "21-imported");
    const paired = JSON.parse(execFileSync(cli, ["--db", dbB, "device", "list", "--json"]).toString());
    assert.equal(paired.length, 1);
    assert.equal(paired[0].keyFingerprint, codeA);
    assert.equal(paired[0].personName, "Lotte Visser", "paired as Lotte's device on the owner's computer");
  } finally {
    await driver.quit();
  }
});
