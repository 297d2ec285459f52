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
