import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import type { HostProcess } from './host-process';
import { answerDayOfChecklistInPage } from './checklist';
import { PINS } from './staff';

/**
 * Opens the room in a new page. With the fake clock (the default), the page's clock and the host's move
 * together: both start from the host's "now".
 */
export async function openRoomPage(
  browser: Browser,
  host: HostProcess,
  options: { fakeClock?: boolean; viewport?: { width: number; height: number }; timezoneId?: string } = {},
): Promise<Page> {
  const page = await browser.newPage({
    ...(options.viewport ? { viewport: options.viewport } : {}),
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
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
export function chromiumWithHosts(): {
  browser: () => Browser;
  hosts: HostProcess[];
  openRoom: (host: HostProcess, options?: Parameters<typeof openRoomPage>[2]) => Promise<Page>;
} {
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
    if (!browser)
      throw new Error('Chromium is not running: chromiumWithHosts() must be called at the top of the test file.');
    return browser;
  };
  return { browser: launched, hosts, openRoom: (host, options) => openRoomPage(launched(), host, options) };
}

/** A start form field (Therapist, Sitter): a choice of the people on the staff list, or typed where the room has none. */
export async function chooseOrType(page: Page, label: string, name: string): Promise<void> {
  const field = page.getByLabel(label);
  if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(name);
  else await field.fill(name);
}

/**
 * Signs the act waiting in the signature dialog, as a clinician does: their name chosen (when there is a choice), their
 * PIN, Sign; resolves once the dialog has closed. `pinAgain` for a person choosing their first PIN.
 */
export async function signInPage(
  page: Page,
  name = 'Dr Kim',
  pin = PINS[name] ?? '000000',
  options: { pinAgain?: string } = {},
): Promise<void> {
  const dialog = page.getByRole('dialog', { name: /^Sign: / });
  await dialog.waitFor();
  const clinician = dialog.getByLabel('Clinician');
  if ((await clinician.count()) > 0) await clinician.selectOption(name);
  await dialog.getByLabel('PIN', { exact: true }).fill(pin);
  if (options.pinAgain !== undefined) await dialog.getByLabel('PIN again', { exact: true }).fill(options.pinAgain);
  await dialog.getByRole('button', { name: /^Sign\b/ }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Switches who is recording, as a person does (Switch person, their name, their PIN); resolves once the room shows them recording. */
export async function switchPersonInPage(page: Page, name: string, pin = PINS[name] ?? '000000'): Promise<void> {
  await page
    .getByRole('button', { name: /^Switch person/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: 'Switch person' });
  await dialog.getByLabel('Person').selectOption(name);
  await dialog.getByLabel('PIN', { exact: true }).fill(pin);
  await dialog.getByRole('button', { name: /^Switch\b/ }).click();
  await dialog.waitFor({ state: 'detached' });
  await page
    .getByText(new RegExp(`^Recording: ${name} \\(`))
    .first()
    .waitFor();
}

/**
 * Fills the start form the way a person does and starts the session (IM 60 mg, therapist Dr Kim, sitter Sam
 * unless told); with `dose`, answers the checklist "yes", records a pre-dose BP (the reading behind the baseline's
 * "yes") and the planned dose now, signed by Dr Kim in the signature dialog.
 */
export async function startSessionInPage(
  page: Page,
  s: {
    patientRef?: string;
    route?: string;
    plannedMg?: string | number;
    therapist?: string;
    sitter?: string;
    dose?: boolean;
  } = {},
): Promise<void> {
  await page.getByLabel('Patient reference').fill(s.patientRef ?? 'OB-1');
  await page.getByLabel('Route').selectOption({ label: s.route ?? 'IM injection' });
  const planned = page.getByLabel('Planned dose (mg)');
  // A route given in devices (Spravato) offers its doses as a choice; the others take a typed number.
  if ((await planned.evaluate((el) => el.tagName)) === 'SELECT') await planned.selectOption(String(s.plannedMg ?? 56));
  else await planned.fill(String(s.plannedMg ?? 60));
  await chooseOrType(page, 'Therapist', s.therapist ?? 'Dr Kim');
  await chooseOrType(page, 'Sitter', s.sitter ?? 'Sam');
  await page.getByRole('button', { name: 'Start session' }).click();
  await page.getByRole('timer', { name: 'Time since first dose' }).waitFor();
  if (s.dose) {
    await answerDayOfChecklistInPage(page);
    await recordPreDoseBpInPage(page);
    await page.getByRole('button', { name: 'Record dose' }).click();
    await signInPage(page);
    await page
      .getByRole('region', { name: 'Doses' })
      .getByText(/^Dose \d+ mg at/)
      .waitFor();
  }
}

/** A blood pressure before the dose, as the room asks for one (120/80, HR 70) through the Vitals form. */
export async function recordPreDoseBpInPage(
  page: Page,
  values: { systolic: string; diastolic: string; heartRate?: string } = {
    systolic: '120',
    diastolic: '80',
    heartRate: '70',
  },
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

/** Scores MOAA/S as a person does: the level's button, then "Record MOAA/S n" to confirm it; resolves once it is confirmed. */
export async function scoreMoaasInPage(page: Page, score: number): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^MOAA/S ${score}:`) }).click();
  const confirm = page.getByRole('group', { name: 'Confirm the MOAA/S score' });
  await confirm.getByRole('button', { name: `Record MOAA/S ${score}` }).click();
  await confirm.waitFor({ state: 'detached' });
}
