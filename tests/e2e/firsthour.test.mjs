// A user's first hour, in the real window: the owner names themselves at the first run and
// becomes the manager of who reports to nobody; a worked example names the real people; at
// 800×600 no control lies under another and no text runs out of its box, on every screen;
// the plan tabs follow the arrow keys; a check-in moved with Enter is recorded on its new day.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { By, Key, click, clickTo, find, freshDataDir, planFileName, repo, screenshot, startDriver, textOf, textsOf, type, withElement } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");

/** What a person would call broken in the window as it is now, scrolled through: controls
 * lying under another element, text wider than its box, selects too narrow for their choice. */
const layoutScript = `
const problems = [];
const describe = (el) => (el.dataset.testid ? "[" + el.dataset.testid + "]" : el.tagName.toLowerCase()) +
  " '" + (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40) + "'";
const visibleBox = (el) => {
  let r = el.getBoundingClientRect();
  let box = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
  for (let p = el.parentElement; p; p = p.parentElement) {
    const s = getComputedStyle(p);
    if (s.overflowX !== "visible" || s.overflowY !== "visible") {
      const q = p.getBoundingClientRect();
      box = { left: Math.max(box.left, q.left), top: Math.max(box.top, q.top), right: Math.min(box.right, q.right), bottom: Math.min(box.bottom, q.bottom) };
    }
  }
  return { r, box };
};
const canvas = document.createElement("canvas").getContext("2d");
const scan = () => {
  for (const el of document.querySelectorAll("button, a[href], input, select, textarea, [role=tab], summary")) {
    const { r, box } = visibleBox(el);
    if (r.width < 4 || r.height < 4 || getComputedStyle(el).visibility === "hidden") continue;
    // Inside a closed disclosure: not shown, so not covered.
    const closed = el.closest("details:not([open])");
    if (closed && !(el.closest("summary")?.parentElement === closed)) continue;
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    // Only a centre well inside what its scroll boxes show (a pixel at the edge is rounding).
    if (cx < box.left + 2 || cx > box.right - 2 || cy < box.top + 2 || cy > box.bottom - 2) continue;
    const hit = document.elementFromPoint(cx, cy);
    if (hit && hit !== el && !el.contains(hit) && !(hit.tagName === "LABEL" && hit.control === el))
      problems.push("covered: " + describe(el) + " under " + describe(hit) + " at " + Math.round(cx) + "," + Math.round(cy) + " visible " + JSON.stringify(box, (k, v) => (typeof v === "number" ? Math.round(v) : v)));
    if (el.tagName === "SELECT" && el.selectedOptions[0]) {
      const s = getComputedStyle(el);
      canvas.font = s.font;
      const need = canvas.measureText(el.selectedOptions[0].text).width + parseFloat(s.paddingLeft) + 18;
      if (need > el.clientWidth) problems.push("select too narrow: " + describe(el) + " needs " + Math.round(need) + " has " + el.clientWidth);
    }
  }
  for (const el of document.querySelectorAll("button, label, th, td, h1, h2, h3, .badge, legend, summary, p")) {
    const s = getComputedStyle(el);
    if (s.display === "inline" || el.clientWidth === 0 || s.overflowX !== "visible") continue;
    const { r, box } = visibleBox(el);
    if (r.bottom < box.top || r.top > box.bottom) continue;
    if (el.scrollWidth > el.clientWidth + 1) problems.push("text overflows: " + describe(el) + " " + el.scrollWidth + ">" + el.clientWidth);
  }
};
const scroller = document.querySelector(".content");
if (scroller) scroller.scrollTop = 0;
scan();
for (let i = 0; scroller && i < 12 && scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 2; i++) {
  scroller.scrollTop += scroller.clientHeight * 0.8;
  scan();
}
if (scroller) scroller.scrollTop = 0;
return [...new Set(problems)];
`;

async function assertLayout(driver, name) {
  await driver.sleep(300);
  await screenshot(driver, name);
  const problems = await driver.executeScript(layoutScript);
  assert.deepEqual(problems, [], `${name}: ${problems.join("\n")}`);
}

