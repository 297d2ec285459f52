// The installed app (GROEIKOERS_APP=/usr/bin/groeikoers), started as the desktop entry starts
// it for a double-clicked plan file (`groeikoers FILE`): after the first-run screen the window
// shows the import preview of that file. Run by tests/package/check.sh after `dpkg -i`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { click, find, screenshot, startDriver, textOf } from "../e2e/harness.mjs";

const { GROEIKOERS_DB: db, PLAN_FILE: file, HOME: home } = process.env;

test("the installed app opens a plan file given on its command line in the import preview", async (t) => {
  assert.ok(db && file, "GROEIKOERS_DB and PLAN_FILE are set by check.sh");
  const wd = await startDriver({ db, env: { HOME: home } });
  t.after(() => wd.stop());
  const driver = await wd.session({ args: [file] });
  try {
    await (await find(driver, "[data-testid=organisation-name]", 20000)).sendKeys("Bakkerij De Korenaar");
    await click(driver, "[data-testid=start]");
    assert.match(await textOf(driver, "[data-testid=import-preview]"), /Versie 1 toevoegen/);
    assert.match(await textOf(driver, "[data-testid=import-file]"), /\.pop\.json/);
    await screenshot(driver, "90-installed-app-opens-plan-file");
  } finally {
    await driver.quit();
  }
});
