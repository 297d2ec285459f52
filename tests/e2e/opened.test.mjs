// A plan file opened from outside, as a double-click does through the desktop entry
// (`groeikoers FILE`): the app opens on the import preview of that file, waiting behind the
// first-run screen when the app is new; a second launch on the same data file hands its file
// to the running window (over a private D-Bus session bus) and exits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { appBinary, click, find, freshDataDir, repo, screenshot, startDriver, textOf } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");
const nl = { env: { ...process.env, LANG: "nl_NL.UTF-8", LC_ALL: "" } };
const run = (db, ...args) => execFileSync(cli, ["--db", db, ...args], nl).toString().trim();
const files = (...paths) => paths.map((p) => { try { return readFileSync(p).toString("hex"); } catch { return null; } });

/** A plan package made on "the other computer". */
function packageFrom(dir, name) {
  const db = join(dir, `${name}.sqlite3`);
  const person = run(db, "person", "add", "--name", name);
  const plan = run(db, "plan", "new", "--person", person, "--example", "winkelmedewerker-naar-ploegleider", "--lang", "nl");
  const file = join(dir, `POP ${name} v1.pop.json`);
  run(db, "plan", "export", plan, "-o", file);
  return file;
}

/** A session bus of this test only; stopped by its process id. */
async function privateBus(t) {
  const bus = spawn("dbus-daemon", ["--session", "--nofork", "--print-address=1"], { stdio: ["ignore", "pipe", "inherit"] });
  t.after(() => bus.kill());
  const address = await new Promise((ok, fail) => {
    let out = "";
    bus.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) ok(out.trim());
    });
    bus.on("exit", (code) => fail(new Error(`dbus-daemon exited ${code}`)));
  });
  return address;
}

test("a plan file given on the command line opens the import preview, after the first-run screen", async (t) => {
  const dir = freshDataDir("opened");
  const file = packageFrom(dir, "Zoë Çelik");
  const db = join(dir, "owner.sqlite3");
  // An English system: the first run starts in English by itself.
  const wd = await startDriver({ db, lang: "en_US.UTF-8" });
  t.after(() => wd.stop());
  const driver = await wd.session({ args: [file] });
  try {
    // A new app: the first-run screen comes first, in the system's language; the file waits.
    assert.equal(await (await find(driver, "[data-testid=lang-en]")).isSelected(), true, "English chosen from the system");
    await screenshot(driver, "79-first-run-english-system");
    await (await find(driver, "[data-testid=organisation-name]")).sendKeys("Bakkerij De Korenaar");
    await click(driver, "[data-testid=start]");
    const preview = await textOf(driver, "[data-testid=import-preview]");
    assert.match(preview, /Add version 1 \(draft\)/);
    assert.match(await textOf(driver, "[data-testid=import-file]"), /File: POP Zoë Çelik v1\.pop\.json/);
    // From a computer not paired yet: the code to compare, in English.
    assert.match(await textOf(driver, "[data-testid=import-unpaired]"), /is not paired yet/);
    assert.match(await textOf(driver, "[data-testid=import-fingerprint]"), /^K-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    await screenshot(driver, "80-opened-file-pairing-en");
    // Nothing is stored before the user confirms.
    assert.equal(JSON.parse(run(db, "plan", "list", "--json")).length, 0);
    await click(driver, "[data-testid=import-compared]");
    await click(driver, "[data-testid=import-confirm]");
    await find(driver, "[data-testid=check-panel]");
    assert.equal(JSON.parse(run(db, "plan", "list", "--json")).length, 1);
  } finally {
    await driver.quit();
  }
});

test("a second launch on the same data file hands its file to the running window and exits", async (t) => {
  const dir = freshDataDir("single");
  const first = packageFrom(dir, "Zoë Çelik");
  const broken = join(dir, "kapot.pop.json");
  execFileSync("sh", ["-c", `printf '{"not": "a plan"' > "${broken}"`]);
  const db = join(dir, "owner.sqlite3");
  run(db, "person", "add", "--name", "Daan de Vries");
  const bus = await privateBus(t);
  const wd = await startDriver({ db, env: { DBUS_SESSION_BUS_ADDRESS: bus } });
  t.after(() => wd.stop());
  const driver = await wd.session();
  const launch = (...args) =>
    new Promise((ok) => {
      const child = spawn(appBinary, args, { env: wd.env, cwd: dir, stdio: "ignore" });
      const timer = setTimeout(() => (child.kill("SIGKILL"), ok("still running")), 20000);
      child.on("exit", (code) => (clearTimeout(timer), ok(code)));
    });
  try {
    await (await find(driver, "[data-testid=organisation-name]")).sendKeys("Bakkerij De Korenaar");
    await click(driver, "[data-testid=start]");
    await find(driver, "[data-testid=shell]");
    const before = files(db, `${db}-wal`);

    // A damaged file, given relative to the folder the launch runs in: a clear message, and
    // nothing written.
    assert.equal(await launch("kapot.pop.json"), 0, "the second launch exits at once");
    assert.match(await textOf(driver, "[data-testid=import-error]"), /geen leesbaar POP-bestand.*Er is niets geïmporteerd/s);
    assert.match(await textOf(driver, "[data-testid=import-file]"), /Bestand: kapot\.pop\.json/);
    await screenshot(driver, "81-opened-broken-file");
    assert.deepEqual(files(db, `${db}-wal`), before, "a damaged file changes nothing");
    await click(driver, "[data-testid=import-cancel]");

    // A good file from a second launch: the running window shows its preview.
    assert.equal(await launch(first), 0);
    assert.match(await textOf(driver, "[data-testid=import-file]"), /POP Zoë Çelik v1\.pop\.json/);
    assert.match(await textOf(driver, "[data-testid=import-preview]"), /Zoë Çelik/);
    await screenshot(driver, "82-opened-second-launch");

    // Another data file is another instance: it does not hand over (it starts its own window).
    const other = spawn(appBinary, [first], { env: { ...wd.env, GROEIKOERS_DB: join(dir, "other.sqlite3") }, stdio: "ignore" });
    const stayed = await new Promise((ok) => {
      const timer = setTimeout(() => ok(true), 3000);
      other.on("exit", () => (clearTimeout(timer), ok(false)));
    });
    other.kill("SIGKILL");
    assert.ok(stayed, "an app on another data file keeps running");
  } finally {
    await driver.quit();
  }
});
