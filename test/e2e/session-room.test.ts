import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startHostProcess, tempDataDir } from '../support/host-process';
import {
  chromiumWithHosts,
  moveClocks,
  recordPreDoseBpInPage,
  signInPage,
  scoreMoaasInPage,
} from '../support/room-page';
import { answerDayOfChecklistInPage } from '../support/checklist';

const MIN = 60_000;
const { hosts, openRoom } = chromiumWithHosts();

const nowLineX = async (page: Page) => Number(await page.getByRole('img', { name: 'Now line' }).getAttribute('data-x'));

describe('the session room in Chromium through the browser host', () => {
  it('starts a session, records the dose, follows the arc as time passes, and comes back after the host is killed', async () => {
    const dataDir = tempDataDir();
    let host = await startHostProcess(dataDir);
    hosts.push(host);
    let page = await openRoom(host);

    // Start a session.
    await page.getByLabel('Patient reference').fill('AB-1024');
    await page.getByLabel('Route').selectOption({ label: 'Sublingual lozenge / troche' });
    await page.getByLabel('Planned dose (mg)').fill('150');
    await page.getByLabel('Therapist').selectOption('Dr Kim');
    await page.getByLabel('Sitter').selectOption('Sam');
    await page.getByRole('button', { name: 'Start session' }).click();
    await expect.poll(() => page.getByRole('timer', { name: 'Time since first dose' }).textContent()).toBe('Not dosed');
    await expect.poll(() => page.getByLabel('Current phase').textContent()).toBe('Settling (before the dose)');
    // Mid-session the room view stays: History and Admin (which would leave it and cut the music) wait until after.
    expect(await page.getByRole('button', { name: 'Session history' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Admin' }).count()).toBe(0);

    // Record the dose now (the planned 150 mg is prefilled): the clinician signs it, whoever is recording.
    await answerDayOfChecklistInPage(page);
    await recordPreDoseBpInPage(page);
    await page.getByRole('button', { name: 'Record dose' }).click();
    await signInPage(page, 'Dr Kim');
    await expect
      .poll(() => page.getByRole('region', { name: 'Doses' }).textContent())
      .toMatch(/Dose 150 mg at \d\d:\d\d.*by Dr Kim/);
    await expect.poll(() => page.getByLabel('Current phase').textContent()).toBe('Onset');
    await expect.poll(() => page.getByLabel('Next phase').textContent()).toBe('Peak in 40 min');
    expect(await page.getByRole('img', { name: /Expected peak window: 40 to 60 min/ }).count()).toBe(1);
    const xAtDose = await nowLineX(page);

    // 45 minutes later: in the expected peak window; the now-line has moved right.
    await moveClocks(host, page, 45 * MIN);
    await expect.poll(() => page.getByLabel('Current phase').textContent()).toBe('Peak');
    await expect
      .poll(() => page.getByRole('timer', { name: 'Time since first dose' }).textContent())
      .toMatch(/^T\+0:45:0\d$/);
    const xAtPeak = await nowLineX(page);
    expect(xAtPeak).toBeGreaterThan(xAtDose + 100);

    // The therapist sees the return early and marks it with one key: the arc follows the observation.
    await page.keyboard.press('Alt+R');
    await expect.poll(() => page.getByLabel('Current phase').textContent()).toBe('Return');
    expect(await page.getByRole('img', { name: /^Returning at \d\d:\d\d$/ }).count()).toBe(1);

    // A booster at T+50, once the patient is seen (a BP and a MOAA/S): the earliest discharge now counts from it (120 min after the last dose).
    await moveClocks(host, page, 5 * MIN);
    const vitals = page.getByRole('form', { name: 'Vitals' });
    await vitals.getByLabel('Systolic BP').fill('124');
    await vitals.getByLabel('Diastolic BP').fill('80');
    await vitals.getByRole('button', { name: 'Save vitals' }).click();
    await scoreMoaasInPage(page, 5);
    await expect.poll(() => page.getByRole('button', { name: 'Record booster' }).isEnabled()).toBe(true);
    const before = await page.getByLabel('Earliest discharge', { exact: true }).textContent();
    await page.getByLabel('Booster (mg)').fill('50');
    await page.getByRole('button', { name: 'Record booster' }).click();
    await signInPage(page, 'Dr Kim');
    await expect.poll(() => page.getByRole('region', { name: 'Doses' }).textContent()).toMatch(/Booster 50 mg/);
    await expect.poll(() => page.getByLabel('Earliest discharge', { exact: true }).textContent()).not.toBe(before);
    expect(await page.getByRole('img', { name: /Earliest discharge at .*, 170 min/ }).count()).toBe(1);

    // Kill the host outright and start it again on the same data: the same session, at the true elapsed time.
    await page.close();
    await host.kill9();
    hosts.splice(hosts.indexOf(host), 1);
    host = await startHostProcess(dataDir);
    hosts.push(host);
    // The new process's clock starts at real time; carry the 50 minutes the test moved it on.
    await host.advanceClock(50 * MIN);
    page = await openRoom(host);
    await expect.poll(() => page.getByText('Patient AB-1024').count()).toBe(1);
    await expect
      .poll(() => page.getByRole('timer', { name: 'Time since first dose' }).textContent())
      .toMatch(/^T\+0:50:0\d$/);
    await expect.poll(() => page.getByRole('region', { name: 'Doses' }).textContent()).toMatch(/Booster 50 mg/);
    await page.close();
  });

  it('a late dose keeps its real time and is shown as late', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openRoom(host);
    await page.getByLabel('Patient reference').fill('CD');
    await page.getByLabel('Route').selectOption({ label: 'IM injection' });
    await page.getByLabel('Planned dose (mg)').fill('60');
    await page.getByLabel('Therapist').selectOption('Dr Kim');
    await page.getByRole('button', { name: 'Start session' }).click();
    const clock = (t: number) =>
      `${String(new Date(t).getHours()).padStart(2, '0')}:${String(new Date(t).getMinutes()).padStart(2, '0')}`;
    const hhmm = clock(Date.now() - 10 * MIN);
    await page.getByLabel('Dose time').fill(hhmm);
    await answerDayOfChecklistInPage(page);
    // A BP taken now is after the dose's time: the dose waits for the one taken before it.
    const vitals = page.getByRole('form', { name: 'Vitals' });
    await vitals.getByLabel('Systolic BP').fill('118');
    await vitals.getByLabel('Diastolic BP').fill('76');
    await vitals.getByRole('button', { name: 'Save vitals' }).click();
    await expect
      .poll(() => page.locator('#dose-refusal').textContent())
      .toMatch(/^Take a blood pressure before the dose: the one recorded is after the dose's time/);
    await recordPreDoseBpInPage(
      page,
      { systolic: '120', diastolic: '80', heartRate: '70' },
      clock(Date.now() - 12 * MIN),
    );
    await page.getByRole('button', { name: 'Record dose' }).click();
    await signInPage(page, 'Dr Kim');
    await expect
      .poll(() => page.getByRole('region', { name: 'Doses' }).textContent())
      .toMatch(new RegExp(`Dose 60 mg at ${hhmm}.*late entry, recorded`));
    await expect
      .poll(() => page.getByRole('timer', { name: 'Time since first dose' }).textContent())
      .toMatch(/^T\+0:1[01]:\d\d$/);
    await page.close();
  });

  it('bad input gets a sentence on screen, not a crash', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openRoom(host);
    await page.getByLabel('Patient reference').fill('EF');
    await page.getByLabel('Planned dose (mg)').fill('lots');
    await page.getByRole('button', { name: 'Start session' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Enter the planned dose in mg as a number.');
    await page.getByLabel('Planned dose (mg)').fill('90000');
    await page.getByRole('button', { name: 'Start session' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/looks like a typing error/);
    await page.close();
  });
});

describe('the browser host', () => {
  it('refuses a call without its per-run token with 401', async () => {
    const host = await startHostProcess(tempDataDir(), { testClock: false });
    hosts.push(host);
    const res = await fetch(`${host.origin}/api/call/getRoom`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    const wrong = await fetch(`${host.origin}/api/call/getRoom`, {
      method: 'POST',
      body: '{}',
      headers: { 'X-Room-Token': 'f'.repeat(48) },
    });
    expect(wrong.status).toBe(401);
    // Without --test-clock the clock control does not exist.
    const clock = await fetch(`${host.origin}/api/test/clock`, {
      method: 'POST',
      body: '{"advanceMs":1}',
      headers: { 'X-Room-Token': host.token },
    });
    expect(clock.status).toBe(404);
  });

  it('answers a malformed address with 404 and keeps running', async () => {
    const host = await startHostProcess(tempDataDir(), { testClock: false });
    hosts.push(host);
    for (const bad of ['/%zz', '/assets/%E0%A4%A', '/media/%zz', '/exports/%zz']) {
      expect([401, 403, 404]).toContain((await fetch(`${host.origin}${bad}`)).status);
    }
    expect((await fetch(`${host.origin}/%zz`)).status).toBe(404);
    expect((await host.call('getRoom', {})).ok).toBe(true);
  });

  it('stops cleanly on SIGTERM', async () => {
    const host = await startHostProcess(tempDataDir());
    const exit = new Promise<number | null>((resolve) => host.child.once('exit', (code) => resolve(code)));
    host.child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
