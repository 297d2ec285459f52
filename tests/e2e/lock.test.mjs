// End to end: a journal entry written and found, then the data file encrypted from the
// settings (after the warning), the marker text nowhere on disk, the app locked and a wrong
// passphrase refused, unlocked, and after a restart the passphrase screen comes first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { click, find, freshDataDir, screenshot, startDriver, textOf, textsOf, type, withElement } from "./harness.mjs";

const MARKER = "Zeldzaamwoord-Qx7 over de coördinatie";
const PASSPHRASE = "lange zin met 🍞 erin";

/** Every file of the store: database, WAL, and the backups. */
function storeFiles(dir) {
  const files = readdirSync(dir).map((f) => join(dir, f));
  const backups = join(dir, "backups");
  if (existsSync(backups)) files.push(...readdirSync(backups).map((f) => join(backups, f)));
  return files.filter((f) => !f.endsWith("backups"));
}

async function search(driver, words) {
  await click(driver, "[data-nav=journal]");
  await type(driver, "[data-testid=journal-search]", words);
  return textsOf(driver, "[data-testid=journal-hit]", 1);
}

test("write an entry, find it, encrypt, lock, unlock, restart", async (t) => {
  const dir = freshDataDir("lock");
  const db = join(dir, "groeikoers.sqlite3");
  const wd = await startDriver({ db });
  t.after(() => wd.stop());
  let driver = await wd.session();
  try {
    await click(driver, "label:has([data-testid=mode-personal])");
    await type(driver, "[data-testid=my-name]", "Joyce Bakker");
    await click(driver, "[data-testid=start]");
    await click(driver, "[data-nav=journal]");
    await type(driver, "[data-testid=journal-text]", `${MARKER}: vandaag zelf het overleg voorgezeten.`);
    await click(driver, "[data-testid=journal-save]");
    await textsOf(driver, "[data-testid=journal-entry]", 1);
    assert.match((await search(driver, "zeldzaamwoord-qx7"))[0], /Zeldzaamwoord/);

    // Encrypt: the warning must be acknowledged first.
    await click(driver, "[data-nav=settings]");
    await click(driver, "[data-testid=enable-encryption]");
    await type(driver, "[data-testid=new-passphrase]", PASSPHRASE);
    await type(driver, "[data-testid=repeat-passphrase]", PASSPHRASE);
    await click(driver, "[data-testid=passphrase-submit]");
    assert.match(await textOf(driver, "[data-testid=passphrase-error]"), /vergeten wachtwoordzin/);
    await screenshot(driver, "40-encrypt-warning");
    // The passphrase typed stays in the fields; only the acknowledgement was missing.
    await click(driver, "[data-testid=understood]");
    // A repetition that differs: only the repetition is typed again, the passphrase stays.
    await withElement(driver, "[data-testid=repeat-passphrase]", async (el) => {
      await driver.executeScript("arguments[0].select()", el);
      await el.sendKeys("een andere zin");
    });
    // (Read in the page: what the driver typed, which may lack the emoji it cannot type.)
    const typed = () => withElement(driver, "[data-testid=new-passphrase]", (el) => driver.executeScript("return arguments[0].value;", el));
    const before = await typed();
    assert.ok(before.startsWith("lange zin met"), before);
    await click(driver, "[data-testid=passphrase-submit]");
    assert.match(await textOf(driver, "[data-testid=passphrase-error]"), /herhaling/);
    assert.equal(await typed(), before, "the new passphrase is still there");
    assert.equal(await withElement(driver, "[data-testid=repeat-passphrase]", (el) => el.getAttribute("value")), "");
    await type(driver, "[data-testid=repeat-passphrase]", PASSPHRASE);
    await click(driver, "[data-testid=passphrase-submit]");
    await driver.wait(
      async () => /versleuteld met/.test(await textOf(driver, "[data-testid=encryption-status]")),
      15000,
      "encryption is on",
    );
    await find(driver, "[data-testid=backup]");
    await screenshot(driver, "41-encrypted");
    for (const f of storeFiles(dir)) {
      assert.ok(!readFileSync(f).includes(Buffer.from("Zeldzaamwoord")), `the marker is readable in ${f}`);
    }

    // Lock; a wrong passphrase is refused with a message; the right one opens.
    await click(driver, "[data-testid=lock-now]");
    await find(driver, "[data-testid=unlock]");
    await type(driver, "[data-testid=unlock-passphrase]", "niet de goede");
    await click(driver, "[data-testid=unlock-submit]");
    assert.match(await textOf(driver, "[data-testid=unlock-error]"), /wachtwoordzin opent/);
    assert.doesNotMatch(await textOf(driver, "[data-testid=unlock-error]"), /\//, "no file path in the message");
    // The typed text stays, selected, to be typed over.
    const kept = await withElement(driver, "[data-testid=unlock-passphrase]", (el) =>
      driver.executeScript("return [arguments[0].value, arguments[0].selectionStart, arguments[0].selectionEnd, document.activeElement === arguments[0]]", el),
    );
    assert.deepEqual(kept, ["niet de goede", 0, 13, true]);
    await screenshot(driver, "42-unlock-wrong");
    await type(driver, "[data-testid=unlock-passphrase]", PASSPHRASE);
    await click(driver, "[data-testid=unlock-submit]");
    await find(driver, "[data-testid=shell]");
    assert.match((await search(driver, "ZELDZAAMWOORD-QX7"))[0], /Zeldzaamwoord/);
  } finally {
    await driver.quit();
  }

  // After a restart the passphrase comes first.
  driver = await wd.session();
  try {
    await find(driver, "[data-testid=unlock]");
    await screenshot(driver, "43-unlock-at-start");
    await type(driver, "[data-testid=unlock-passphrase]", PASSPHRASE);
    await click(driver, "[data-testid=unlock-submit]");
    assert.match((await search(driver, "coordinatie"))[0], /Zeldzaamwoord/);
  } finally {
    await driver.quit();
  }
});
