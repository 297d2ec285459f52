// Accessibility in the real window: axe-core finds no WCAG violations (contrast included) on
// every main screen, the owner's table, the GROW and evaluation forms, the security settings
// and the unlock screen — in light and in dark theme (the dark run first proves the dark
// palette is really on), at the default size and at 800×600.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { accessibilityViolations, click, find, freshDataDir, repo, screenshot, startDriver, type } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");

/** Waits for a view's own content (its heading, nothing still loading) instead of a sleep. */
async function viewReady(driver, view) {
  await driver.wait(
    async () =>
      driver.executeScript(
        "const nav = document.querySelector(`[data-nav='${arguments[0]}']`);" +
          "return nav?.getAttribute('aria-current') === 'page' && !!document.querySelector('main.content h1')?.textContent.trim() && !document.querySelector('[aria-busy=true]');",
        view,
      ),
    5000,
    `the ${view} view shows its content`,
  );
}

async function expectAccessible(driver, screen) {
  const violations = await accessibilityViolations(driver);
  assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 1)}`);
}

for (const theme of ["light", "dark"]) {
  test(`no accessibility violations on the main screens (${theme})`, async (t) => {
    const dir = freshDataDir(`a11y-${theme}`);
    const db = join(dir, "groeikoers.sqlite3");
    const person = execFileSync(cli, ["--db", db, "person", "add", "--name", "Sanne de Boer"]).toString().trim();
    execFileSync(cli, ["--db", db, "plan", "new", "--person", person, "--example", "projectcoordinator-naar-projectleider", "--lang", "nl"]);
    const env = theme === "dark" ? { GTK_THEME: "Adwaita:dark" } : {};
    const wd = await startDriver({ db, env });
    t.after(() => wd.stop());
    const driver = await wd.session();
    try {
      // The theme really is the one audited: the page's palette follows it.
      const [dark, background] = await driver.executeScript(
        "return [matchMedia('(prefers-color-scheme: dark)').matches, getComputedStyle(document.body).backgroundColor]",
      );
      assert.equal(dark, theme === "dark", `prefers-color-scheme in the ${theme} run`);
      const [r, g, b] = background.match(/\d+/g).map(Number);
      assert.ok(theme === "dark" ? r + g + b < 150 : r + g + b > 600, `the ${theme} background is on: ${background}`);
      await expectAccessible(driver, "onboarding");
      await type(driver, "[data-testid=organisation-name]", "Bakkerij De Korenaar");
      await click(driver, "[data-testid=start]");
      for (const size of [null, { width: 800, height: 600 }]) {
        if (size) await driver.manage().window().setRect(size);
        for (const view of ["overview", "people", "direction", "plans", "checkins", "journal", "settings"]) {
          await click(driver, `[data-nav=${view}]`);
          await viewReady(driver, view);
          await expectAccessible(driver, size ? `${view} at 800×600` : view);
        }
        // The plan editor too, with its POP-check below the plan at 800 px.
        await click(driver, "[data-nav=plans]");
        await click(driver, "[data-testid=plan-row]");
        await find(driver, "[data-testid=check-panel]");
        await expectAccessible(driver, size ? "editor at 800×600" : "editor");
        if (size) await screenshot(driver, `50-editor-800-${theme}`);
      }
      await driver.manage().window().setRect({ width: 1180, height: 760 });
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
