import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checklistFor } from '../../main/core/pure/discharge/checklist';
import type { RouteId } from '../../main/core/pure/timeline/routes';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { chromiumWithHosts, moveClocks, scoreMoaasInPage, signInPage, startSessionInPage } from '../support/room-page';
import { recordReadyButTime } from '../support/room';
import { sign } from '../support/staff';

/**
 * The faults a new user met in the room (the record contradicting itself, times that read as clock times, controls that
 * do not forgive a slip), each as the screen shows it in Chromium through the browser host.
 */
const MIN = 60_000;
const rooms = chromiumWithHosts();
const newHost = async () => {
  const host = await startHostProcess(tempDataDir());
  rooms.hosts.push(host);
  return host;
};
/** The room's page, once it shows the start form or the session (its keys work from then on). */
async function openRoom(host: HostProcess): Promise<Page> {
  const page = await rooms.openRoom(host, { viewport: { width: 1400, height: 1000 } });
  await page
    .getByRole('timer', { name: 'Time since first dose' })
    .or(page.getByRole('button', { name: 'Start session' }))
    .waitFor();
  return page;
}

/** A session of the route, its checklist answered, a baseline BP, and the dose (or Spravato's devices, 5 min apart). */
async function dosed(host: HostProcess, presetId: RouteId, mg: number, devices = 1): Promise<string> {
  const view = await host.value('startSession', {
    patientRef: 'RF-1',
    presetId,
    plannedDoseMg: mg,
    therapist: 'Dr Kim',
    sitter: 'Sam',
  });
  const sessionId = view.session.id;
  for (const item of checklistFor({ id: presetId }))
    await host.value('answerChecklist', { sessionId, item, answer: 'yes', author: 'Dr Kim' });
  await host.value('recordVitals', {
    sessionId,
    values: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 },
    author: 'Sam',
  });
  await host.advanceClock(5 * MIN);
  await host.value('recordDose', { sessionId, mg, booster: false, ...sign('Dr Kim') });
  for (let n = 2; n <= devices; n++) {
    await host.advanceClock(5 * MIN);
    await host.value('recordDose', { sessionId, mg: 28, booster: false, ...sign('Dr Kim') });
  }
  return sessionId;
}

/** Everything the discharge asks but the time, recorded now through the bridge (the orthostatic pair where the route asks for it). */
const readyForDischarge = (host: HostProcess, sessionId: string) =>
  recordReadyButTime((method, args) => host.value(method, args), sessionId, {
    systolic: 128,
    diastolic: 82,
    heartRate: 74,
    spo2: 97,
    respiratoryRate: 14,
  });

const entries = (page: Page) => page.getByRole('list', { name: 'Entry list' });
const alerts = (page: Page) => page.getByRole('region', { name: 'Alerts' });
const dueList = (page: Page) => page.getByRole('region', { name: 'Due' });

