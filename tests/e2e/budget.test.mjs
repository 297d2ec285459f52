// The employer's side in the real window: the owner sets a budget scheme under Settings (from a
// preset), a person's page shows what their development budget holds and every line behind
// it, and the plan editor weighs the plan's costs against it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { artifacts, By, click, clickTo, find, freshDataDir, repo, screenshot, startDriver, textOf, textsOf, type, withElement } from "./harness.mjs";

const cli = join(repo, "target/debug/groeikoers-cli");

test("a budget scheme set in the app shows on a person's page and against a plan's costs", async (t) => {
  const dir = freshDataDir("budget");
  const db = join(dir, "groeikoers.sqlite3");
  const zoe = execFileSync(cli, ["--db", db, "person", "add", "--name", "Zoë Çelik", "--fte", "0.6", "--start", "2025-04-01"]).toString().trim();
  const plan = execFileSync(cli, ["--db", db, "plan", "new", "--person", zoe, "--example", "winkelmedewerker-naar-ploegleider", "--lang", "nl"]).toString().trim();
  const wd = await startDriver({ db });
  t.after(() => wd.stop());
  const driver = await wd.session();
  try {
    await type(driver, "[data-testid=organisation-name]", "Bakkerij De Korenaar");
    await click(driver, "[data-testid=start]");
    // Before a scheme: the person's page says where to set one.
    await click(driver, "[data-nav=people]");
    await click(driver, "[data-testid=person-row]");
    assert.match(await textOf(driver, "[data-testid=person-budget]"), /Instellingen/);

    await click(driver, "[data-nav=settings]");
    await click(driver, "[data-testid=preset-fte]");
    const from = await find(driver, "[data-testid=budget-from]");
    await driver.executeScript("arguments[0].select()", from);
    await from.sendKeys("1-1-2020");
    await click(driver, "[data-testid=save-budget]");
    await driver.wait(async () => /Vanaf 1 januari 2020/.test(await textOf(driver, "[data-testid=budget-schemes]")), 5000, "the scheme is listed");
    await screenshot(driver, "60-budget-settings");

    // The owner's threshold for study-cost clauses.
    assert.match(await textOf(driver, "[data-testid=threshold-now]"), /geen drempel/);
    await type(driver, "[data-testid=clause-threshold] input[name=clause-threshold]", "1000");
    await click(driver, "[data-testid=threshold-save]");
    await driver.wait(async () => /Drempel nu: € 1\.000,00/.test((await textOf(driver, "[data-testid=threshold-now]")).replace(/\s/g, " ")), 5000, "the threshold is shown");

    // €500 per FTE per year at 0.6 FTE from 1 April 2025: 2025 gives €225 (nine whole months);
    // each later year €300.
    const year = new Date().getFullYear();
    const expected = 22_500 + 30_000 * (year - 2025);
    const money = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" }).format(expected / 100);
    await click(driver, "[data-nav=people]");
    await click(driver, "[data-testid=person-row]");
    const balance = await textOf(driver, "[data-testid=budget-balance]");
    assert.equal(balance.replace(/\s/g, " ").replace(/\u00a0/g, " "), `Beschikbaar: ${money.replace(/\u00a0/g, " ")}`);
    const lines = await textsOf(driver, "[data-testid=budget-line]", year - 2025 + 1);
    assert.match(lines[lines.length - 1], /1 april 2025/);
    await screenshot(driver, "61-person-budget");

    // The owner's team table gets the budget columns.
    await click(driver, "[data-nav=overview]");
    await click(driver, "[data-testid=tab-team]");
    const cell = await textOf(driver, "[data-testid=team-budget]");
    assert.equal(cell.replace(/\s/g, " "), money.replace(/\s/g, " "));
    await click(driver, "[data-nav=people]");
    await click(driver, "[data-testid=person-row]");

    // The plan's costs against what the budget holds.
    await clickTo(driver, "[data-testid=person-plan]", "[data-testid=check-panel]");
    const weighed = await textOf(driver, "[data-testid=plan-budget]");
    assert.match(weighed, /in het ontwikkelbudget van Zoë Çelik staat nu/);
    assert.equal((await driver.findElements(By.css("[data-testid=plan-over-budget]"))).length, 0, "the course fits the budget");
    await withElement(driver, "[data-testid=plan-budget]", (el) => driver.executeScript("arguments[0].scrollIntoView({block:'center'})", el));
    await screenshot(driver, "62-plan-against-budget");

    // Who pays: the course moves to the personal budget. Said to be required by the CAO, it
    // is free by law: the editor and the POP-check say so, naming the article.
    const paid = await find(driver, "[data-testid=action-paid-by]");
    await driver.executeScript("arguments[0].scrollIntoView({block:'center'})", paid);
    await (await find(driver, "[data-testid=action-paid-by] option:nth-child(3)")).click();
    await find(driver, "[data-testid=action-charged]");
    await (await find(driver, "[data-testid=action-training] option:nth-child(4)")).click();
    assert.match(await textOf(driver, "[data-testid=action-free-by-law]"), /art\. 7:611a BW/);
    await driver.wait(async () => /7:611a/.test(await textOf(driver, "[data-testid=check-panel]")), 5000, "the POP-check names the article");
    await screenshot(driver, "62b-free-by-law");
    // Voluntary after all: signing takes it off the budget.
    await (await find(driver, "[data-testid=action-training] option:nth-child(2)")).click();
    await find(driver, "[data-testid=action-charged]");
    // The hours it takes: words are explained and not saved; 1,5 is. This organisation keeps no
    // hours budget, so signing books no hours (the ledger below has only the euro line).
    // (the hours field of the same action as the payer chosen above)
    const hoursField = await driver.executeScript("return arguments[0].closest('[data-item-id]').querySelector('[data-testid=action-hours]')", paid);
    await hoursField.sendKeys("anderhalf");
    assert.match(await textOf(driver, "[data-testid=action-hours-error]"), /Vul een aantal uren in/);
    await driver.executeScript("arguments[0].select()", hoursField);
    await hoursField.sendKeys("1,5");
    await driver.wait(async () => (await driver.findElements(By.css("[data-testid=action-hours-error]"))).length === 0, 5000, "1,5 is taken");
    await screenshot(driver, "62e-action-hours");
    await driver.sleep(100);
    await driver.wait(async () => (await textOf(driver, "[data-testid=save-state]")) === "Opgeslagen", 5000, "saved");
    await click(driver, "[data-nav=people]");
    for (const [party, name] of [["employee", "Zoë Çelik"], ["manager", "Anouk van Dijk"]]) {
      execFileSync(cli, ["--db", db, "plan", "sign", plan, "--party", party, "--name", name, "--consent", "--despite-findings"]);
    }
    await click(driver, "[data-nav=overview]");
    await click(driver, "[data-nav=people]");
    await click(driver, "[data-testid=person-row]");
    const charged = await textsOf(driver, "[data-testid=budget-line]", year - 2025 + 2);
    assert.ok(charged.some((l) => /feedback geven/.test(l) && /175,00/.test(l)), charged.join("\n"));
    const left = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" }).format((expected - 17_500) / 100);
    assert.equal((await textOf(driver, "[data-testid=budget-balance]")).replace(/\s/g, " "), `Beschikbaar: ${left.replace(/\s/g, " ")}`);
    await withElement(driver, "[data-testid=person-budget]", (el) => driver.executeScript("arguments[0].scrollIntoView({block:'center'})", el));
    await screenshot(driver, "62c-charged-at-signing");

    // Full time from 1 January this year: this year's credit becomes €500 instead of €300.
    // A factor of 1,5 first: a clear message, nothing changes.
    assert.match(await textOf(driver, "[data-testid=fte-changes]"), /0,6 fte vanaf 1 april 2025/);
    await click(driver, "[data-testid=fte-change]");
    await (await find(driver, "[data-testid=fte-from]")).sendKeys(`1-1-${year}`);
    await type(driver, "[data-testid=fte-value]", "1,5");
    await click(driver, "[data-testid=fte-save]");
    assert.match(await textOf(driver, "[data-testid=fte-error]"), /tussen 0,1 en 1,0/);
    const fmt = (c) => new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" }).format(c / 100).replace(/\s/g, " ");
    assert.equal((await textOf(driver, "[data-testid=budget-balance]")).replace(/\s/g, " "), `Beschikbaar: ${fmt(expected - 17_500)}`);
    const value = await find(driver, "[data-testid=fte-value]");
    await driver.executeScript("arguments[0].select()", value);
    await value.sendKeys("1");
    await screenshot(driver, "62d-fte-change");
    await click(driver, "[data-testid=fte-save]");
    await driver.wait(async () => (await textOf(driver, "[data-testid=budget-balance]")).replace(/\s/g, " ") === `Beschikbaar: ${fmt(expected - 17_500 + 20_000)}`, 5000, "the balance follows the new factor");
    assert.match(await textOf(driver, "[data-testid=fte-changes]"), new RegExp(`1 fte vanaf 1 januari ${year}`));
  } finally {
    await driver.quit();
  }
});

