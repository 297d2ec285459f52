// End to end in the real window: first run, people, and what survives a restart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { By, Key, find, freshDataDir, screenshot, startDriver, textsOf } from "./harness.mjs";

test("first run in English, add two people, restart: both are still listed", async (t) => {
  const db = join(freshDataDir("people"), "groeikoers.sqlite3");
  const wd = await startDriver({ db });
  t.after(() => wd.stop());

  let driver = await wd.session();
  try {
    const heading = await find(driver, "[data-testid=onboarding] h1");
    assert.equal(await heading.getText(), "Welkom bij Groeikoers", "Dutch is the default");
    await screenshot(driver, "01-first-run-dutch");

    await (await find(driver, "label:has([data-testid=lang-en])")).click();
    await driver.wait(async () => (await heading.getText()) === "Welcome to Groeikoers", 3000);
    await (await find(driver, "[data-testid=organisation-name]")).sendKeys("Bakkerij De Korenaar");
    await screenshot(driver, "02-first-run-english");
    await (await find(driver, "[data-testid=start]")).click();

    await find(driver, "[data-testid=people-empty]");
    await screenshot(driver, "03-empty-team");

    await (await find(driver, "[data-testid=add-person]")).click();
    const dialog = await find(driver, "[data-testid=person-dialog]");
    // WebDriver key events cannot carry characters outside the BMP such as emoji, so the
    // name is put in the field the way a paste would, with an input event.
    await driver.executeScript(
      "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true }));",
      await dialog.findElement(By.css("input[name=fullName]")),
      "Zoë Çelik 🌱",
    );
    await dialog.findElement(By.css("input[name=role]")).sendKeys("Shift lead");
    await dialog.findElement(By.css("input[name=startDate]")).sendKeys("2021-03-01");
    await screenshot(driver, "04-new-person");
    await dialog.findElement(By.css("[data-testid=save-person]")).click();
    await textsOf(driver, "[data-testid=person-name]", 1);

    // The second person by keyboard: Ctrl+N, type, Enter; Zoë becomes the manager.
    await driver.actions().keyDown(Key.CONTROL).sendKeys("n").keyUp(Key.CONTROL).perform();
    const second = await find(driver, "[data-testid=person-dialog]");
    await second.findElement(By.css("input[name=fullName]")).sendKeys("Bram de Wit");
    await second.findElement(By.css("input[name=role]")).sendKeys("Baker");
    const manager = await second.findElement(By.css("select[name=manager]"));
    await manager.findElement(By.xpath(".//option[contains(., 'Zoë')]")).click();
    await second.findElement(By.css("input[name=role]")).sendKeys(Key.ENTER);
    const names = await textsOf(driver, "[data-testid=person-name]", 2);
    assert.deepEqual(names, ["Bram de Wit", "Zoë Çelik 🌱"]);
    const rows = await textsOf(driver, "[data-testid=person-row]", 2);
    assert.match(rows[0], /Manager: Zoë Çelik/);
    await screenshot(driver, "05-two-people");
  } finally {
    await driver.quit();
  }

  driver = await wd.session();
  try {
    const names = await textsOf(driver, "[data-testid=person-name]", 2);
    assert.deepEqual(names, ["Bram de Wit", "Zoë Çelik 🌱"], "both people survive a restart");
    assert.equal(await (await find(driver, "#people-title")).getText(), "People", "language kept");
    // Search ignores diacritics and case.
    await (await find(driver, "[data-testid=people-search]")).sendKeys("zoe celik");
    await textsOf(driver, "[data-testid=person-name]", 1);
    await screenshot(driver, "06-search");
    await (await find(driver, "[data-testid=people-search]")).sendKeys(
      Key.chord(Key.CONTROL, "a"),
      Key.BACK_SPACE,
    );
    await textsOf(driver, "[data-testid=person-name]", 2);
    await screenshot(driver, "main-window");
  } finally {
    await driver.quit();
  }
});

test("an empty name shows the message in Dutch and adds nobody", async (t) => {
  const db = join(freshDataDir("empty-name"), "groeikoers.sqlite3");
  const wd = await startDriver({ db });
  t.after(() => wd.stop());
  const driver = await wd.session();
  try {
    await (await find(driver, "[data-testid=organisation-name]")).sendKeys("Installatiebedrijf Jansen");
    await (await find(driver, "[data-testid=start]")).click();
    await find(driver, "[data-testid=people-empty]");

    await (await find(driver, "[data-testid=add-person]")).click();
    const dialog = await find(driver, "[data-testid=person-dialog]");
    await dialog.findElement(By.css("input[name=fullName]")).sendKeys("   ");
    await dialog.findElement(By.css("[data-testid=save-person]")).click();
    const error = await find(driver, "[data-testid=field-error]");
    assert.equal(await error.getText(), "Naam is verplicht. Vul het in.");
    const name = await dialog.findElement(By.css("input[name=fullName]"));
    assert.equal(await name.getAttribute("aria-invalid"), "true");
    await screenshot(driver, "07-empty-name-refused");

    // Esc closes the dialog; the team is still empty.
    await name.sendKeys(Key.ESCAPE);
    await driver.wait(async () => (await driver.findElements(By.css("dialog[open]"))).length === 0, 3000);
    await find(driver, "[data-testid=people-empty]");
  } finally {
    await driver.quit();
  }
});