describe('the record does not contradict itself', () => {
  it('a MOAA/S 3 struck as a mis-click: the gate and the printed report agree that no alert is open', async () => {
    const host = await newHost();
    const sessionId = await dosed(host, 'im', 60);
    await host.advanceClock(5 * MIN);
    const score = await host.value('recordScore', {
      sessionId,
      content: { scale: 'moaas', score: 3 },
      author: 'Sam',
    });
    await host.value('amendEntry', {
      sessionId,
      targetSeq: score.seq,
      action: 'strike',
      reason: 'mis-click: she answered to her name at once',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    await host.advanceClock(90 * MIN);
    await readyForDischarge(host, sessionId);
    const page = await openRoom(host);
    await expect
      .poll(() => page.locator('#discharge-missing').textContent())
      .toBe('Everything needed for discharge is recorded.');
    const alertsCondition = page
      .getByRole('list', { name: 'Discharge conditions' })
      .getByRole('listitem')
      .filter({ hasText: 'No open alerts' });
    expect(await alertsCondition.textContent()).toMatch(/every alert acknowledged/);
    await page.close();
    await host.value('discharge', { sessionId, ...sign('Dr Kim') });

    const report = await openRoom(host);
    await report.getByRole('button', { name: 'Session history' }).click();
    await report.getByRole('button', { name: /^Open the report of RF-1/ }).click();
    await report.locator('[data-report-complete="true"]').waitFor();
    const pdfFile = path.join(tempDataDir('room-pdf-'), 'report.pdf');
    await report.emulateMedia({ media: 'print' });
    await report.pdf({ path: pdfFile, format: 'A4', printBackground: true });
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toMatch(
      /WARNING: MOAA\/S 3: not responding readily to name\. Closed: its reading was struck by Dr Kim/,
    );
    expect(text).not.toMatch(/Not acknowledged/);
    expect(text).not.toMatch(/\(1 not acknowledged\)/);
    await report.close();
  });

  it('"Baseline BP within limits: yes" is refused with 150/95 on record above the 140/90 limit; after 124/80 it is recorded', async () => {
    const host = await newHost();
    const page = await openRoom(host);
    await startSessionInPage(page, { patientRef: 'BP-1' });
    const vitals = page.getByRole('form', { name: 'Vitals' });
    const saveBp = async (systolic: string, diastolic: string) => {
      await vitals.getByLabel('Systolic BP').fill(systolic);
      await vitals.getByLabel('Diastolic BP').fill(diastolic);
      await vitals.getByRole('button', { name: 'Save vitals' }).click();
      await expect.poll(() => entries(page).textContent()).toContain(`BP ${systolic}/${diastolic}`);
    };
    await saveBp('150', '95');
    const checklist = page.getByRole('region', { name: 'Day-of checklist' });
    const item = checklist.getByRole('listitem').filter({ hasText: /^Baseline blood pressure within limits/ });
    await item.getByRole('button', { name: /: yes$/ }).click();
    await expect
      .poll(() => checklist.getByRole('alert').textContent())
      .toMatch(
        /^The blood pressure on record, 150\/95 at \d\d:\d\d, is at or above the 140\/90 limit: answer "no" and say why/,
      );
    expect(await item.locator('.checklist-answer').textContent()).toBe('not answered');
    await moveClocks(host, page, 10 * MIN);
    await saveBp('124', '80');
    await item.getByRole('button', { name: /: yes$/ }).click();
    await expect.poll(() => item.locator('.checklist-answer').textContent()).toMatch(/^yes \(Sam, \d\d:\d\d\)$/);
    await page.close();
  });

  it('Spravato in three devices shows one 40-minute BP item, counted from the last device', async () => {
    const host = await newHost();
    const sessionId = await dosed(host, 'spravato', 84, 3);
    // Device 1 at +0, device 3 at +10: at +46 the BP is due 40 min after device 3 (at +50), once.
    await host.advanceClock(36 * MIN);
    const page = await openRoom(host);
    const forty = dueList(page)
      .getByRole('listitem')
      .filter({ hasText: /40 min/ });
    await expect
      .poll(() => forty.allTextContents())
      .toEqual([expect.stringMatching(/^due Vitals 40 min after the last device required at \d\d:\d\d$/)]);

    // The BP at +50 meets it; one at +58 does not move the REMS form's reading, which says which one it uses.
    await moveClocks(host, page, 4 * MIN);
    await host.value('recordVitals', { sessionId, values: { systolic: 136, diastolic: 84 }, author: 'Sam' });
    await moveClocks(host, page, 8 * MIN);
    await host.value('recordVitals', { sessionId, values: { systolic: 128, diastolic: 80 }, author: 'Sam' });
    await expect.poll(() => forty.count()).toBe(0);
    await page.keyboard.press('Alt+X');
    const row = page
      .getByRole('form', { name: 'REMS monitoring form' })
      .getByRole('row')
      .filter({ hasText: /^BP 40 minutes post-administration/ });
    await expect
      .poll(() => row.textContent())
      .toMatch(
        /^BP 40 minutes post-administration136\/84 mmHg at \d\d:\d\d · from the record: 136\/84 mmHg at \d\d:\d\d · the reading nearest 40 min after the last device \(at \d\d:\d\d\), from 25 to 60 min after it/,
      );
    await page.close();
  });

  it('IV after "Infusion ended": the end is marked once, no booster is offered after it, and the due list agrees with the gate', async () => {
    const host = await newHost();
    const sessionId = await dosed(host, 'iv', 40);
    const page = await openRoom(host);
    await moveClocks(host, page, 40 * MIN);
    const ended = page.getByRole('button', { name: /^Infusion ended/ });
    await ended.click();
    await signInPage(page, 'Dr Kim');
    await expect.poll(() => ended.isDisabled()).toBe(true);

    // A booster after the end: disabled, with the sentence saying why.
    await moveClocks(host, page, 2 * MIN);
    await host.value('recordVitals', { sessionId, values: { systolic: 124, diastolic: 80 }, author: 'Sam' });
    await host.value('recordScore', { sessionId, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    const booster = page.getByRole('button', { name: 'Record booster' });
    await expect.poll(() => booster.isDisabled()).toBe(true);
    await expect
      .poll(() => page.locator('#dose-refusal').textContent())
      .toMatch(
        /^The infusion ended at \d\d:\d\d: no booster after its end\. If it is still running, a clinician strikes "Infusion ended" first\.$/,
      );

    // At the earliest discharge, with everything recorded: nothing overdue beside "Everything needed ... is recorded".
    await moveClocks(host, page, 58 * MIN);
    await readyForDischarge(host, sessionId);
    await expect
      .poll(() => page.locator('#discharge-missing').textContent())
      .toBe('Everything needed for discharge is recorded.');
    expect(
      await dueList(page)
        .getByRole('listitem', { name: /^Pre-discharge vitals: overdue/ })
        .count(),
    ).toBe(0);
    expect(await page.getByRole('button', { name: /^Infusion ended/ }).isDisabled()).toBe(true);
    await page.close();
  });
});

describe('times read as what they are', () => {
  it('what is coming is a duration ("in 14 min"), what is due soon says "at" its time, never "since" a time still ahead', async () => {
    const host = await newHost();
    await dosed(host, 'im', 60);
    const page = await openRoom(host);
    await moveClocks(host, page, 6 * MIN);
    // IM: vitals at +20 upcoming: "in 14 min", never "in 13:59".
    const upcoming = dueList(page).getByRole('listitem', { name: /: upcoming$/ });
    await expect.poll(() => upcoming.first().textContent()).toMatch(/ in (\d+ min|\d+ h \d+ min)$/);
    expect(await dueList(page).textContent()).not.toMatch(/in \d+:\d\d/);
    // +16: the +20 set is due in 4 minutes: "at HH:MM", not "since".
    await moveClocks(host, page, 10 * MIN);
    const due = dueList(page).getByRole('listitem', { name: 'Vitals at +20 min: due' });
    await expect.poll(() => due.textContent()).toMatch(/ at \d\d:\d\d$/);
    // +26: it is past its time, and "since" names that past time.
    await moveClocks(host, page, 10 * MIN);
    const late = dueList(page).getByRole('listitem', { name: /^Vitals at \+20 min: overdue/ });
    await expect.poll(() => late.textContent()).toMatch(/ since \d\d:\d\d$/);
    const [h, m] = ((await late.textContent())!.match(/since (\d\d):(\d\d)$/) ?? []).slice(1).map(Number);
    const pageMinutes = await page.evaluate(() => new Date().getHours() * 60 + new Date().getMinutes());
    // Six minutes past its time, give or take the minute the page's seconds straddle: a past time.
    const minutesSince = (((pageMinutes - (h! * 60 + m!)) % 1440) + 1440) % 1440;
    expect(minutesSince).toBeGreaterThanOrEqual(5);
    expect(minutesSince).toBeLessThanOrEqual(7);
    // The glance writes the next phase as a duration too.
    await page.keyboard.press('Alt+G');
    expect(await page.getByLabel('Phase, at a glance').textContent()).not.toMatch(/in \d+:\d\d/);
    await page.keyboard.press('Escape');
    await page.close();
  });
});

describe('controls that forgive', () => {
  it('a MOAA/S button picks the score: nothing is recorded until it is confirmed, Cancel drops it, and the confirmed score raises its alert', async () => {
    const host = await newHost();
    await dosed(host, 'im', 60);
    const page = await openRoom(host);
    await moveClocks(host, page, 5 * MIN);
    await page.getByRole('button', { name: /^MOAA\/S 3:/ }).click();
    const confirm = page.getByRole('group', { name: 'Confirm the MOAA/S score' });
    await expect.poll(() => confirm.textContent()).toMatch(/^MOAA\/S 3: Responds only after name is called loudly/);
    expect(await entries(page).getByRole('listitem').filter({ hasText: 'MOAA/S 3' }).count()).toBe(0);
    expect(await alerts(page).count()).toBe(0);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: /^MOAA\/S 3:/ }).getAttribute('aria-pressed')).toBe('false');
    await moveClocks(host, page, 2000);
    const { activeSessionId } = await host.value('getRoom', {});
    const scores = async () =>
      (await host.value('getSession', { sessionId: activeSessionId! })).events.filter((e) => e.kind === 'score');
    expect(await scores()).toHaveLength(0);

    await scoreMoaasInPage(page, 3);
    await expect.poll(() => alerts(page).textContent()).toMatch(/MOAA\/S 3: not responding readily to name/);
    expect(await scores()).toHaveLength(1);
    await page.close();
  });

  it('an open alert stays in sight at the top of the record column however far its entries are scrolled', async () => {
    const host = await newHost();
    const sessionId = await dosed(host, 'im', 60);
    await host.advanceClock(2 * MIN);
    await host.value('recordScore', { sessionId, content: { scale: 'moaas', score: 3 }, author: 'Sam' });
    for (let i = 1; i <= 25; i++) {
      await host.advanceClock(30_000);
      await host.value('recordObservation', {
        sessionId,
        content: { text: `Resting, breathing evenly (${i})` },
        author: 'Sam',
      });
    }
    const page = await rooms.openRoom(host, { viewport: { width: 1366, height: 768 } });
    const alert = alerts(page).getByRole('listitem').filter({ hasText: 'MOAA/S 3' });
    await alert.waitFor();
    const column = page.locator('.room-record');
    await column.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    expect(await column.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    const inside = async () => {
      const a = (await alert.boundingBox())!;
      const c = (await column.boundingBox())!;
      return a.y >= c.y - 1 && a.y + a.height <= c.y + c.height + 1;
    };
    await expect.poll(inside).toBe(true);
    await page.close();
  });

  it('"needs clinician" (F5) raises a request on the room and the glance until a clinician answers it', async () => {
    const host = await newHost();
    await dosed(host, 'im', 60);
    const page = await openRoom(host);
    await moveClocks(host, page, 5 * MIN);
    await page.locator('body').focus();
    await page.keyboard.press('F5');
    const request = 'Clinician needed in the room (asked by Sam).';
    await expect.poll(() => alerts(page).textContent()).toContain(request);
    await page.keyboard.press('Alt+G');
    await expect.poll(() => page.getByLabel('Alert, at a glance').textContent()).toBe(request);
    await page.keyboard.press('Escape');
    await alerts(page).getByLabel(`What was done: ${request}`).fill('Dr Kim came: patient anxious, settled');
    await alerts(page)
      .getByRole('button', { name: `Acknowledge: ${request}` })
      .click();
    await signInPage(page, 'Dr Kim');
    await expect.poll(() => alerts(page).count()).toBe(0);
    await page.close();
  });

  it("CADSS-6: each item with the clinic's wording, and Save closes the panel and the score shows in the entries", async () => {
    const host = await newHost();
    // The clinic's licensed form's wording, entered once by the admin (these words are stand-ins).
    const wording = ['Wording one', 'Wording two', 'Wording six', 'Wording seven', 'Wording fifteen', 'Wording 22'];
    const { adminKey } = await host.value('setAdminPin', { pin: '1357' });
    await host.value('updateSettings', { adminKey, patch: { cadssWording: wording } });
    await dosed(host, 'im', 60);
    const page = await openRoom(host);
    await moveClocks(host, page, 5 * MIN);
    await page.keyboard.press('Alt+C');
    const panel = page.getByRole('dialog', { name: 'CADSS-6' });
    const selects = panel.getByRole('combobox');
    // The form's code loads when the panel opens.
    await selects.first().waitFor();
    expect(await panel.getByRole('combobox', { name: /^Item 15: Wording fifteen/ }).count()).toBe(1);
    expect(await panel.getByRole('combobox', { name: /^Item 22: Wording 22/ }).count()).toBe(1);
    for (let i = 0; i < (await selects.count()); i++) await selects.nth(i).selectOption({ index: i === 0 ? 2 : 1 });
    await panel.getByRole('button', { name: 'Save CADSS-6' }).click();
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => entries(page).textContent()).toMatch(/CADSS-6/);
    await page.close();
  });

  it('the start form with a staff list chooses people from it, and Spravato offers its doses as devices', async () => {
    const host = await newHost();
    // A name not on the list is refused with the sentence saying what to do.
    expect(
      await host.call('startSession', {
        patientRef: 'SP-1',
        presetId: 'im',
        plannedDoseMg: 60,
        therapist: 'Sam Ortiz',
        sitter: 'Sam',
      }),
    ).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(
          /^"Sam Ortiz" is not on the room's staff list: choose the therapist from the list/,
        ),
      },
    });
    const page = await openRoom(host);
    const therapist = page.getByRole('combobox', { name: 'Therapist' });
    await expect.poll(() => therapist.inputValue()).toBe('Dr Kim');
    expect(await page.getByRole('combobox', { name: 'Sitter' }).inputValue()).toBe('Sam');
    expect(await page.getByRole('textbox', { name: /Therapist|Sitter/ }).count()).toBe(0);
    await page.getByLabel('Route').selectOption({ label: 'Spravato (esketamine nasal)' });
    const planned = page.getByRole('combobox', { name: 'Planned dose (mg)' });
    expect(await planned.locator('option:not([disabled])').allTextContents()).toEqual([
      '28 mg (1 device)',
      '56 mg (2 devices)',
      '84 mg (3 devices)',
    ]);
    await startSessionInPage(page, {
      route: 'Spravato (esketamine nasal)',
      plannedMg: 56,
      patientRef: 'SP-2',
    });
    const { activeSessionId } = await host.value('getRoom', {});
    const started = (await host.value('getSession', { sessionId: activeSessionId! })).events[0]!;
    expect(started.payload).toMatchObject({ plannedDoseMg: 56, therapist: 'Dr Kim', sitter: 'Sam' });
    await page.close();
  });

  it('the day-of checklist after a "no": the question keeps its line over its reason, and each chosen answer is highlighted', async () => {
    const host = await newHost();
    const page = await openRoom(host);
    await startSessionInPage(page, { patientRef: 'CL-1' });
    const checklist = page.getByRole('region', { name: 'Day-of checklist' });
    const fasting = checklist.getByRole('listitem').filter({ hasText: /^Fasting as the clinic sets it/ });
    await fasting.getByRole('button', { name: /: no$/ }).click();
    await fasting.getByLabel('Why "no"?').waitFor();
    // The question keeps most of the item's width: it does not collapse to a word a line beside the reason.
    const width = async (selector: string) => (await fasting.locator(selector).first().boundingBox())!.width;
    const itemWidth = (await fasting.boundingBox())!.width;
    expect(await width('.checklist-label')).toBeGreaterThan(itemWidth * 0.6);
    const labelBox = (await fasting.locator('.checklist-label').boundingBox())!;
    expect(labelBox.height).toBeLessThan(3 * 24);
    await fasting.getByLabel('Why "no"?').fill('coffee with milk at 7');
    await fasting.getByRole('button', { name: 'Save answer' }).click();
    const no = fasting.getByRole('button', { name: /: no$/ });
    await expect.poll(() => no.getAttribute('aria-pressed')).toBe('true');
    // Saved, the answer and its reason wrap under the question, which keeps its width.
    await expect.poll(() => fasting.locator('.checklist-answer').textContent()).toMatch(/^no: coffee with milk at 7/);
    expect(await width('.checklist-label')).toBeGreaterThan((await fasting.boundingBox())!.width * 0.6);
    expect((await fasting.locator('.checklist-label').boundingBox())!.height).toBeLessThan(3 * 24);
    const yes = fasting.getByRole('button', { name: /: yes$/ });
    expect(await yes.getAttribute('aria-pressed')).toBe('false');
    const background = (l: typeof no) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background(no)).not.toBe(await background(yes));
    await page.close();
  });
});
