// End to end: the guided route fills an empty plan, the compact route and the manager's
// preparation sheet render, and text typed a second before the app is killed is kept.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { By, artifacts, find, freshDataDir, repo, screenshot, startDriver } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");

async function findingRules(driver) {
  const items = await driver.findElements(By.css("[data-testid=finding]"));
  return Promise.all(items.map((i) => i.getAttribute("data-rule")));
}

async function waitForWindow(pattern, ms = 10000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const ids = execFileSync("xdotool", ["search", "--name", pattern]).toString().trim();
      if (ids) return ids.split("\n")[0];
    } catch {
      // not there yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no window matching ${pattern}`);
}

async function saved(driver) {
  const state = await find(driver, "[data-testid=save-state]");
  await driver.wait(async () => (await state.getText()) === "Opgeslagen", 5000, "saved");
}

async function openOnlyPlan(driver) {
  await (await find(driver, "[data-nav=plans]")).click();
  await (await find(driver, "[data-testid=plan-row]")).click();
}

test("the guided route feeds an empty plan; compact route and preparation sheet; nothing lost on a kill", async (t) => {
  const dir = freshDataDir("guide");
  const db = join(dir, "groeikoers.sqlite3");
  const person = execFileSync(cli, ["--db", db, "person", "add", "--name", "Ahmed El Amrani", "--role", "Timmerman"])
    .toString()
    .trim();
  execFileSync(cli, ["--db", db, "plan", "new", "--person", person, "--lang", "nl"]);
  const wd = await startDriver({ db, env: { GROEIKOERS_E2E_SAVE_DIR: dir } });
  t.after(() => wd.stop());

  let driver = await wd.session();
  try {
    await (await find(driver, "[data-testid=organisation-name]")).sendKeys("Timmerbedrijf Smit");
    await (await find(driver, "[data-testid=start]")).click();
    await openOnlyPlan(driver);
    await find(driver, "[data-testid=finding][data-rule=noFocus]");

    await (await find(driver, "[data-testid=tab-guide]")).click();
    await (await find(driver, "[name=guide-now-work]")).sendKeys("Ik maak kozijnen en trappen op maat");
    await (await find(driver, "[data-testid=guide-next]")).click();
    await (await find(driver, "[data-testid=guide-next]")).click();
    await (await find(driver, "[name=guide-vision]")).sendKeys("Vakmanschap doorgeven aan de volgende generatie");
    await screenshot(driver, "15-guided-route-step-3");
    await (await find(driver, "[data-testid=guide-next]")).click();
    await (await find(driver, "[name=guide-differences]")).sendKeys("Nu doe ik alles zelf; straks leer ik anderen het vak");
    await (await find(driver, "[data-testid=guide-next]")).click();
    await (await find(driver, "[data-testid=apply-guide]")).click();

    const focus = await find(driver, "textarea[name=focus]");
    await driver.wait(async () => (await focus.getAttribute("value")).includes("straks leer ik anderen"), 5000, "focus filled");
    assert.equal(await (await find(driver, "[name=ambition]")).getAttribute("value"), "Vakmanschap doorgeven aan de volgende generatie");
    assert.match(await (await find(driver, "[name=startingSituation]")).getAttribute("value"), /kozijnen en trappen/);
    await driver.wait(async () => !(await findingRules(driver)).includes("noFocus"), 5000, "noFocus gone");
    assert.match(await (await find(driver, "[data-testid=toast]")).getText(), /staan nu in het plan/);

    // Taking the answers over again changes nothing (the blocks are filled): it says so.
    await (await find(driver, "[data-testid=tab-guide]")).click();
    await driver.wait(async () => {
      const apply = await driver.findElements(By.css("[data-testid=apply-guide]"));
      if (apply.length) return true;
      await (await find(driver, "[data-testid=guide-next]")).click();
      return false;
    }, 5000, "back at step 5");
    await (await find(driver, "[data-testid=apply-guide]")).click();
    await driver.wait(
      async () => (await driver.findElements(By.css("[data-testid=toast]"))).length > 0 && /niets overgenomen/.test(await (await find(driver, "[data-testid=toasts]")).getText()),
      5000,
      "the toast says nothing was taken over",
    );

    await (await find(driver, "[data-testid=tab-quick]")).click();
    await (await find(driver, "[name=quick-goal]")).sendKeys("Ik laat de leerling elke dag één klus zelf doen");
    await saved(driver);
    await driver.wait(async () => !(await findingRules(driver)).includes("noGoals"), 5000, "noGoals gone");
    await screenshot(driver, "16-quick-route");

    await (await find(driver, "[data-testid=tab-preparation]")).click();
    await (await find(driver, "[name=prep-performance]")).sendKeys("Levert strak werk af; legt weinig uit.");
    const sheet = await find(driver, "[data-testid=print-sheet]");
    await driver.wait(async () => (await sheet.getText()).includes("Levert strak werk af"), 3000, "sheet shows answer");
    assert.match(await sheet.getText(), /Zelfanalyse voor Ahmed El Amrani/);
    await saved(driver);
    await screenshot(driver, "17-preparation-sheet");

    // The same sheet from the PDF renderer.
    await (await find(driver, "[data-testid=prep-pdf]")).click();
    const prepPdf = join(dir, "Voorbereiding POP-gesprek - Ahmed El Amrani.pdf");
    await driver.wait(async () => existsSync(prepPdf), 5000, "preparation PDF written");
    assert.match(execFileSync("pdftotext", [prepPdf, "-"]).toString(), /Levert strak werk af/);

    // "Afdrukken" opens the system print dialog (GTK here); Escape closes it again.
    await (await find(driver, "[data-testid=print]")).click();
    const printDialog = await waitForWindow("^Print$|^Afdrukken$");
    execFileSync("import", ["-window", "root", join(artifacts, "17b-print-dialog.png")]);
    execFileSync("xdotool", ["windowfocus", "--sync", printDialog]);
    execFileSync("xdotool", ["key", "--clearmodifiers", "Escape"]);

    // Type in the plan, wait just over a second, then kill the app without warning.
    await (await find(driver, "[data-testid=tab-plan]")).click();
    await (await find(driver, "textarea[name=reflection]")).sendKeys("Geschreven vlak voor de crash");
    await driver.sleep(1100);
    assert.equal(wd.killApp(), 1, "the app this test started, by its pid");
  } finally {
    await driver.quit().catch(() => {});
  }

  driver = await wd.session();
  try {
    await openOnlyPlan(driver);
    assert.equal(await (await find(driver, "textarea[name=reflection]")).getAttribute("value"), "Geschreven vlak voor de crash");
    assert.equal(await (await find(driver, "[name=quick-goal], [name=goalTitle]")).getAttribute("value"), "Ik laat de leerling elke dag één klus zelf doen");
    await screenshot(driver, "18-after-kill");
  } finally {
    await driver.quit();
  }
});
