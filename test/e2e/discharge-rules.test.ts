import { describe, expect, it } from 'vitest';
import { checklistFor } from '../../main/core/pure/discharge/checklist';
import type { RouteId } from '../../main/core/pure/timeline/routes';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { chromiumWithHosts, moveClocks, signInPage, startSessionInPage } from '../support/room-page';
import { DEFAULT_PRESETS } from '../../main/core/timeline/presets';
import { seedStaffSettings, sign } from '../support/staff';
import { PASSING_ORTHOSTATIC } from '../support/room';

/**
 * The table in Chromium: each unsafe case shows the Record dose or Discharge button disabled with the
 * room's sentence beside it. The sessions are built through the host's own bridge calls (as the node tests do),
 * then the room is looked at as the clinician sees it.
 */
const MIN = 60_000;
const rooms = chromiumWithHosts();
const newHost = async () => {
  const host = await startHostProcess(tempDataDir());
  rooms.hosts.push(host);
  return host;
};

async function dosed(host: HostProcess, presetId: RouteId, mg: number): Promise<string> {
  const view = await host.value('startSession', {
    patientRef: 'TB-1',
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
  return sessionId;
}
async function checks(host: HostProcess, sessionId: string, vitals = true, driver = true): Promise<void> {
  await host.value('recordScore', { sessionId, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
  if (vitals)
    await host.value('recordVitals', {
      sessionId,
      values: { systolic: 130, diastolic: 84, heartRate: 76, spo2: 97, respiratoryRate: 14 },
      author: 'Sam',
    });
  for (const [item, answer] of [
    ['oriented', 'yes'],
    ['steady_gait', 'yes'],
    ['nausea', 'minimal'],
    ['dissociation', 'resolved'],
    ['no_driving_acknowledged', 'yes'],
  ] as const) {
    await host.value('attest', { sessionId, item, answer, author: 'Dr Kim' });
  }
  if (driver)
    await host.value('confirmDriver', {
      sessionId,
      name: 'Pat Lee',
      relationship: 'partner',
      phone: '555-0100',
      author: 'Sam',
    });
  // Where the route asks for it (IV and IM by default): lying and standing, and nothing that holds the discharge.
  const started = (await host.value('getSession', { sessionId })).events[0];
  if (started?.kind === 'session_started' && started.payload.preset.orthostaticCheck)
    await host.value('recordOrthostatic', { sessionId, ...PASSING_ORTHOSTATIC, author: 'Sam' });
}

describe('the discharge table in Chromium', () => {
  it('IM, evidence from 2 min after the dose, at +150: Discharge disabled, naming the stale evidence; checked again, it discharges', async () => {
    const host = await newHost();
    const id = await dosed(host, 'im', 60);
    await host.advanceClock(2 * MIN);
    await checks(host, id);
    await host.advanceClock(148 * MIN);
    const page = await rooms.openRoom(host, { viewport: { width: 1400, height: 1000 } });
    const discharge = page.getByRole('button', { name: 'Discharge', exact: true });
    const missing = page.locator('#discharge-missing');
    // Beside the button the names of what is missing; each condition says what it needs on its line and in full when opened.
    await expect
      .poll(() => missing.textContent())
      .toBe(
        'Still missing: MOAA/S, Oriented, Steady gait, Vitals, Orthostatic, Nausea, Dissociation, Escort and No driving.',
      );
    const conditions = page.getByRole('list', { name: 'Discharge conditions' });
    expect(await conditions.getByText(/^MOAA\/S: 5 at \d\d:\d\d is 148 min old: score again$/).isVisible()).toBe(true);
    expect(await conditions.textContent()).toContain(
      'Still missing: MOAA/S 5 taken at T+0:02, 148 min ago: score again',
    );
    expect(await conditions.textContent()).toContain(
      'the driver (Pat Lee) confirmed present at T+0:02, 148 min ago: confirm again in person',
    );
    expect(await discharge.isDisabled()).toBe(true);
    await checks(host, id);
    await expect.poll(() => missing.textContent()).toBe('Everything needed for discharge is recorded.');
    expect(await discharge.isDisabled()).toBe(false);
    await page.close();
  });

  it('a clinic whose escort may wait nearby: the driver form asks how the escort was confirmed, and "waiting nearby, reached by phone" discharges', async () => {
    const dir = tempDataDir();
    seedStaffSettings(dir, {
      extra: { presets: { ...DEFAULT_PRESETS, im: { ...DEFAULT_PRESETS.im, escortRule: 'waiting_reachable' } } },
    });
    const host = await startHostProcess(dir);
    rooms.hosts.push(host);
    const id = await dosed(host, 'im', 60);
    await host.advanceClock(92 * MIN);
    await checks(host, id, true, false);
    const page = await rooms.openRoom(host, { viewport: { width: 1400, height: 1000 } });
    const missing = page.locator('#discharge-missing');
    await expect.poll(() => missing.textContent()).toBe('Still missing: Escort.');
    expect(await page.getByRole('list', { name: 'Discharge conditions' }).textContent()).toContain(
      'Still missing: the driver confirmed waiting nearby and reachable by phone, or present in person (name, relationship, phone)',
    );
    const driver = page.getByRole('form', { name: 'Driver present' });
    await driver.getByLabel("Driver's name").fill('Pat Lee');
    await driver.getByLabel('Relationship').fill('partner');
    await driver.getByLabel("Driver's phone").fill('555-0100');
    await driver
      .getByRole('radio', { name: 'Waiting nearby, reached by phone; staff walk the patient to the car' })
      .check();
    await driver.getByRole('button', { name: /^Confirm driver waiting nearby \(as / }).click();
    await expect
      .poll(() => driver.textContent())
      .toMatch(/Confirmed waiting nearby, reached by phone, by (Sam|Dr Kim) at \d\d:\d\d\./);
    await expect.poll(() => missing.textContent()).toBe('Everything needed for discharge is recorded.');
    expect(await page.getByRole('button', { name: 'Discharge', exact: true }).isDisabled()).toBe(false);
    await page.close();
  });

  it('Spravato with a high BP never re-measured, SpO2 89% and its urgent alert open: Discharge disabled, naming the BP, the SpO2 and the alert', async () => {
    const host = await newHost();
    const id = await dosed(host, 'spravato', 84);
    await host.advanceClock(40 * MIN);
    await host.value('recordVitals', {
      sessionId: id,
      values: { systolic: 195, diastolic: 118, heartRate: 80 },
      author: 'Sam',
    });
    await host.advanceClock(5 * MIN);
    await host.value('recordVitals', { sessionId: id, values: { systolic: 192, diastolic: 115 }, author: 'Sam' });
    await host.advanceClock(70 * MIN);
    await checks(host, id, false);
    await host.value('recordVitals', {
      sessionId: id,
      values: { heartRate: 74, spo2: 89, respiratoryRate: 14 },
      author: 'Sam',
    });
    await host.value('answerRems', {
      sessionId: id,
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      answers: { vitalsAcceptableBeforeEnd: 'no', respiratoryDepression: 'yes' },
    });
    await host.advanceClock(6 * MIN);
    const page = await rooms.openRoom(host, { viewport: { width: 1400, height: 1000 } });
    const missing = page.getByRole('list', { name: 'Discharge conditions' });
    await expect.poll(() => missing.textContent()).toContain('SpO2 89% is below 90% at T+1:55 (urgent threshold)');
    const text = (await missing.textContent())!;
    expect(await page.locator('#discharge-missing').textContent()).toBe('Still missing: Vitals, Alerts and REMS form.');
    expect(text).toContain('BP 192/115 (outside the alert thresholds) taken at T+0:45, 76 min ago: measure again'); // a later set without BP does not hide it
    expect(text).toMatch(
      /the open alerts acknowledged: "SpO2 89% is below 90%" \(urgent, T\+1:55\), .*"BP 195\/118 is above 180\/110: re-check in 5 minutes" \(warning, T\+0:40\)/,
    );
    expect(text).toContain('vital signs were not acceptable before the end of monitoring');
    expect(await page.getByRole('button', { name: 'Discharge', exact: true }).isDisabled()).toBe(true);
    await page.close();
  });

  it('IV, the infusion end never marked, at +101: Discharge disabled with "mark the end of the infusion"', async () => {
    const host = await newHost();
    const id = await dosed(host, 'iv', 40);
    await host.advanceClock(96 * MIN);
    await checks(host, id);
    await host.advanceClock(5 * MIN);
    const page = await rooms.openRoom(host, { viewport: { width: 1400, height: 1000 } });
    await expect.poll(() => page.locator('#discharge-missing').textContent()).toBe('Still missing: Time.');
    expect(
      await page
        .getByRole('list', { name: 'Discharge conditions' })
        .getByText('Time: mark "Infusion ended": the wait counts from it')
        .isVisible(),
    ).toBe(true);
    expect(await page.getByRole('button', { name: 'Discharge', exact: true }).isDisabled()).toBe(true);
    await page.close();
  });

  it('before the dose: consent "no", then no pre-dose BP, then BP 168/102 hold Record dose with their sentences; the dose withheld, the session closes as "no dose given" and the next one starts', async () => {
    const host = await newHost();
    const page = await rooms.openRoom(host, { viewport: { width: 1400, height: 1000 } });
    await startSessionInPage(page, { patientRef: 'SP-9', route: 'Spravato (esketamine nasal)', plannedMg: '84' });
    const sessionId = (await host.value('getRoom', {})).activeSessionId!;
    for (const item of checklistFor({ id: 'spravato' })) {
      await host.value('answerChecklist', {
        sessionId,
        item,
        author: 'Dr Kim',
        ...(item === 'consent' ? { answer: 'no', reason: 'wants to think it over' } : { answer: 'yes' }),
      });
    }
    const recordDose = page.getByRole('button', { name: 'Record dose' });
    const why = page.locator('#dose-refusal');
    await expect
      .poll(() => why.textContent())
      .toMatch(
        /^"Consent for today's session" is answered "no" \(wants to think it over\): the dose cannot be given without it\./,
      );
    expect(await recordDose.isDisabled()).toBe(true);

    await host.value('answerChecklist', { sessionId, item: 'consent', answer: 'yes', author: 'Dr Kim' });
    await expect
      .poll(() => why.textContent())
      .toBe('Take a blood pressure before the dose: none is recorded in this session yet.');
    expect(await recordDose.isDisabled()).toBe(true);

    const vitals = page.getByRole('form', { name: 'Vitals' });
    await vitals.getByLabel('Systolic BP').fill('168');
    await vitals.getByLabel('Diastolic BP').fill('102');
    await vitals.getByRole('button', { name: 'Save vitals' }).click();
    await expect
      .poll(() => why.textContent())
      .toBe(
        'Pre-dose BP 168/102 is at or above 140/90. A clinician reviews it and acknowledges the alert before the dose is recorded.',
      );
    expect(await recordDose.isDisabled()).toBe(true);

    // The clinician withholds the dose: the session closes with its reason, and the room is free again.
    await moveClocks(host, page, 5 * MIN);
    await page.getByRole('button', { name: 'Close without a dose' }).click();
    const form = page.getByRole('form', { name: 'Close without a dose' });
    await form.getByRole('button', { name: 'Close session: no dose given' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe('Say why the session closes without a dose (for example "BP above 140/90: dose withheld").');
    await form.getByLabel('Why no dose is given').fill('BP above 140/90: dose withheld');
    await form.getByRole('button', { name: 'Close session: no dose given' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Session closed' }).textContent())
      .toMatch(/no dose given \(BP above 140\/90: dose withheld\)/);
    await expect
      .poll(() => page.getByRole('article', { name: 'Session report' }).getByLabel('Outcome').textContent())
      .toMatch(/^No dose given: BP above 140\/90: dose withheld/);
    await page.getByRole('button', { name: 'Start the next session' }).click();
    await page.getByRole('button', { name: 'Session history' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'Past sessions' }).getByRole('row').nth(1).textContent())
      .toMatch(/SP-9Spravato \(esketamine nasal\)No dose given/);
    await page.close();
  });

  it('Spravato 56 mg: the second device waits for the 5-minute rest, then is recorded with its own time', async () => {
    const host = await newHost();
    await dosed(host, 'spravato', 56);
    const page = await rooms.openRoom(host, { viewport: { width: 1400, height: 1000 } });
    const next = page.getByRole('button', { name: 'Record device 2 of 2' });
    await expect
      .poll(() => page.locator('#device-wait').textContent())
      .toMatch(
        /^Rest 5 minutes between devices: device 2 of 2 can be given from \d\d:\d\d \(device 1 at \d\d:\d\d\)\.$/,
      );
    expect(await next.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Record booster' }).count()).toBe(0);
    // A moment past the rest, so the room's clock (which may trail the screen's) agrees the rest is over.
    await moveClocks(host, page, 5 * MIN + 2000);
    await expect.poll(() => next.isDisabled()).toBe(false);
    // Each device is the clinician's signed order.
    await next.click();
    await expect
      .poll(() => page.getByRole('dialog', { name: 'Sign: Record Spravato device 2 of 2' }).textContent())
      .toMatch(/You order Spravato device 2 of 2 \(28 mg\)/);
    await signInPage(page, 'Dr Kim');
    await expect
      .poll(() => page.getByRole('region', { name: 'Doses' }).textContent())
      .toMatch(/Device 1 of 2: 28 mg at \d\d:\d\d.*Device 2 of 2: 28 mg at \d\d:\d\d \(T\+05:\d\d\), by Dr Kim/);
    await page.close();
  });
});
