// End to end: on a store with years of a team's plans the app opens on the Overview (it knows
// there are plans without listing them), the board shows the first page of what is overdue
// with the whole count, and "show more" brings the next page from the app.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { click, find, freshDataDir, repo, screenshot, startDriver } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");

const items = (driver) =>
  driver.executeScript(
    "return document.querySelectorAll('[data-testid=board-overdue] [data-testid=due-item]').length",
  );

test("a large team's board comes a page at a time", async (t) => {
  const db = join(freshDataDir("board"), "groeikoers.sqlite3");
  // Large enough that the reminders missed while the app was closed are more than a few.
  execFileSync(cli, ["demo", "--people", "300", "--years", "1", "--seed", "7", "-o", db], { env: { ...process.env, LANG: "nl_NL.UTF-8" } });
  const due = JSON.parse(execFileSync(cli, ["--db", db, "due", "--json"]).toString());
  const list = Array.isArray(due) ? due : due.items;
  const today = new Date().toISOString().slice(0, 10);
  const overdue = list.filter((i) => i.date < today).length;
  assert.ok(overdue > 50, `the demo team has a long overdue list (${overdue})`);

  const wd = await startDriver({ db });
  t.after(() => wd.stop());
  const driver = await wd.session();
  try {
    // Straight onto the Overview: there are plans.
    await find(driver, "[data-testid=board-overdue]");
    assert.equal(await (await find(driver, "[data-testid=board-overdue-total]")).getText(), String(overdue));
    assert.equal(await items(driver), 50);
    await screenshot(driver, "90-board-first-page");
    // The missed reminders: the first six, the rest on request.
    const missed = () => driver.executeScript("return document.querySelectorAll('[data-testid=missed] li').length");
    assert.equal(await missed(), 6);
    const toggle = await find(driver, "[data-testid=missed-toggle]");
    const all = Number((await toggle.getText()).match(/\d+/)[0]);
    assert.ok(all > 6, `more missed than shown (${all})`);
    await click(driver, "[data-testid=missed-toggle]");
    await driver.wait(async () => (await missed()) === all, 10000);
    await screenshot(driver, "89-missed-all");
    await click(driver, "[data-testid=missed-toggle]");
    await driver.wait(async () => (await missed()) === 6, 10000);
    const more = await find(driver, "[data-testid=board-overdue-more]");
    assert.match(await more.getText(), new RegExp(String(Math.min(200, overdue - 50))));
    await driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", more);
    await screenshot(driver, "91-board-show-more");
    await click(driver, "[data-testid=board-overdue-more]");
    const next = Math.min(250, overdue);
    await driver.wait(async () => (await items(driver)) === next, 10000);
    const left = await driver.findElements({ css: "[data-testid=board-overdue-more]" });
    assert.equal(left.length, overdue > 250 ? 1 : 0, "the button stays only while more is left");
  } finally {
    await driver.quit();
  }
});