test("a bakery owner's first hour at 800×600: names, layout, keys and a moved check-in", async (t) => {
  const dir = freshDataDir("firsthour");
  const db = join(dir, "groeikoers.sqlite3");
  for (const [name, role] of [
    ["Zoë Çelik", "Verkoopmedewerker"],
    ["Bram de Wit", "Bakker"],
    ["Fatima El Amrani", "Banketbakker in opleiding"],
  ])
    execFileSync(cli, ["--db", db, "person", "add", "--name", name, "--role", role]);
  const wd = await startDriver({ db });
  t.after(() => wd.stop());
  const driver = await wd.session();
  try {
    await driver.manage().window().setRect({ width: 800, height: 600 });
    await type(driver, "[data-testid=organisation-name]", "Bakkerij De Korenaar");
    await type(driver, "[data-testid=owner-name]", "Anouk van Dijk");
    // The name of this computer (with every signature, on the PDF) is proposed from hers.
    assert.equal(await withElement(driver, "[data-testid=onboarding-device-name]", (el) => el.getAttribute("placeholder")), "Computer van Anouk");
    await screenshot(driver, "f0-onboarding-owner-name");
    await click(driver, "[data-testid=start]");

    // The owner is known: named in the sidebar (narrow: icons only, the name for readers) and
    // as the manager of who reports to nobody.
    await find(driver, "[data-testid=shell]");
    const sidebar = await driver.executeScript("return [document.querySelector('.sidebar').getBoundingClientRect().width, document.querySelector('[data-testid=owner-name]').textContent]");
    assert.ok(sidebar[0] < 100, `the sidebar collapses to icons at 800 px: ${sidebar[0]}`);
    assert.equal(sidebar[1], "Anouk van Dijk");
    assert.match(execFileSync(cli, ["--db", db, "device", "show"]).toString(), /Computer van Anouk/, "not the host name");
    await click(driver, "[data-nav=people]");
    const people = await textsOf(driver, "[data-testid=person-row]", 3);
    assert.ok(people.every((p) => /Leidinggevende: Anouk van Dijk/.test(p)), people.join(" | "));
    await assertLayout(driver, "f1-people-800");
    // Initials skip the tussenvoegsel: Bram de Wit is BW.
    assert.deepEqual(await textsOf(driver, "[data-testid=person-row] .avatar", 3), ["BW", "FA", "ZÇ"]);

    // Escape on a half-filled dialog asks before throwing the input away.
    await click(driver, "[data-testid=add-person]");
    await type(driver, "[name=fullName]", "Lotte Visser");
    await driver.switchTo().activeElement().sendKeys(Key.ESCAPE);
    await find(driver, "[data-testid=discard-bar]");
    assert.ok(await (await find(driver, "[data-testid=person-dialog]")).isDisplayed(), "the dialog stays open");
    await screenshot(driver, "f1b-discard-asked");
    await click(driver, "[data-testid=keep-editing]");
    assert.equal(await withElement(driver, "[name=fullName]", (el) => el.getAttribute("value")), "Lotte Visser");

    // Dates as people write them: "31-2-2021" is refused naming this field, "1-3-2021" is
    // 1 March; the calendar picks a day by keyboard.
    const start = "[data-testid=person-dialog] input[name=startDate]";
    await type(driver, start, "31-2-2021");
    assert.match(await textOf(driver, "[data-testid=person-dialog] [data-testid=date-error]"), /^In dienst sinds: dit is geen bestaande datum/);
    await withElement(driver, start, (el) => driver.executeScript("arguments[0].select()", el));
    await type(driver, start, "1-3-2021");
    assert.equal(await withElement(driver, start, (el) => el.getAttribute("data-iso")), "2021-03-01");
    await withElement(driver, start, (el) => driver.executeScript("arguments[0].select()", el));
    await type(driver, start, "2 maart 2021");
    assert.equal(await withElement(driver, start, (el) => el.getAttribute("data-iso")), "2021-03-02");
    await click(driver, "[data-testid=person-dialog] .date-row button");
    await find(driver, "[data-testid=person-dialog] [data-bits-day]");
    await screenshot(driver, "f1c-date-picker");
    // Focus is on the chosen day; the right arrow goes to the next day, Enter takes it.
    await driver.switchTo().activeElement().sendKeys(Key.ARROW_RIGHT, Key.ENTER);
    await driver.wait(async () => (await withElement(driver, start, (el) => el.getAttribute("data-iso"))) === "2021-03-03", 3000, "the calendar sets the day");
    assert.equal(await withElement(driver, start, (el) => el.getAttribute("value")), "3 maart 2021");
    await click(driver, "[data-testid=save-person]");
    await driver.wait(async () => (await driver.findElements(By.css("[data-testid=person-dialog]"))).length === 0, 3000, "saved: the dialog closes");
    await textsOf(driver, "[data-testid=person-row]", 4);

    // A plan from a worked example names Zoë and Anouk, nobody from the example.
    await click(driver, "[data-nav=plans]");
    await click(driver, "[data-testid=new-plan]");
    await find(driver, "[data-testid=new-plan-dialog]");
    await (await driver.findElement(By.xpath("//select[@data-testid='new-plan-person']/option[.='Zoë Çelik']"))).click();
    await click(driver, "label:has([data-testid=example-winkelmedewerker-naar-ploegleider])");
    await click(driver, "[data-testid=create-plan]");
    await find(driver, "[data-testid=check-ok]");
    assert.equal(await withElement(driver, "[name=managerName]", (el) => el.getAttribute("value")), "Anouk van Dijk");
    const owners = await driver.executeScript("return [...document.querySelectorAll('[id^=action-][id$=-owner]')].map((e) => e.value)");
    assert.ok(owners.length > 0 && owners.every((o) => ["Zoë", "Anouk", "Zoë en Anouk", "Anouk en Zoë"].includes(o) || /Zoë|Anouk/.test(o)), `action owners are the real people: ${owners}`);
    // Opening a plan puts the focus on its title, not on the page.
    assert.equal(await driver.executeScript("return document.activeElement?.dataset.testid"), "plan-title");
    await assertLayout(driver, "f2-editor-800");
    const panel = await driver.executeScript(
      "return [document.querySelector('[data-testid=check-panel]').getBoundingClientRect().top + document.querySelector('.content').scrollTop, document.querySelector('[data-testid=export-plan]').getBoundingClientRect().bottom]",
    );
    assert.ok(panel[0] > panel[1], `the POP-check lies below the plan at 800 px, not over its buttons: ${panel}`);

    // The tabs follow the arrow keys, and focus follows the selected tab.
    await driver.executeScript("document.querySelector('[data-testid=tab-plan]').focus()");
    await driver.switchTo().activeElement().sendKeys(Key.ARROW_RIGHT);
    await driver.wait(async () => (await withElement(driver, "[data-testid=tab-guide]", (el) => el.getAttribute("aria-selected"))) === "true", 3000, "ArrowRight selects the next tab");
    await driver.wait(async () => (await driver.executeScript("return document.activeElement?.dataset.testid")) === "tab-guide", 3000, "focus follows the selected tab");
    await assertLayout(driver, "f3-guide-800");
    await driver.switchTo().activeElement().sendKeys(Key.END);
    await driver.wait(async () => (await withElement(driver, "[data-testid=tab-history]", (el) => el.getAttribute("aria-selected"))) === "true", 3000, "End selects the last tab");
    await driver.switchTo().activeElement().sendKeys(Key.HOME);
    await driver.wait(async () => (await withElement(driver, "[data-testid=tab-plan]", (el) => el.getAttribute("aria-selected"))) === "true", 3000, "Home selects the first tab");

    for (const view of ["overview", "checkins", "journal", "settings"]) {
      await click(driver, `[data-nav=${view}]`);
      await driver.sleep(400);
      await assertLayout(driver, `f4-${view}-800`);
      if (view === "settings") {
        // A reminder time typed as people do ("8.30") is understood and shown as 08:30.
        const at = await find(driver, "[data-testid=lead-at]");
        await driver.executeScript("arguments[0].select()", at);
        await at.sendKeys("8.30");
        await click(driver, "[data-testid=save-leads]");
        await driver.wait(async () => (await withElement(driver, "[data-testid=lead-at]", (el) => el.getAttribute("value"))) === "08:30", 3000, "the time is understood");
      }
      if (view === "journal") {
        // The owner's journal is the owner's own: said so, and no employee's goals to link.
        assert.match(await textOf(driver, "[data-testid=journal-private]"), /van jou, de eigenaar/);
        assert.equal((await driver.findElements(By.css("[data-testid=journal-goal]"))).length, 0);
      }
    }

    // A check-in moved with Enter is recorded on its new day, which the form shows: moved
    // to today (a day still to come cannot have been held).
    await click(driver, "[data-nav=checkins]");
    await click(driver, "[data-testid=schedule-entry] [data-testid=move]");
    const field = await find(driver, "[data-testid=edit-value]");
    const moved = new Date().toLocaleDateString("sv-SE");
    assert.notEqual(await field.getAttribute("data-iso"), moved, "planned on another day");
    await driver.executeScript("arguments[0].select();", field);
    await field.sendKeys(moved, Key.ENTER);
    await driver.wait(async () => (await textOf(driver, "[data-testid=schedule-entry]")).includes("verzet van"), 5000, "Enter saves the move");
    await click(driver, "[data-testid=schedule-entry] [data-testid=record]");
    assert.equal(await withElement(driver, "[data-testid=held-on]", (el) => el.getAttribute("data-iso")), moved);
    const title = await textOf(driver, "[data-testid=record-title]");
    const [y, m, d] = moved.split("-").map(Number);
    const day = new Intl.DateTimeFormat("nl-NL", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
    assert.ok(title.includes(day), `the form names the moved day: ${title} / ${day}`);
    await assertLayout(driver, "f5-record-800");
    await type(driver, "[data-testid=grow-reality]", "Zoë draaide twee zaterdagen zelf de winkel.");
    await click(driver, "[data-testid=save-checkin]");
    const history = await textsOf(driver, "[data-testid=history-date]", 1);
    assert.equal(history[0], day, "the history shows the day it was held");

    // The overview's "no plan yet" offers to make one, for that person.
    await click(driver, "[data-nav=overview]");
    await click(driver, "[data-testid=tab-team]");
    await textsOf(driver, "[data-testid=team-row]", 4);
    const teamRows = await driver.findElements(By.css("[data-testid=team-row]"));
    let bram = null;
    for (const row of teamRows) if ((await row.getText()).includes("Bram de Wit")) bram = row;
    assert.ok(bram, "Bram is in the team table");
    await (await bram.findElement(By.css("[data-testid=team-make-plan]"))).click();
    await find(driver, "[data-testid=new-plan-dialog]");
    assert.equal((await driver.findElements(By.css("[data-testid=new-plan-person]"))).length, 0, "the person is already chosen");
    await click(driver, "[data-testid=create-plan]");
    await find(driver, "[data-testid=check-panel]");
    assert.match(await textOf(driver, ".plan-head"), /Bram de Wit/);

    // A page per person: their plans and where the current one stands.
    await click(driver, "[data-nav=people]");
    await textsOf(driver, "[data-testid=person-row]", 4);
    for (const row of await driver.findElements(By.css("[data-testid=person-row]")))
      if ((await row.getText()).includes("Zoë")) {
        await row.click();
        break;
      }
    assert.equal(await textOf(driver, "[data-testid=person-title]"), "Zoë Çelik");
    const now = await textOf(driver, "[data-testid=person-now]");
    assert.ok(now.includes(`Laatste gesprek: ${day}`), `the last check-in on Zoë's page: ${now}`);
    assert.equal((await driver.findElements(By.css("[data-testid=person-plan]"))).length, 1);
    await assertLayout(driver, "f5b-person-page-800");
    await clickTo(driver, "[data-testid=person-plan]", "[data-testid=check-panel]");

    // Full screen the same screens keep working.
    await driver.manage().window().setRect({ width: 1280, height: 800 });
    await click(driver, "[data-nav=plans]");
    await click(driver, "[data-testid=plan-row]");
    await find(driver, "[data-testid=check-panel]");
    await assertLayout(driver, "f6-editor-1280");

    // Text at 200 % (the text size doubled, as a user's larger font does): still no control
    // under another and no text out of its box, on the editor, the people and the check-ins.
    await driver.executeScript("document.documentElement.style.fontSize = '200%'; document.body.style.fontSize = '30px';");
    await assertLayout(driver, "f9-editor-text-200");
    for (const view of ["people", "checkins", "overview"]) {
      await click(driver, `[data-nav=${view}]`);
      await driver.sleep(400);
      await assertLayout(driver, `f9-${view}-text-200`);
    }
  } finally {
    await driver.quit();
  }
});

test("a plan keeps its own language: an English plan in the Dutch app, a Dutch PDF from the English app", async (t) => {
  const { existsSync } = await import("node:fs");
  const dir = freshDataDir("languages");
  const db = join(dir, "groeikoers.sqlite3");
  execFileSync(cli, ["--db", db, "person", "add", "--name", "Fatima El Amrani", "--role", "Banketbakker"]);
  const zoe = execFileSync(cli, ["--db", db, "person", "add", "--name", "Zoë Çelik"]).toString().trim();
  execFileSync(cli, ["--db", db, "plan", "new", "--person", zoe, "--example", "winkelmedewerker-naar-ploegleider", "--lang", "nl"]);
  const wd = await startDriver({ db, env: { GROEIKOERS_E2E_SAVE_DIR: dir } });
  t.after(() => wd.stop());
  const driver = await wd.session();
  try {
    await type(driver, "[data-testid=organisation-name]", "Bakkerij De Korenaar");
    await click(driver, "[data-testid=start]");
    // In the Dutch app, a plan in English from an example, previewed first.
    await click(driver, "[data-nav=plans]");
    await click(driver, "[data-testid=new-plan]");
    await (await driver.findElement(By.xpath("//select[@data-testid='new-plan-person']/option[.='Fatima El Amrani']"))).click();
    await click(driver, "label:has([data-testid=plan-language-en])");
    await click(driver, "label:has([data-testid=example-vakman-met-leerling])");
    const preview = await textOf(driver, "[data-testid=example-preview]");
    assert.match(preview, /Fatima/, `the preview names the real person: ${preview}`);
    assert.doesNotMatch(preview, /\{employee\}|\{manager\}/);
    await screenshot(driver, "f7-example-preview");
    await click(driver, "[data-testid=create-plan]");
    await find(driver, "[data-testid=check-panel]");
    assert.equal(await withElement(driver, "[data-testid=plan-language]", (el) => el.getAttribute("value")), "en");
    await click(driver, "[data-testid=export-pdf]");
    const english = join(dir, `${planFileName("Fatima El Amrani")}.pdf`);
    await driver.wait(async () => existsSync(english), 8000, "the English plan's PDF is written");
    const en = execFileSync("pdftotext", [english, "-"]).toString();
    assert.match(en, /Signature/);
    assert.doesNotMatch(en, /Handtekening/);

    // The app switches to English at once (no save); Zoë's Dutch plan prints in Dutch.
    await click(driver, "[data-nav=settings]");
    await click(driver, "[data-testid=settings-lang-en]");
    await driver.wait(async () => (await textOf(driver, "[data-nav=plans]")).includes("Plans"), 3000, "the app speaks English at once");
    await click(driver, "[data-nav=plans]");
    await textsOf(driver, "[data-testid=plan-row]", 2);
    const rows = await driver.findElements(By.css("[data-testid=plan-row]"));
    for (const row of rows) if ((await row.getText()).includes("Zoë")) await row.click();
    await find(driver, "[data-testid=check-panel]");
    await click(driver, "[data-testid=export-pdf]");
    const dutch = join(dir, `${planFileName("Zoë Çelik")}.pdf`);
    await driver.wait(async () => existsSync(dutch), 8000, "the Dutch plan's PDF is written");
    const nl = execFileSync("pdftotext", [dutch, "-"]).toString();
    assert.match(nl, /Handtekening/);
    assert.doesNotMatch(nl, /Signature/);
    await screenshot(driver, "f8-english-app-dutch-plan");
  } finally {
    await driver.quit();
  }
});
