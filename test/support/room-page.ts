import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import type { HostProcess } from './host-process';
import { answerDayOfChecklistInPage } from './checklist';

/**
 * Opens the room in a new page. With the fake clock (the default), the page's clock and the host's move
 * together: both start from the host's "now".
 */
export async function openRoomPage(
  browser: Browser,
  host: HostProcess,
  options: { fakeClock?: boolean; viewport?: { width: number; height: number }; timezoneId?: string } = {},
): Promise<Page> {
  const page = await browser.newPage({ ...(options.viewport ? { viewport: options.viewport } : {}), ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}) });
  page.on('pageerror', (err) => console.error('page error:', err.message));
  if (options.fakeClock !== false) {
    const { value } = (await host.call('getRoom', {})) as { value: { now: number } };
    await page.clock.install({ time: value.now });
  }
  await page.goto(host.url);
  return page;
}

/** Moves the host's clock and the page's by the same amount. */
export async function moveClocks(host: HostProcess, page: Page, ms: number): Promise<void> {
  await host.advanceClock(ms);
  await page.clock.fastForward(ms);
}

/**
 * One Chromium for a test file, and the hosts its tests start, stopped after each test. Registers the
 * vitest hooks; `browser()` is the launched browser.
 */
export function chromiumWithHosts(): { browser: () => Browser; hosts: HostProcess[]; openRoom: (host: HostProcess, options?: Parameters<typeof openRoomPage>[2]) => Promise<Page> } {
  let browser: Browser | undefined;
  const hosts: HostProcess[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
  });
  const launched = () => {
    if (!browser) throw new Error('Chromium is not running: chromiumWithHosts() must be called at the top of the test file.');
    return browser;
  };
  return { browser: launched, hosts, openRoom: (host, options) => openRoomPage(launched(), host, options) };
}

/**
 * Fills the start form the way a person does and starts the session (IM 60 mg, therapist Dr Kim, sitter Sam
 * unless told); with `dose`, records a pre-dose BP (unless `preDoseBp: false`, for a room that does not ask
 * for one) and the planned dose now.
 */
export async function startSessionInPage(
  page: Page,
  s: { patientRef?: string; route?: string; plannedMg?: string | number; therapist?: string; sitter?: string; dose?: boolean; preDoseBp?: boolean } = {},
): Promise<void> {
  await page.getByLabel('Patient reference').fill(s.patientRef ?? 'OB-1');
  await page.getByLabel('Route').selectOption({ label: s.route ?? 'IM injection' });
  await page.getByLabel('Planned dose (mg)').fill(String(s.plannedMg ?? 60));
  await page.getByLabel('Therapist').fill(s.therapist ?? 'Dr Kim');
  await page.getByLabel('Sitter').fill(s.sitter ?? 'Sam');
  await page.getByRole('button', { name: 'Start session' }).click();
  await page.getByRole('timer', { name: 'Time since first dose' }).waitFor();
  if (s.dose) {
    await answerDayOfChecklistInPage(page);
    if (s.preDoseBp !== false) await recordPreDoseBpInPage(page);
    await page.getByRole('button', { name: 'Record dose' }).click();
    await page.getByRole('region', { name: 'Doses' }).getByText(/^Dose \d+ mg at/).waitFor();
  }
}

/** A blood pressure before the dose, as the room asks for one (120/80, HR 70) through the Vitals form. */
export async function recordPreDoseBpInPage(
  page: Page,
  values: { systolic: string; diastolic: string; heartRate?: string } = { systolic: '120', diastolic: '80', heartRate: '70' },
  takenAt?: string,
): Promise<void> {
  const vitals = page.getByRole('form', { name: 'Vitals' });
  await vitals.getByLabel('Systolic BP').fill(values.systolic);
  await vitals.getByLabel('Diastolic BP').fill(values.diastolic);
  if (values.heartRate) await vitals.getByLabel('Heart rate').fill(values.heartRate);
  if (takenAt) await vitals.getByLabel('Taken at').fill(takenAt);
  await vitals.getByRole('button', { name: 'Save vitals' }).click();
  await page.getByRole('button', { name: 'Record dose' }).and(page.locator(':enabled')).waitFor();
}
