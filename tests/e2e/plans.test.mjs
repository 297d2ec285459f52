// End to end in the real window: a plan from a worked example, a goal edited, a POP-check
// finding that appears and goes away, and the text still there after a restart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { By, find, freshDataDir, repo, screenshot, startDriver, withElement } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");

async function waitFor(driver, check, message, ms = 8000) {
  await driver.wait(async () => check(), ms, message);
}

async function findingRules(driver) {
  const items = await driver.findElements(By.css("[data-testid=finding]"));
  return Promise.all(items.map((i) => i.getAttribute("data-rule")));
}

test("a plan from an example: edit a goal, see the POP-check react, and keep the text after a restart", async (t) => {
  const db = join(freshDataDir("plans"), "groeikoers.sqlite3");
  // The team is set up through the CLI, as a script would.
  // Sanne has a manager, so the worked example names the two of them and nothing is left to
  // fill in (the check is clean).
  const boss = execFileSync(cli, ["--db", db, "person", "add", "--name", "Bram de Wit", "--role", "Eigenaar"]).toString().trim();
  execFileSync(cli, ["--db", db, "person", "add", "--name", "Sanne de Boer", "--role", "Projectcoördinator", "--manager", boss]);
  const wd = await startDriver({ db });
  t.after(() => wd.stop());

  let driver = await wd.session();
  try {
    await (await find(driver, "[data-testid=organisation-name]")).sendKeys("Installatiebedrijf Jansen");
    await (await find(driver, "[data-testid=start]")).click();
    await (await find(driver, "[data-nav=plans]")).click();
    await (await find(driver, "[data-testid=new-plan]")).click();
    await find(driver, "[data-testid=new-plan-dialog]");
    await (await driver.findElement(By.xpath("//select[@data-testid='new-plan-person']/option[.='Sanne de Boer']"))).click();
    await (await find(driver, "label:has([data-testid=example-projectcoordinator-naar-projectleider])")).click();
    await screenshot(driver, "10-new-plan-from-example");
    await (await find(driver, "[data-testid=create-plan]")).click();

    const title = await find(driver, "[name=goalTitle]");
    await find(driver, "[data-testid=check-ok]");
    assert.equal(await withElement(driver, "[name=managerName]", (el) => el.getAttribute("value")), "Bram de Wit");
    await screenshot(driver, "11-plan-editor");

    // A vague goal: the check flags it within a moment.
    await driver.executeScript("arguments[0].focus(); arguments[0].select();", title);
    await title.sendKeys("Beter communiceren");
    await waitFor(driver, async () => (await findingRules(driver)).includes("vagueGoal"), "vagueGoal finding").catch(
      async (e) => {
        await screenshot(driver, "debug-vague");
        const state = await driver.executeScript("return document.querySelector('[data-testid=save-state]')?.textContent + ' | ' + document.querySelector('[data-testid=save-error]')?.textContent + ' | ' + document.querySelector('[name=goalTitle]').value");
        throw new Error(`${e.message}: ${state}`);
      },
    );
    await screenshot(driver, "12-vague-goal-flagged");

    // Made measurable: the finding goes away.
    await title.sendKeys(" met klanten: elke week één verslag binnen 24 uur");
    await waitFor(driver, async () => !(await findingRules(driver)).includes("vagueGoal"), "vagueGoal gone");
    await find(driver, "[data-testid=check-ok]");
    await waitFor(
      driver,
      async () => (await (await find(driver, "[data-testid=save-state]")).getText()) === "Opgeslagen",
      "saved",
    );
  } finally {
    await driver.quit();
  }

  driver = await wd.session();
  try {
    await (await find(driver, "[data-nav=plans]")).click();
    await (await find(driver, "[data-testid=plan-row]")).click();
    const title = await find(driver, "[name=goalTitle]");
    assert.equal(
      await title.getAttribute("value"),
      "Beter communiceren met klanten: elke week één verslag binnen 24 uur",
      "the edited goal survives a restart",
    );
    await screenshot(driver, "13-plan-after-restart");

    // Activating locks the plan: the fields are disabled and the notice says why.
    // "Signed on paper" asks first: the plan will be fixed.
    await (await find(driver, "[data-testid=activate]")).click();
    await find(driver, "[data-testid=paper-confirm]");
    assert.equal((await driver.findElements(By.css("[data-testid=locked-notice]"))).length, 0, "nothing locked before confirming");
    await (await find(driver, "[data-testid=activate-confirm]")).click();
    await find(driver, "[data-testid=locked-notice]");
    assert.equal(await (await find(driver, "[name=goalTitle]")).isEnabled(), false);
    // Its own visible kind: never shown as digitally signed.
    assert.match(await (await find(driver, "[data-testid=on-paper]")).getText(), /Op papier getekend/);
    await screenshot(driver, "14-plan-active-locked");
  } finally {
    await driver.quit();
  }
});
