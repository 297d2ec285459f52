// A database the app cannot use is reported in a native dialog; the app then quits and the
// file is left exactly as it was. Driven with xdotool, since WebDriver only sees webviews.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { appBinary, artifacts, freshDataDir, repo } from "./harness.mjs";

function xdotool(...args) {
  return execFileSync("xdotool", args, { encoding: "utf8" }).trim();
}

async function waitForWindow(title, ms = 15000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const ids = xdotool("search", "--name", title);
      if (ids) return ids.split("\n")[0];
    } catch {
      // not there yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no window titled "${title}" appeared`);
}

/** Starts the app on `db`, expects the dialog, answers it, and returns the exit code. */
async function startExpectingDialog(db, lang, title, shot) {
  const app = spawn(appBinary, [], {
    env: { ...process.env, GROEIKOERS_DB: db, LANG: lang, LC_ALL: "" },
    stdio: "ignore",
  });
  const exited = new Promise((ok) => app.on("exit", (code) => ok(code)));
  try {
    const wid = await waitForWindow(title);
    await new Promise((r) => setTimeout(r, 300));
    execFileSync("import", ["-window", "root", join(artifacts, `${shot}.png`)]);
    xdotool("windowfocus", wid);
    xdotool("key", "Return");
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("timeout"), 10000))]);
    return code;
  } finally {
    app.kill("SIGKILL");
  }
}

test("a damaged database file is reported in a native dialog and left untouched", async () => {
  const dir = freshDataDir("corrupt");
  const db = join(dir, "groeikoers.sqlite3");
  // A real SQLite header over damaged pages. (Whole pages of random bytes without a header
  // could be an encrypted file: those get the passphrase screen instead.)
  const header = readFileSync(resolve(repo, "tests/fixtures/schema-v1.sqlite3")).subarray(0, 100);
  const junk = Buffer.concat([header, randomBytes(64 * 1024 - 100)]);
  writeFileSync(db, junk);
  const code = await startExpectingDialog(db, "nl_NL.UTF-8", "Groeikoers kan niet starten", "08-damaged-file-dialog");
  assert.equal(code, 1, "the app quits with exit code 1 after the dialog");
  assert.deepEqual(readFileSync(db), junk, "the file is byte for byte the same");
  assert.deepEqual(readdirSync(dir), ["groeikoers.sqlite3"], "no -wal or -shm was created");
});

test("a database from a newer version is refused in English and left untouched", async () => {
  const dir = freshDataDir("newer");
  const db = join(dir, "groeikoers.sqlite3");
  copyFileSync(resolve(repo, "tests/fixtures/schema-v1.sqlite3"), db);
  // SQLite keeps user_version (our schema version) big-endian at byte 60 of the header.
  const bytes = readFileSync(db);
  bytes.writeUInt32BE(999, 60);
  writeFileSync(db, bytes);
  const code = await startExpectingDialog(db, "en_GB.UTF-8", "Groeikoers cannot start", "09-newer-version-dialog");
  assert.equal(code, 1);
  assert.deepEqual(readFileSync(db), bytes);
});
