// End-to-end harness: drives the real Groeikoers window through WebKitWebDriver.
// The app binary, the display and the artifacts folder come from the environment that
// .scripts/test-all sets up; each suite gets its own temporary database.
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import net from "node:net";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(resolve(here, "../../ui/package.json"));
const webdriver = require("selenium-webdriver");
export const { By, until, Key } = webdriver;

export const repo = resolve(here, "../..");
const axeSource = require("fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core (WCAG rules, colour contrast included) on the page as it is now and returns
 * the violations, each with its rule, impact and the first offending element.
 */
export async function accessibilityViolations(driver) {
  await driver.executeScript(axeSource);
  return driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    axe.run(document, { resultTypes: ["violations"] })
      .then((r) => done(r.violations.map((v) => ({ rule: v.id, impact: v.impact, count: v.nodes.length, first: v.nodes[0].html.slice(0, 200) }))))
      .catch((e) => done([{ rule: "axe-error", impact: "critical", count: 1, first: String(e) }]));
  `);
}
export const appBinary = process.env.GROEIKOERS_APP ?? join(repo, "target/debug/groeikoers");
export const artifacts = process.env.GROEIKOERS_ARTIFACTS ?? join(repo, "tests/e2e/artifacts");
mkdirSync(artifacts, { recursive: true });
if (!process.env.DISPLAY) {
  // Without a display the app cannot open its window and the driver would wait forever.
  throw new Error("DISPLAY is not set: run the end-to-end tests through .scripts/test-all (it starts Xvfb)");
}

async function freePort() {
  return new Promise((ok, fail) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.on("error", fail);
  });
}

async function waitForPort(port, ms = 10000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const open = await new Promise((ok) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        ok(true);
      });
      socket.on("error", () => ok(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`WebKitWebDriver did not listen on ${port}`);
}

/** A fresh temporary folder holding the database of one suite. */
export function freshDataDir(name) {
  return mkdtempSync(join(tmpdir(), `groeikoers-e2e-${name}-`));
}

/**
 * Starts WebKitWebDriver with the app's environment. `session()` launches the app (again);
 * `stop()` ends everything.
 */
export async function startDriver({ db, lang = "nl_NL.UTF-8", env = {} }) {
  const port = await freePort();
  // The app's locale is `lang` alone (the first run follows it): nothing from the machine
  // running the tests overrides it.
  const appEnv = { ...process.env, TAURI_WEBVIEW_AUTOMATION: "true", GROEIKOERS_DB: db, LANG: lang, GROEIKOERS_E2E_CONFIRM: "yes", ...env };
  for (const k of ["LC_ALL", "LC_MESSAGES", "LANGUAGE"]) if (!(k in env)) delete appEnv[k];
  const child = spawn("WebKitWebDriver", [`--port=${port}`], {
    env: appEnv,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  await waitForPort(port);
  const url = `http://127.0.0.1:${port}`;
  return {
    /** `args`: the app's command line (a plan file to open, say). */
    async session({ args = [] } = {}) {
      const driver = await new webdriver.Builder()
        .usingServer(url)
        .withCapabilities({
          browserName: "wry",
          "webkitgtk:browserOptions": { binary: appBinary, args },
        })
        .build();
      await driver.manage().setTimeouts({ implicit: 0 });
      return driver;
    },
    stop() {
      child.kill();
    },
    /** Kills (SIGKILL) the app windows this driver started — only those, by their process id. */
    killApp() {
      const kids = readdirSync("/proc")
        .filter((d) => /^\d+$/.test(d))
        .filter((pid) => {
          try {
            const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
            const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            return ppid === child.pid && readlinkSync(`/proc/${pid}/exe`) === resolve(appBinary);
          } catch {
            return false;
          }
        });
      if (kids.length === 0) throw new Error("no app process of this driver to kill");
      for (const pid of kids) process.kill(Number(pid), "SIGKILL");
      return kids.length;
    },
    /** The environment the app runs in (for starting a second instance by hand). */
    env: appEnv,
    get log() {
      return stderr;
    },
  };
}

/** Saves a PNG of the window as an artifact, after one frame has been painted. */
export async function screenshot(driver, name) {
  await driver.sleep(250);
  const png = await driver.takeScreenshot();
  const file = join(artifacts, `${name}.png`);
  writeFileSync(file, png, "base64");
  return file;
}

/** Waits for the element matching `css` and returns it. */
export async function find(driver, css, ms = 10000) {
  return driver.wait(until.elementLocated(By.css(css)), ms, `waiting for ${css}`);
}

/** Texts of all elements matching `css`, once there are `count` of them. */
export async function textsOf(driver, css, count, ms = 10000) {
  let texts = [];
  await driver.wait(
    async () => {
      const els = await driver.findElements(By.css(css));
      texts = await Promise.all(els.map((e) => e.getText()));
      return texts.length === count;
    },
    ms,
    `waiting for ${count} × ${css}`,
  ).catch((e) => {
    throw new Error(`${e.message}; found ${JSON.stringify(texts)}`);
  });
  return texts;
}

/** Runs `action` on a freshly found element, again if the page re-rendered it meanwhile. */
export async function withElement(driver, css, action, tries = 4) {
  for (let i = 1; ; i++) {
    try {
      return await action(await find(driver, css));
    } catch (e) {
      if (e?.name !== "StaleElementReferenceError" || i >= tries) throw e;
      await driver.sleep(100);
    }
  }
}

/** Clicks like a person: the element is first scrolled to the middle of the window, and when
 * a toast covers it, waits for the toast to go (toasts close by themselves within 8 s). */
export async function click(driver, css, ms = 10000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await withElement(driver, css, async (el) => {
        await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' });", el);
        return el.click();
      });
    } catch (e) {
      if (e?.name !== "ElementClickInterceptedError" || Date.now() > until) throw e;
      await driver.sleep(250);
    }
  }
}
/** Clicks `css` and waits for `expect` to appear; clicks again when it does not (a page that
 * is still loading its panels can move the button between scrolling and clicking). */
export async function clickTo(driver, css, expect, tries = 3) {
  for (let i = 1; ; i++) {
    await click(driver, css);
    try {
      return await driver.wait(until.elementLocated(By.css(expect)), 4000, `waiting for ${expect}`);
    } catch (e) {
      const still = (await driver.findElements(By.css(css))).length > 0;
      if (i >= tries || !still) return driver.wait(until.elementLocated(By.css(expect)), 10000, `waiting for ${expect}`);
    }
  }
}
export const type = (driver, css, ...keys) => withElement(driver, css, (el) => el.sendKeys(...keys));
export const textOf = (driver, css) => withElement(driver, css, (el) => el.getText());

/** The file name the app suggests for a plan of `person` whose period starts `start` (today
 * by default, running twelve months): "POP Zoë Çelik 2026-2027 v1". */
export function planFileName(person, version = 1, start = new Date()) {
  const end = new Date(start);
  end.setFullYear(end.getFullYear() + 1);
  end.setDate(end.getDate() - 1);
  const [a, b] = [start.getFullYear(), end.getFullYear()];
  return `POP ${person} ${a === b ? a : `${a}-${b}`} v${version}`;
}
