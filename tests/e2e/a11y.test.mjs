// Accessibility in the real window: axe-core finds no WCAG violations (contrast included) on
// every main screen, the owner's table, the GROW and evaluation forms, the security settings
// and the unlock screen — in light and in dark theme.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { accessibilityViolations, click, find, freshDataDir, repo, screenshot, startDriver, type } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");

async function expectAccessible(driver, screen) {
  const violations = await accessibilityViolations(driver);
  assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 1)}`);
}

for (const theme of ["light", "dark"]) {
  test(`no accessibility violations on the main screens (${theme})`, async (t) => {
    const dir = freshDataDir(`a11y-${theme}`);
    const db = join(dir, "groeikoers.sqlite3");
    const person = execFileSync(cli, ["--db", db, "person", "add", "--name", "Sanne de Boer"]).toString().trim();
    execFileSync(cli, ["--db", db, "plan", "new", "--person", person, "--example", "projectcoordinator-naar-projectleider"]);
    const env = theme === "dark" ? { GTK_THEME: "Adwaita:dark" } : {};
    const wd = await startDriver({ db, env });
    t.after(() => wd.stop());
    const driver = await wd.session();
    try {
      await expectAccessible(driver, "onboarding");
      await type(driver, "[data-testid=organisation-name]", "Bakkerij De Korenaar");
      await click(driver, "[data-testid=start]");
      for (const view of ["overview", "people", "plans", "checkins", "journal", "settings"]) {
        await click(driver, `[data-nav=${view}]`);
        await driver.sleep(300);
        await expectAccessible(driver, view);
      }
      await click(driver, "[data-nav=overview]");
      await click(driver, "[data-testid=tab-team]");
      await find(driver, "[data-testid=team]");
      await expectAccessible(driver, "team");
      await screenshot(driver, `50-team-${theme}`);

      await click(driver, "[data-nav=checkins]");
      await click(driver, "[data-testid=record-extra]");
      await find(driver, "[data-testid=record-form]");
      await expectAccessible(driver, "GROW form");
      await click(driver, "[data-testid=start-evaluation]");
      await find(driver, "[data-testid=evaluation-form]");
      await expectAccessible(driver, "evaluation form");

      await click(driver, "[data-nav=settings]");
      await click(driver, "[data-testid=enable-encryption]");
      await find(driver, "[data-testid=passphrase-form]");
      await expectAccessible(driver, "encryption form");
      await type(driver, "[data-testid=new-passphrase]", "een lange wachtwoordzin");
      await type(driver, "[data-testid=repeat-passphrase]", "een lange wachtwoordzin");
      await click(driver, "[data-testid=understood]");
      await click(driver, "[data-testid=passphrase-submit]");
      await find(driver, "[data-testid=lock-now]", 15000);
      await click(driver, "[data-testid=lock-now]");
      await find(driver, "[data-testid=unlock]");
      await expectAccessible(driver, "unlock");
    } finally {
      await driver.quit();
    }
  });
}
