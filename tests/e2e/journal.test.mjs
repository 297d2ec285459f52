// End to end: write a journal entry, find it by search regardless of accents and case, and
// an empty entry is refused with a message.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { find, freshDataDir, screenshot, startDriver, textsOf } from "./harness.mjs";

test("write a journal entry and find it by search", async (t) => {
  const db = join(freshDataDir("journal"), "groeikoers.sqlite3");
  const wd = await startDriver({ db });
  t.after(() => wd.stop());
  const driver = await wd.session();
  try {
    await (await find(driver, "label:has([data-testid=mode-personal])")).click();
    await (await find(driver, "[data-testid=my-name]")).sendKeys("Joyce Bakker");
    await (await find(driver, "[data-testid=start]")).click();
    await (await find(driver, "[data-nav=journal]")).click();

    await (await find(driver, "[data-testid=journal-save]")).click();
    assert.match(await (await find(driver, "[data-testid=journal-error]")).getText(), /Tekst is verplicht/);

    await (await find(driver, "[data-testid=journal-text]")).sendKeys("Eén goed gesprek met Fatima over de coördinatie van de facturen.");
    await (await find(driver, "[data-testid=journal-save]")).click();
    await textsOf(driver, "[data-testid=journal-entry]", 1);
    await screenshot(driver, "26-journal");

    await (await find(driver, "[data-testid=journal-search]")).sendKeys("EEN coordinatie");
    const hits = await textsOf(driver, "[data-testid=journal-hit]", 1);
    assert.match(hits[0], /coördinatie/);
    const marks = await driver.findElements({ css: "[data-testid=journal-hit] mark" });
    assert.equal(marks.length, 2, "both words are highlighted");
    await screenshot(driver, "27-journal-search");
  } finally {
    await driver.quit();
  }
});

test("my own entry in Markdown, linked to my goal, edited, deleted with Undo, used in a check-in and printed", async (t) => {
  const { execFileSync } = await import("node:child_process");
  const { existsSync } = await import("node:fs");
  const { click, type, textOf, Key, withElement } = await import("./harness.mjs");
  const dir = freshDataDir("journal-use");
  const db = join(dir, "groeikoers.sqlite3");
  const wd = await startDriver({ db, env: { GROEIKOERS_E2E_SAVE_DIR: dir } });
  t.after(() => wd.stop());
  const driver = await wd.session();
  try {
    // The journal belongs to whoever uses this computer: here Sanne, with her own plan.
    await click(driver, "label:has([data-testid=mode-personal])");
    await type(driver, "[data-testid=my-name]", "Sanne de Boer");
    await click(driver, "[data-testid=start]");
    await click(driver, "[data-nav=plans]");
    await click(driver, "[data-testid=new-plan]");
    await click(driver, "label:has([data-testid=example-projectcoordinator-naar-projectleider])");
    await click(driver, "[data-testid=create-plan]");
    await find(driver, "[name=goalTitle]");
    await click(driver, "[data-nav=journal]");
    assert.match(await textOf(driver, "[data-testid=journal-private]"), /leidinggevende/);
    await type(
      driver,
      "[data-testid=journal-text]",
      "**Bouwoverleg** zelf geleid.",
      Key.ENTER,
      "- agenda vooraf",
      Key.ENTER,
      "- notulen binnen een dag",
    );
    // Linked to the first goal of her own plan.
    const goal = await find(driver, "[data-testid=journal-goal]");
    await (await goal.findElements({ css: "option" }))[1].click();
    await click(driver, "[data-testid=journal-save]");
    await textsOf(driver, "[data-testid=journal-entry]", 1);
    assert.equal(await textOf(driver, "[data-testid=journal-entry] strong"), "Bouwoverleg");
    assert.equal((await driver.findElements({ css: "[data-testid=journal-entry] li" })).length, 2);
    assert.match(await textOf(driver, "[data-testid=entry-goal]"), /^Doel: /);

    // Edited in place: Escape with a change asks first; saving keeps the entry.
    await click(driver, "[data-testid=edit-entry]");
    const area = await find(driver, "[data-testid=edit-entry-text]");
    await area.sendKeys(Key.END, " Volgende keer korter.");
    await area.sendKeys(Key.ESCAPE);
    await find(driver, "[data-testid=discard-bar]");
    await click(driver, "[data-testid=keep-editing]");
    assert.match(await withElement(driver, "[data-testid=edit-entry-text]", (el) => el.getAttribute("value")), /Volgende keer korter\.$/);
    await click(driver, "[data-testid=edit-entry-save]");
    await driver.wait(async () => /Volgende keer korter/.test(await textOf(driver, "[data-testid=journal-entry]")), 5000, "the edit is saved");
    await screenshot(driver, "28a-journal-edited");

    // Deleted, and back with Undo.
    await click(driver, "[data-testid=delete-entry]");
    await driver.wait(async () => (await driver.findElements({ css: "[data-testid=journal-entry]" })).length === 0, 5000, "the entry is gone");
    await click(driver, "[data-testid=toast] .link");
    await textsOf(driver, "[data-testid=journal-entry]", 1);
    assert.match(await textOf(driver, "[data-testid=journal-entry]"), /Volgende keer korter/);

    await click(driver, "[data-testid=use-entry]");
    assert.match(await textOf(driver, "[data-testid=use-preview]"), /agenda vooraf/);
    await screenshot(driver, "28-journal-use-preview");
    await click(driver, "[data-testid=use-checkin]");
    await find(driver, "[data-testid=record-form]");
    const reality = await find(driver, "[data-testid=grow-reality]");
    assert.match(await reality.getAttribute("value"), /Bouwoverleg\*\* zelf geleid/);

    await click(driver, "[data-nav=journal]");
    await click(driver, ".extract summary");
    await click(driver, "[data-testid=extract-pdf]");
    const from = await (await find(driver, "[data-testid=extract-from]")).getAttribute("data-iso");
    const to = await (await find(driver, "[data-testid=extract-to]")).getAttribute("data-iso");
    const pdf = join(dir, `Dagboek ${from} – ${to}.pdf`);
    await driver.wait(async () => existsSync(pdf), 8000, "the extract is written");
    const text = execFileSync("pdftotext", [pdf, "-"]).toString();
    assert.match(text, /Uit mijn ontwikkeldagboek/);
    assert.match(text, /Bouwoverleg zelf geleid\./);
    await screenshot(driver, "29-journal-extract");
  } finally {
    await driver.quit();
  }
});
