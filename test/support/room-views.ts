import type { Page } from 'playwright-core';
import type { HostProcess } from './host-process';
import { answerDayOfChecklistInPage } from './checklist';
import { moveClocks, recordPreDoseBpInPage, signInPage, startSessionInPage } from './room-page';

const MIN = 60_000;

/** Every view of the room, in the order a session reaches them. */
export const VIEW_NAMES = [
  'start',
  'before dose',
  'checklist after a no',
  'signature',
  'session',
  'glance',
  'discharge',
  'report',
  'history',
  'admin',
] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

/**
 * Walks a fresh room through every view as staff would (an IM session: checklist, a "no" with its reason, the dose and its signature dialog, notes at +45, the
 * discharge screen with a blood pressure alert standing, leaving against advice for a closed report, the history, the admin area) and calls `visit`
 * on each once it is drawn.
 */
export async function walkViews(
  page: Page,
  host: HostProcess,
  visit: (view: ViewName) => Promise<void>,
): Promise<void> {
  await page.getByRole('button', { name: 'Start session' }).waitFor();
  await visit('start');

  await startSessionInPage(page, { patientRef: 'VW-1', route: 'IM injection', plannedMg: 60 });
  await page.getByRole('region', { name: 'Day-of checklist' }).waitFor();
  await visit('before dose');

  // A "no" with its reason: the question keeps its line, the answer chosen shows pressed. Then "yes", as the patient had fasted.
  const checklist = page.getByRole('region', { name: 'Day-of checklist' });
  const fasting = checklist.getByRole('listitem').filter({ hasText: /^Fasting as the clinic sets it/ });
  await fasting.getByRole('button', { name: /: no$/ }).click();
  await fasting.getByLabel('Why "no"?').fill('had coffee with milk at 7:30');
  await fasting.getByRole('button', { name: 'Save answer' }).click();
  await fasting.getByRole('button', { name: /: no$/, pressed: true }).waitFor();
  await fasting.scrollIntoViewIfNeeded();
  await visit('checklist after a no');
  await fasting.getByRole('button', { name: /: yes$/ }).click();
  await fasting.getByRole('button', { name: /: yes$/, pressed: true }).waitFor();

  await answerDayOfChecklistInPage(page);
  await recordPreDoseBpInPage(page);
  await page.getByRole('button', { name: 'Record dose' }).click();
  await page.getByRole('dialog', { name: /^Sign: Record the dose/ }).waitFor();
  await visit('signature');
  await signInPage(page, 'Dr Kim');
  await page
    .getByRole('region', { name: 'Doses' })
    .getByText(/^Dose \d+ mg at/)
    .waitFor();
  await moveClocks(host, page, 45 * MIN);
  const note = page.getByLabel('Note', { exact: true });
  for (const text of ['Eyes closed, breathing slow', 'Smiled, said the music is far away', 'Asked for a blanket']) {
    await note.fill(text);
    await note.press('Enter');
    // Each note saved before the next is typed, as a person sees it listed.
    await page.getByRole('list', { name: 'Entry list' }).getByText(text).waitFor({ state: 'attached' });
  }
  // A high blood pressure: an alert stands on the session view and in glance mode until acknowledged.
  const vitals = page.getByRole('form', { name: 'Vitals' });
  await vitals.getByLabel('Systolic BP').fill('185');
  await vitals.getByLabel('Diastolic BP').fill('112');
  await vitals.getByLabel('Heart rate').fill('84');
  await vitals.getByRole('button', { name: 'Save vitals' }).click();
  await page.getByRole('region', { name: 'Alerts' }).waitFor();
  await visit('session');

  await page.keyboard.press('Alt+G');
  await page.getByRole('dialog', { name: 'Glance' }).waitFor();
  await visit('glance');
  await page.keyboard.press('Space');
  await page.getByRole('dialog', { name: 'Glance' }).waitFor({ state: 'detached' });

  await page.keyboard.press('Alt+X');
  await page.getByRole('button', { name: /^Back to the session/ }).waitFor();
  await visit('discharge');

  await page.getByRole('button', { name: 'Patient is leaving against advice' }).click();
  const form = page.getByRole('form', { name: 'Leaving against advice' });
  await form.getByLabel('Reason the patient is leaving').fill('Wanted to go home');
  await form.getByLabel('Escort called').check();
  await form.getByRole('button', { name: 'Record departure against advice' }).click();
  await signInPage(page, 'Dr Kim');
  await page.locator('[data-report-complete="true"]').waitFor();
  await visit('report');

  await page.getByRole('button', { name: 'Start the next session' }).click();
  await page.getByRole('button', { name: 'Session history' }).click();
  await page.getByRole('table', { name: 'Past sessions' }).waitFor();
  await visit('history');

  await page.getByRole('button', { name: 'Back to the room' }).click();
  await page.getByRole('button', { name: 'Admin' }).click();
  await page.getByLabel('New admin PIN', { exact: true }).fill('2580');
  await page.getByLabel('New admin PIN again').fill('2580');
  await page.getByRole('button', { name: 'Set PIN and open admin' }).click();
  await page.getByRole('tablist', { name: 'Admin areas' }).waitFor();
  await visit('admin');
}
