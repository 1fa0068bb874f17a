import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import type { HostProcess } from './host-process';

/** Opens the room in a new page whose clock starts at the host's "now", so the two can be moved together. */
export async function openRoomPage(browser: Browser, host: HostProcess): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  const { now } = await host.value('getRoom', {});
  await page.clock.install({ time: now });
  await page.goto(host.url);
  return page;
}

/** Moves the host's clock and the page's clock on together. */
export async function moveClocks(host: HostProcess, page: Page, ms: number): Promise<void> {
  await host.advanceClock(ms);
  await page.clock.fastForward(ms);
}

/** Starts a session from the start form (therapist Dr Kim, sitter Sam unless told) and, if asked, records the planned dose now. */
export async function startSessionInPage(page: Page, options: { patientRef?: string; doseMg?: number; dose?: boolean; sitter?: string } = {}): Promise<void> {
  await page.getByLabel('Patient reference').fill(options.patientRef ?? 'OB-1');
  await page.getByLabel('Route').selectOption({ label: 'IM injection' });
  await page.getByLabel('Planned dose (mg)').fill(String(options.doseMg ?? 60));
  await page.getByLabel('Therapist').fill('Dr Kim');
  await page.getByLabel('Sitter').fill(options.sitter ?? 'Sam');
  await page.getByRole('button', { name: 'Start session' }).click();
  await page.getByRole('timer', { name: 'Time since first dose' }).waitFor();
  if (options.dose) {
    await page.getByRole('button', { name: 'Record dose' }).click();
    await page.getByRole('region', { name: 'Doses' }).getByText(/^Dose \d+ mg at/).waitFor();
  }
}

/**
 * The hooks every browser suite needs: one Chromium for the file, and every host a test starts stopped
 * after it. Call at the top of a test file; `hosts` takes the hosts to stop.
 */
export function browserSuite(): { browser: () => Browser; hosts: HostProcess[] } {
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
  return { browser: () => browser!, hosts };
}
