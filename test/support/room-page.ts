import type { Browser, Page } from 'playwright-core';
import type { HostProcess } from './host-process';

/** Opens the room in a new page whose clock starts at the host's "now", so the two can move together. */
export async function openRoomPage(browser: Browser, host: HostProcess, options: { viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {});
  page.on('pageerror', (err) => console.error('page error:', err.message));
  const { value } = (await host.call('getRoom', {})) as { value: { now: number } };
  await page.clock.install({ time: value.now });
  await page.goto(host.url);
  return page;
}

/** Moves the host's clock and the page's together. */
export async function moveClocks(host: HostProcess, page: Page, ms: number): Promise<void> {
  await host.advanceClock(ms);
  await page.clock.fastForward(ms);
}

/** Fills the start form the way a person does and starts the session. */
export async function startSessionInPage(page: Page, s: { patientRef: string; route: string; plannedMg: string; therapist: string; sitter?: string }): Promise<void> {
  await page.getByLabel('Patient reference').fill(s.patientRef);
  await page.getByLabel('Route').selectOption({ label: s.route });
  await page.getByLabel('Planned dose (mg)').fill(s.plannedMg);
  await page.getByLabel('Therapist').fill(s.therapist);
  if (s.sitter !== undefined) await page.getByLabel('Sitter').fill(s.sitter);
  await page.getByRole('button', { name: 'Start session' }).click();
}
