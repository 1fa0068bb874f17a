import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { chromiumWithHosts, recordPreDoseBpInPage, signInPage, startSessionInPage } from '../support/room-page';
import { answerDayOfChecklist, answerDayOfChecklistInPage } from '../support/checklist';
import { recordReadyButTime } from '../support/room';
import { PINS, sign } from '../support/staff';
import axe from 'axe-core';

const MIN = 60_000;
const rooms = chromiumWithHosts();
const hosts = rooms.hosts;
const openRoom = (host: HostProcess) => rooms.openRoom(host, { viewport: { width: 1400, height: 1000 } });

/** The admin sets the room's settings through the bridge, as the admin screen does. */
async function settings(host: HostProcess, patch: Record<string, unknown>): Promise<void> {
  const { adminKey } = await host.value('setAdminPin', { pin: '2468' });
  await host.value('updateSettings', { adminKey, patch, changedBy: 'Dr Kim' });
}

/** axe-core's serious and critical problems within one part of the page (the part these tests add), by its selector. */
async function axeWithin(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async (sel) => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(sel, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help}`);
  }, selector);
}

/** Signs in the dialog as `name`, the way a member of staff does: their name, their PIN, Sign. */
async function signAs(page: Page, name: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Sign: The rescue check' });
  await dialog.waitFor();
  await dialog.getByLabel('Signed by').selectOption(name);
  await dialog.getByLabel('PIN', { exact: true }).fill(PINS[name]!);
  await dialog.getByRole('button', { name: /^Sign\b/ }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('the care around the session, in Chromium through the browser host', () => {
  it('the rescue check: required, the dose waits with its sentence; the form (each item by its name, signed by the sitter) opens it', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    await settings(host, { rescueCheck: 'required' });
    const page = await openRoom(host);

    // The start screen says it quietly, with the way to record it.
    const panel = page.getByRole('region', { name: 'Rescue check' });
    await expect
      .poll(() => panel.getByRole('status').textContent())
      .toMatch(
        /^Today's rescue check is not recorded: record the rescue check \(oxygen, suction, bag-valve mask, monitor alarms on, pulse oximeter\) before the first dose\./,
      );

    await startSessionInPage(page, { patientRef: 'RC-1', route: 'IM injection', plannedMg: 60 });
    await answerDayOfChecklistInPage(page);
    const vitals = page.getByRole('form', { name: 'Vitals' });
    await vitals.getByLabel('Systolic BP').fill('120');
    await vitals.getByLabel('Diastolic BP').fill('80');
    await vitals.getByRole('button', { name: 'Save vitals' }).click();
    await expect.poll(() => vitals.getByLabel('Systolic BP').inputValue()).toBe('');
    const recordDose = page.getByRole('button', { name: 'Record dose' });
    await expect
      .poll(() => page.locator('#dose-refusal').textContent())
      .toMatch(/^Today's rescue check is not recorded: record the rescue check/);
    expect(await recordDose.isDisabled()).toBe(true);

    // The form before the dose: each item a checkbox with its own name; one not ticked is named, before anyone signs.
    const room = page.getByRole('region', { name: 'Rescue check' });
    await room.getByRole('button', { name: 'Record the rescue check' }).click();
    const form = page.getByRole('form', { name: 'Rescue check form' });
    for (const name of [
      'Oxygen on hand, with enough in the cylinder',
      'Suction working',
      'Bag-valve mask present',
      'Monitor alarms on',
    ])
      await form.getByRole('checkbox', { name }).check();
    await form.getByRole('button', { name: 'Sign the rescue check' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe(
        'The rescue check is recorded only when every item is in place: "Pulse oximeter present and working" is not ticked. Fix or replace what is missing, then record the check.',
      );
    expect(await page.getByRole('dialog').count()).toBe(0);
    // Every control has its name: axe finds nothing serious in the check with its form open.
    expect(await axeWithin(page, 'section[aria-label="Rescue check"]')).toEqual([]);
    await form.getByRole('checkbox', { name: 'Pulse oximeter present and working' }).check();
    await form.getByLabel('Note (optional)').fill('O2 cylinder full');
    await form.getByRole('button', { name: 'Sign the rescue check' }).click();
    await signAs(page, 'Sam');

    await expect
      .poll(() => room.getByRole('status').textContent())
      .toMatch(/^Rescue check today: Done by Sam \(sitter\) at \d\d:\d\d\.$/);
    await expect.poll(() => recordDose.isDisabled()).toBe(false);
    expect(await page.locator('#dose-refusal').count()).toBe(0);
    await page.close();
  });

  it('the rescue check: advised (the default), a quiet notice and the dose goes ahead; the report says it went ahead without it', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openRoom(host);
    await startSessionInPage(page, { patientRef: 'AD-1', route: 'IM injection', plannedMg: 60 });
    const panel = page.getByRole('region', { name: 'Rescue check' });
    await expect
      .poll(() => panel.getByRole('status').textContent())
      .toMatch(
        /^Today's rescue check is not recorded\. Record the rescue check .* a dose given without it is noted in the report\.$/,
      );
    // A line of text: no dialog, nothing that takes the focus.
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await answerDayOfChecklistInPage(page);
    await recordPreDoseBpInPage(page);
    await page.getByRole('button', { name: 'Record dose' }).click();
    await signInPage(page, 'Dr Kim');
    await page
      .getByRole('region', { name: 'Doses' })
      .getByText(/^Dose 60 mg at/)
      .waitFor();
    const sessionId = (await host.value('listSessions', {}))[0]!.id;
    const events = (await host.value('getSession', { sessionId })).events.map((e) => e.kind);
    expect(events.slice(events.indexOf('dose'), events.indexOf('dose') + 2)).toEqual(['dose', 'rescue_check_missing']);
    // The report, opened from the history over the session, says the dose went ahead without it.
    await page.getByRole('button', { name: /^History/ }).click();
    await page.getByRole('button', { name: /^Open the report of AD-1/ }).click();
    const report = page.getByRole('article', { name: 'Session report' });
    await expect
      .poll(() => report.getByLabel('Rescue check').textContent())
      .toMatch(/^The first dose went ahead without today's rescue check/);
    await page.close();
  });

  it('the orthostatic check on the discharge screen: a fall on standing holds the discharge with its sentence; the re-check that passes clears it', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const call: typeof host.value = (method, args) => host.value(method, args);
    const sessionId = (
      await call('startSession', {
        patientRef: 'OR-1',
        presetId: 'im',
        plannedDoseMg: 60,
        therapist: 'Dr Kim',
        sitter: 'Sam',
      })
    ).session.id;
    await answerDayOfChecklist((m, a) => call(m, a), sessionId, 'im');
    await call('recordVitals', {
      sessionId,
      values: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 },
      author: 'Sam',
    });
    await call('recordDose', { sessionId, mg: 60, booster: false, ...sign('Dr Kim') });
    await host.advanceClock(95 * MIN);
    await recordReadyButTime((m, a) => call(m, a), sessionId);
    await call('switchRecorder', { name: 'Sam', pin: PINS.Sam! });

    const page = await openRoom(host);
    const form = page.getByRole('form', { name: 'Orthostatic check' });
    const fill = async (values: [string, string][]) => {
      for (const [label, value] of values) await form.getByLabel(label, { exact: true }).fill(value);
      await form.getByRole('button', { name: /^Save orthostatic check/ }).click();
      await expect.poll(() => form.getByLabel('Lying systolic BP', { exact: true }).inputValue()).toBe('');
    };
    // Bad input is a sentence, never saved.
    await form.getByLabel('Lying systolic BP', { exact: true }).fill('132');
    await form.getByRole('button', { name: /^Save orthostatic check/ }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe('Enter the lying diastolic BP as a number: the check takes BP and heart rate lying, then standing.');
    await fill([
      ['Lying systolic BP', '132'],
      ['Lying diastolic BP', '80'],
      ['Lying heart rate', '72'],
      ['Standing systolic BP', '108'],
      ['Standing diastolic BP', '76'],
      ['Standing heart rate', '80'],
    ]);
    const holds = page.locator('#discharge-holds');
    expect(await axeWithin(page, 'form[aria-label="Orthostatic check"]')).toEqual([]);
    await expect
      .poll(() => holds.textContent())
      .toBe('Standing BP fell 24 systolic (132/80 lying, 108/76 standing): hold discharge and re-check in 10 minutes.');
    expect(await page.getByRole('button', { name: 'Discharge', exact: true }).isDisabled()).toBe(true);
    await expect.poll(() => page.locator('#discharge-missing').textContent()).toMatch(/Orthostatic/);
    expect(await page.getByRole('list', { name: 'Discharge conditions' }).textContent()).toMatch(
      /Orthostatic: failed on standing: re-check.*an orthostatic re-check that passes/,
    );

    await fill([
      ['Lying systolic BP', '130'],
      ['Lying diastolic BP', '80'],
      ['Lying heart rate', '72'],
      ['Standing systolic BP', '122'],
      ['Standing diastolic BP', '76'],
      ['Standing heart rate', '84'],
    ]);
    await expect.poll(() => holds.count()).toBe(0);
    await expect
      .poll(() => page.locator('#discharge-missing').textContent())
      .toBe('Everything needed for discharge is recorded.');
    expect(await page.getByRole('button', { name: 'Discharge', exact: true }).isDisabled()).toBe(false);
    await page.close();
  });

  it('the follow-up calls in the history: due the next day, recorded as the person recording, then done and in the report', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    await settings(host, { clinicTimeZone: 'UTC' });
    const call: typeof host.value = (method, args) => host.value(method, args);
    const sessionId = (
      await call('startSession', {
        patientRef: 'AB-1024',
        presetId: 'im',
        plannedDoseMg: 60,
        therapist: 'Dr Kim',
        sitter: 'Sam',
      })
    ).session.id;
    await answerDayOfChecklist((m, a) => call(m, a), sessionId, 'im');
    await call('recordVitals', {
      sessionId,
      values: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 },
      author: 'Sam',
    });
    await call('recordDose', { sessionId, mg: 60, booster: false, ...sign('Dr Kim') });
    await host.advanceClock(95 * MIN);
    await recordReadyButTime((m, a) => call(m, a), sessionId);
    await host.advanceClock(2 * MIN);
    await call('discharge', { sessionId, ...sign('Dr Kim') });
    // The next day (in UTC, the clinic's zone here), the call is due.
    await host.advanceClock(24 * 60 * MIN);
    await call('switchRecorder', { name: 'Sam', pin: PINS.Sam! });

    const page = await openRoom(host);
    await page.getByRole('button', { name: 'Session history' }).click();
    const calls = page.getByRole('region', { name: 'Follow-up calls' });
    await expect.poll(() => calls.getByRole('heading').first().textContent()).toBe('Follow-up calls: 1 due');
    const rows = calls.getByRole('table', { name: 'Follow-up calls due and done' }).getByRole('row');
    await expect.poll(() => rows.nth(1).textContent()).toMatch(/AB-1024IM injection\d{4}-\d\d-\d\dDue today/);

    await calls.getByRole('button', { name: /^Record the call for AB-1024/ }).click();
    const form = page.getByRole('form', { name: 'Follow-up call for AB-1024' });
    expect(await axeWithin(page, 'section[aria-label="Follow-up calls"]')).toEqual([]);
    await form.getByLabel('How the night went').fill('Slept well, a little tired on waking');
    await form.getByLabel('Mood').fill('calm, hopeful');
    await form.getByRole('button', { name: 'Save the follow-up call' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe('Answer whether there was any adverse effect: yes or no.');
    await form.getByRole('radio', { name: 'Yes, an adverse effect' }).check();
    await form.getByRole('button', { name: 'Save the follow-up call' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Say what the adverse effect was.');
    await form.getByLabel('What the adverse effect was').fill('headache until noon');
    await form.getByRole('button', { name: 'Save the follow-up call' }).click();

    await expect.poll(() => calls.getByRole('heading').first().textContent()).toBe('Follow-up calls: none due');
    await expect
      .poll(() => rows.nth(1).textContent())
      .toMatch(
        /Done: Sam \(sitter\), .*Night: Slept well, a little tired on waking\. Adverse effect: yes: headache until noon\. Mood: calm, hopeful\./,
      );

    // The closed session's report shows the call beside its discharge.
    await page.getByRole('button', { name: /^Open the report of AB-1024/ }).click();
    const report = page.getByRole('article', { name: 'Session report' });
    await expect
      .poll(() => report.getByRole('region', { name: 'Follow-up call' }).textContent())
      .toMatch(/Due \d\d\/\d\d\/\d{4}, the day after the discharge\..*by Sam \(sitter\): Night: Slept well/);
    await expect
      .poll(() => report.getByLabel('Orthostatic checks').textContent())
      .toMatch(/128\/80 HR 72 lying, 124\/78 HR 80 standing; no dizziness, by Sam\. Passes\./);
    await page.close();
  });
});
