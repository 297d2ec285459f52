// End to end: the idle lock is timed by the shell. An encrypted store with "lock after 5
// minutes" (a minute is a second here, GROEIKOERS_E2E_IDLE_SECONDS): after unlocking, the
// app locks itself once nobody touches it, and the unlock screen comes back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { click, find, freshDataDir, repo, screenshot, startDriver, type } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");
const PASSPHRASE = "lange zin voor de bakkerij";

test("the app locks itself after the idle time, timed by the shell", async (t) => {
  const dir = freshDataDir("idle");
  const db = join(dir, "groeikoers.sqlite3");
  execFileSync(cli, ["--db", db, "person", "add", "--name", "Bram de Wit"]);
  execFileSync("python3", [
    "-c",
    `import sqlite3; c = sqlite3.connect(${JSON.stringify(db)}); c.executemany("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", [("onboarded", "1"), ("language", "nl"), ("lock_minutes", "5")]); c.commit()`,
  ]);
  execFileSync(cli, ["--db", db, "passphrase", "set"], { env: { ...process.env, GROEIKOERS_NEW_PASSPHRASE: PASSPHRASE } });
  const wd = await startDriver({ db, env: { GROEIKOERS_E2E_IDLE_SECONDS: "1" } });
  t.after(() => wd.stop());
  const driver = await wd.session();
  try {
    await find(driver, "[data-testid=unlock]");
    await type(driver, "[data-testid=unlock-passphrase]", PASSPHRASE);
    await click(driver, "[data-testid=unlock-submit]");
    await find(driver, "[data-testid=shell]");
    const unlockedAt = Date.now();
    // Nobody touches the window: within a few seconds the shell locks the store.
    await find(driver, "[data-testid=unlock]", 15000);
    const after = (Date.now() - unlockedAt) / 1000;
    assert.ok(after >= 4, `locked only after the idle time (${after} s)`);
    await screenshot(driver, "45-idle-locked");
  } finally {
    await driver.quit();
  }
});