test("marking someone as left with a reason shows what their study-cost clause settles", async (t) => {
  const dir = freshDataDir("settlement");
  const db = join(dir, "groeikoers.sqlite3");
  execFileSync(cli, ["--db", db, "person", "add", "--name", "Zoë Çelik", "--start", "2024-01-01"]);
  const saveDir = freshDataDir("settlement-save");
  const wd = await startDriver({ db, env: { GROEIKOERS_E2E_SAVE_DIR: saveDir } });
  t.after(() => wd.stop());
  const driver = await wd.session();
  try {
    await type(driver, "[data-testid=organisation-name]", "Bakkerij De Korenaar");
    await click(driver, "[data-testid=start]");
    await click(driver, "[data-nav=people]");
    await click(driver, "[data-testid=person-row]");

    // A €3 000 course ending 1 March 2025, 24 months, linear: resigning on 1 March 2026 owes
    // half. First as training the CAO requires: refused, with the article.
    await click(driver, "[data-testid=clause-new]");
    await type(driver, "[data-testid=clause-course]", "Vakopleiding meesterbakker");
    await (await find(driver, "[data-testid=clause-kind] option[value=required]")).click();
    await find(driver, "[data-testid=clause-free]");
    await type(driver, "[data-testid=person-clauses] input[name=clause-cost]", "3000");
    await (await find(driver, "[data-testid=clause-start]")).sendKeys("1-9-2024");
    const end = await find(driver, "[data-testid=clause-end]");
    await end.sendKeys("1-3-2025");
    await click(driver, "[data-testid=clause-save]");
    assert.match(await textOf(driver, "[data-testid=clause-error]"), /7:611a/);
    await (await find(driver, "[data-testid=clause-kind] option[value=voluntary]")).click();
    // The same €3 000, item by item, with study time as working time.
    await click(driver, "[data-testid=clause-itemise]");
    await type(driver, "[data-testid=person-clauses] input[name=clause-item-tuition]", "2500");
    await type(driver, "[data-testid=person-clauses] input[name=clause-item-materials]", "300");
    await type(driver, "[data-testid=person-clauses] input[name=clause-item-exam]", "200");
    await driver.wait(async () => /3\.000,00/.test(await textOf(driver, "[data-testid=clause-items-total]")), 5000, "the items add up");
    await (await find(driver, "[data-testid=clause-study-time] option[value=work]")).click();
    await withElement(driver, "[data-testid=clause-form]", (el) => driver.executeScript("arguments[0].scrollIntoView({block:'center'})", el));
    await screenshot(driver, "65a-clause-itemised");
    await click(driver, "[data-testid=clause-save]");
    assert.match(await textOf(driver, "[data-testid=clause]"), /Vakopleiding meesterbakker/);
    assert.match(await textOf(driver, "[data-testid=clause-state]"), /Nog niet bindend/);

    // Both sign before the training starts (1 September 2024). Today is too late: refused.
    await click(driver, "[data-testid=clause-sign]");
    await click(driver, "[data-testid=clause-consent]");
    await click(driver, "[data-testid=clause-sign-submit]");
    assert.match(await textOf(driver, "[data-testid=clause-sign-error]"), /na het begin van de opleiding/);
    await (await find(driver, "[data-testid=clause-signed-on]")).sendKeys("20-8-2024");
    await click(driver, "[data-testid=clause-sign-submit]");
    await find(driver, "[data-testid=clause-signature]");
    await click(driver, "[data-testid=clause-sign]");
    await type(driver, "[data-testid=clause-signer]", "Anouk van Dijk");
    await (await find(driver, "[data-testid=clause-signed-on]")).sendKeys("30-8-2024");
    await click(driver, "[data-testid=clause-consent]");
    await click(driver, "[data-testid=clause-sign-submit]");
    await driver.wait(async () => /Bindend/.test(await textOf(driver, "[data-testid=clause-state]")), 5000, "both signed: binding");
    const state = await textOf(driver, "[data-testid=clause-state]");
    assert.match(state, /Zoë Çelik \(medewerker\) op 20 augustus 2024/);
    assert.match(state, /Anouk van Dijk \(werkgever\) op 30 augustus 2024/);
    await withElement(driver, "[data-testid=person-clauses]", (el) => driver.executeScript("arguments[0].scrollIntoView({block:'center'})", el));
    await screenshot(driver, "65b-clause-signed");
    await click(driver, "[data-testid=clause-pdf]");
    await driver.wait(() => readdirSync(saveDir).some((f) => f.endsWith(".pdf")), 5000, "the annex is written");
    const annex = join(saveDir, readdirSync(saveDir).find((f) => f.endsWith(".pdf")));
    const annexText = execFileSync("pdftotext", [annex, "-"]).toString().replace(/\s+/g, " ");
    assert.match(annexText, /Vakopleiding meesterbakker/);
    assert.match(annexText, /1 maart 2026 € 1\.500,00/);
    for (const item of [/Cursusgeld € 2\.500,00/, /Studiemateriaal € 300,00/, /Examen € 200,00/]) assert.match(annexText, item);
    assert.match(annexText, /Studietijd telt als werktijd/);
    assert.match(annexText, /Getekend in Groeikoers: Zoë Çelik \(medewerker\) op 20 augustus 2024/);
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", annex, join(artifacts, "65-clause-annex")]);

    // The training is not finished without good reason: recorded once beside the clause; a day
    // before the training started is refused. A year after its end, half is owed.
    await click(driver, "[data-testid=clause-stop]");
    await (await find(driver, "[data-testid=clause-stopped-on]")).sendKeys("1-8-2024");
    await click(driver, "[data-testid=clause-stop-submit]");
    assert.match(await textOf(driver, "[data-testid=clause-stop-error]"), /vóór het begin van de opleiding/);
    const stoppedOn = await find(driver, "[data-testid=clause-stopped-on]");
    await driver.executeScript("arguments[0].select()", stoppedOn);
    await stoppedOn.sendKeys("1-3-2026");
    await type(driver, "[data-testid=clause-stop-note]", "Afstudeerproject niet ingeleverd");
    await click(driver, "[data-testid=clause-stop-submit]");
    const stopped = await textOf(driver, "[data-testid=clause-stopped]");
    assert.match(stopped, /Opleiding gestopt op 1 maart 2026: volgens het beding € 1\.500,00 verschuldigd/);
    assert.match(stopped, /Afstudeerproject niet ingeleverd/);
    assert.equal((await driver.findElements(By.css("[data-testid=clause-stop]"))).length, 0, "recorded once");
    await withElement(driver, "[data-testid=clause-stopped]", (el) => driver.executeScript("arguments[0].scrollIntoView({block:'center'})", el));
    await screenshot(driver, "65c-clause-stopped");

    await click(driver, "[data-testid=edit-person]");
    await click(driver, "[data-testid=toggle-left]");
    const on = await find(driver, "[data-testid=leave-on]");
    await driver.executeScript("arguments[0].select()", on);
    await on.sendKeys("1-3-2026");
    await (await find(driver, "[data-testid=leave-reason] option[value=resign]")).click();
    await screenshot(driver, "63-leaving");
    await click(driver, "[data-testid=toggle-left]");
    const clauses = await textOf(driver, "[data-testid=settlement-clauses]");
    assert.match(clauses.replace(/\s/g, " "), /Vakopleiding meesterbakker: € 1\.500,00/);
    // Final pay €2 500 of which €2 000 is protected: €500 set off, €1 000 to invoice.
    const [pay, prot] = await driver.findElements(By.css("[data-testid=person-settlement] input"));
    await pay.sendKeys("2500");
    await prot.sendKeys("2000");
    await click(driver, "[data-testid=settlement-compute]");
    await driver.wait(async () => /1\.000,00/.test(await textOf(driver, "[data-testid=settlement-invoice]")), 5000, "the invoice is recomputed");
    assert.match((await textOf(driver, "[data-testid=settlement-sums]")).replace(/\s/g, " "), /€ 500,00/);
    await withElement(driver, "[data-testid=person-settlement]", (el) => driver.executeScript("arguments[0].scrollIntoView({block:'center'})", el));
    await screenshot(driver, "64-settlement");
  } finally {
    await driver.quit();
  }
});
