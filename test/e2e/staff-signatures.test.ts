import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startHostProcess, tempDataDir } from '../support/host-process';
import {
  chromiumWithHosts,
  moveClocks,
  signInPage,
  startSessionInPage,
  switchPersonInPage,
} from '../support/room-page';
import { answerDayOfChecklist, answerDayOfChecklistInPage } from '../support/checklist';
import { PINS, seedStaffSettings, sign } from '../support/staff';
import { openAdminPage } from '../support/admin';
import { seriousAxeProblems } from '../support/axe';

/**
 * Who did what, in Chromium through the browser host: a fresh room set up and dosed by keyboard, a sitter's change of
 * shift by PIN, a person locked after five wrong PINs, and an urgent alert acknowledged with a clinician's signature.
 */
const { browser, hosts, openRoom } = chromiumWithHosts();

/** What has the keyboard focus, as a person would name it: its accessible label (or its text, for a button). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const label =
      el.getAttribute('aria-label') ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
      el.closest('label')?.firstChild?.textContent;
    return (label ?? el.textContent ?? '').trim();
  });

describe('staff, who records, and signed acts', () => {
  it('sets up a fresh room by keyboard and records a dose the clinician signs', async () => {
    const host = await startHostProcess(tempDataDir(), { fresh: true });
    hosts.push(host);
    const page = await openRoom(host);

    // A fresh room opens on its setup, the focus on the first field.
    await page.getByRole('form', { name: 'Set up this room' }).waitFor();
    expect(await page.getByRole('button', { name: 'Start session' }).count()).toBe(0);
    expect(await focused(page)).toBe('Admin PIN (4 to 12 digits)');
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(await page.getByLabel('Clinic time zone (IANA name)').inputValue()).toBe(zone);
    expect(await seriousAxeProblems(page)).toEqual([]);

    // Two admin PINs that differ are caught before anything is saved.
    await page.keyboard.type('2580');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2581');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('The two admin PINs are not the same. Type the admin PIN twice.');

    // Everything by keyboard: admin PIN twice, the clinic, its zone as the computer has it, the first clinician and their PIN twice.
    expect(await focused(page)).toBe('Admin PIN again');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('0');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Clinic name');
    await page.keyboard.type('Lakeside Clinic');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe("First clinician's name");
    await page.keyboard.type('Dr Ana Ruiz');
    await page.keyboard.press('Tab');
    await page.keyboard.type('864200');
    await page.keyboard.press('Tab');
    await page.keyboard.type('864200');
    await page.keyboard.press('Enter');

    // The start form, with the clinician recording and chosen as the therapist.
    await page.getByRole('form', { name: 'Start a session' }).waitFor();
    await expect
      .poll(() => page.getByRole('group', { name: 'Who is recording' }).textContent())
      .toMatch(/^Recording: Dr Ana Ruiz \(clinician\)/);
    expect(await focused(page)).toBe('Patient reference');
    await page.keyboard.type('FR-1');
    await page.keyboard.press('Tab'); // route: the room's default
    await page.keyboard.press('Tab');
    await page.keyboard.type('150');
    await page.keyboard.press('Enter');
    await page.getByRole('timer', { name: 'Time since first dose' }).waitFor();
    expect(await page.getByText('Therapist Dr Ana Ruiz').count()).toBe(1);

    // Before the dose: the checklist, each "yes" by Enter, and a blood pressure.
    const checklist = page.getByRole('region', { name: 'Day-of checklist' });
    const open = checklist.getByRole('listitem').filter({ hasText: 'not answered' });
    while ((await open.count()) > 0) {
      const before = await open.count();
      await open
        .first()
        .getByRole('button', { name: /: yes$/ })
        .focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => open.count()).toBeLessThan(before);
    }
    const vitals = page.getByRole('form', { name: 'Vitals' });
    await vitals.getByLabel('Systolic BP').focus();
    await page.keyboard.type('122');
    await page.keyboard.press('Tab');
    await page.keyboard.type('78');
    await page.keyboard.press('Enter');
    const recordDose = page.getByRole('button', { name: 'Record dose' });
    await expect.poll(() => recordDose.isEnabled()).toBe(true);

    // Alt+D, Enter: the dose asks for the clinician's signature, the focus on the PIN (there is one clinician).
    await page.keyboard.press('Alt+D');
    expect(await focused(page)).toBe('Dose (mg)');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Sign: Record the dose of 150 mg' });
    await dialog.waitFor();
    await expect
      .poll(() => dialog.textContent())
      .toMatch(/You order the dose of 150 mg \(Sublingual lozenge \/ troche\)/);
    expect(await dialog.getByLabel('Clinician').inputValue()).toBe('Dr Ana Ruiz');
    expect(await focused(page)).toBe('PIN');
    // A wrong PIN is said inside the dialog, which stays open with the PIN cleared and the dose not recorded.
    await page.keyboard.type('111111');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('That name and PIN do not match. Try again.');
    expect(await dialog.getByLabel('PIN', { exact: true }).inputValue()).toBe('');
    expect(await page.getByRole('timer', { name: 'Time since first dose' }).textContent()).toBe('Not dosed');
    await expect.poll(() => focused(page)).toBe('PIN');
    await page.keyboard.type('864200');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByRole('region', { name: 'Doses' }).textContent())
      .toMatch(/Dose 150 mg at \d\d:\d\d.*by Dr Ana Ruiz/);
    await expect
      .poll(() => page.getByRole('timer', { name: 'Time since first dose' }).textContent())
      .toMatch(/^T\+0:0\d/);
    // The signature is in the record, with its meaning; never the PIN.
    const events = (await host.value('getSession', { sessionId: (await host.value('getRoom', {})).activeSessionId! }))
      .events;
    const dose = events.find((e) => e.kind === 'dose')!;
    expect(dose.payload).toMatchObject({
      signature: {
        name: 'Dr Ana Ruiz',
        role: 'clinician',
        meaning: expect.stringMatching(/^ordered the dose of 150 mg/),
      },
    });
    expect(JSON.stringify(events)).not.toContain('864200');
    const room = await host.value('getRoom', {});
    expect([room.settings.clinicName, room.settings.clinicTimeZone, room.setupNeeded]).toEqual([
      'Lakeside Clinic',
      zone,
      false,
    ]);
    await page.close();
  });

  it('a room set up later records its sessions, but no dose until a clinician exists', async () => {
    const host = await startHostProcess(tempDataDir(), { fresh: true });
    hosts.push(host);
    const page = await openRoom(host);
    await page.getByRole('button', { name: 'Set up later' }).click();
    await startSessionInPage(page, { patientRef: 'SL-1', therapist: 'Ana Ruiz', sitter: '' });
    await answerDayOfChecklistInPage(page);
    const vitals = page.getByRole('form', { name: 'Vitals' });
    await vitals.getByLabel('Systolic BP').fill('120');
    await vitals.getByLabel('Diastolic BP').fill('80');
    await vitals.getByRole('button', { name: 'Save vitals' }).click();
    // The entries are recorded under the names typed at the start; the dose waits for a clinician, in the room's words.
    await expect
      .poll(() => page.getByRole('list', { name: 'Entry list' }).locator('.entry-author').first().textContent())
      .toBe('Ana Ruiz');
    await expect
      .poll(() => page.locator('#dose-refusal').textContent())
      .toBe(
        "Only a clinician may sign a dose (the first, a booster, each Spravato device), and the room's staff list names none yet. An admin adds a clinician with their personal PIN (Admin, Staff), or completes the first-run setup.",
      );
    expect(await page.getByRole('button', { name: 'Record dose' }).isDisabled()).toBe(true);
    await page.close();
  });

  it("a sitter's shift ends: Jo Park switches in with their PIN, and what follows is recorded as theirs", async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openRoom(host);
    await startSessionInPage(page, { patientRef: 'SH-1' });
    const recording = page.getByRole('group', { name: 'Who is recording' });
    await expect.poll(() => recording.textContent()).toMatch(/^Recording: Sam \(sitter\)/);
    const note = page.getByLabel('Note', { exact: true });
    await note.fill('Settled in the chair');
    await note.press('Enter');
    const entries = page.getByRole('list', { name: 'Entry list' });
    await entries.getByText('Settled in the chair').waitFor();

    // Alt+S: the switch dialog, the person chosen, their PIN, Enter.
    await page.locator('body').focus();
    await page.keyboard.press('Alt+S');
    const dialog = page.getByRole('dialog', { name: 'Switch person' });
    await dialog.waitFor();
    expect(await focused(page)).toBe('Person');
    expect(await seriousAxeProblems(page)).toEqual([]);
    await dialog.getByLabel('Person').selectOption('Jo Park');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PINS['Jo Park']!);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => recording.textContent()).toMatch(/^Recording: Jo Park \(therapist\)/);

    await note.fill('Asked for the music lower');
    await note.press('Enter');
    const row = (text: string) => entries.getByRole('listitem').filter({ hasText: text });
    await expect.poll(() => row('Asked for the music lower').locator('.entry-author').textContent()).toBe('Jo Park');
    expect(await row('Settled in the chair').locator('.entry-author').textContent()).toBe('Sam');
    // The change of shift is in the session's record.
    const events = (await host.value('getSession', { sessionId: (await host.value('getRoom', {})).activeSessionId! }))
      .events;
    expect(events.filter((e) => e.kind === 'recorder_changed').map((e) => e.payload)).toEqual([
      { name: 'Jo Park', role: 'therapist' },
    ]);
    // And in the report, under the signatures: who took over recording, and when.
    await page.keyboard.press('Alt+Y');
    await page.getByRole('button', { name: /^Open the report of SH-1/ }).click();
    const changes = page
      .getByRole('article', { name: 'Session report' })
      .getByRole('list', { name: 'Changes of the person recording' });
    await expect
      .poll(() => changes.textContent())
      .toMatch(/^\d\d:\d\d: Jo Park \(therapist\) switched in with their PIN and recorded from then on\.$/);
    await page.close();
  });

  it('five wrong PINs lock that person for 5 minutes, and the person recording stays who they were', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openRoom(host);
    await startSessionInPage(page, { patientRef: 'LK-1' });
    const recording = page.getByRole('group', { name: 'Who is recording' });
    await expect.poll(() => recording.textContent()).toMatch(/^Recording: Sam \(sitter\)/);

    await page.getByRole('button', { name: /^Switch person/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Switch person' });
    await dialog.getByLabel('Person').selectOption('Jo Park');
    const pin = dialog.getByLabel('PIN', { exact: true });
    for (let attempt = 1; attempt <= 4; attempt++) {
      await pin.fill('999999');
      await page.keyboard.press('Enter');
      await expect.poll(() => pin.inputValue()).toBe('');
      await expect
        .poll(() => dialog.getByRole('alert').textContent())
        .toBe('That name and PIN do not match. Try again.');
    }
    await pin.fill('999999');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toMatch(
        /^Too many wrong PINs: Jo Park is locked until \d\d:\d\d \(5 minutes\)\. Try again then, or ask an admin to reset the PIN\.$/,
      );
    // Locked: even the right PIN waits.
    await pin.fill(PINS['Jo Park']!);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toMatch(/^Too many wrong PINs: Jo Park is locked until/);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => recording.textContent()).toMatch(/^Recording: Sam \(sitter\)/);
    const note = page.getByLabel('Note', { exact: true });
    await note.fill('Still Sam recording');
    await note.press('Enter');
    const row = page
      .getByRole('list', { name: 'Entry list' })
      .getByRole('listitem')
      .filter({ hasText: 'Still Sam recording' });
    await expect.poll(() => row.locator('.entry-author').textContent()).toBe('Sam');
    await page.close();
  });

  it('an urgent alert is acknowledged with a clinician’s signature while the sitter records, and the report names the signer', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openRoom(host);
    await startSessionInPage(page, { patientRef: 'UA-1', dose: true });
    await expect
      .poll(() => page.getByRole('group', { name: 'Who is recording' }).textContent())
      .toMatch(/^Recording: Sam \(sitter\)/);

    const vitals = page.getByRole('form', { name: 'Vitals' });
    await vitals.getByLabel('SpO2').fill('85');
    await vitals.getByRole('button', { name: 'Save vitals' }).click();
    const alerts = page.getByRole('region', { name: 'Alerts' });
    const acknowledge = alerts.getByRole('button', { name: 'Acknowledge: SpO2 85% is below 90%.' });
    await acknowledge.waitFor();
    await alerts.getByLabel('What was done: SpO2 85% is below 90%.').fill('Chin lift, oxygen 2 L, SpO2 back to 95%');
    await acknowledge.click();

    // The sitter records; the acknowledgement is the clinician's, signed in the dialog.
    const dialog = page.getByRole('dialog', { name: 'Sign: Acknowledge: SpO2 85% is below 90%.' });
    await dialog.waitFor();
    await expect
      .poll(() => dialog.textContent())
      .toMatch(/record what was done: Chin lift, oxygen 2 L, SpO2 back to 95%/);
    // Cancelled: nothing is recorded, and the note typed stays.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await alerts.getByLabel('What was done: SpO2 85% is below 90%.').inputValue()).toBe(
      'Chin lift, oxygen 2 L, SpO2 back to 95%',
    );
    // The focus is back on the button that opened the dialog.
    await expect.poll(() => focused(page)).toBe('Acknowledge: SpO2 85% is below 90%.');
    await acknowledge.click();
    await dialog.getByLabel('PIN', { exact: true }).fill(PINS['Dr Kim']!);
    await dialog.getByRole('button', { name: /^Sign\b/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => acknowledge.count()).toBe(0);
    // The person recording is still the sitter.
    expect(await page.getByRole('group', { name: 'Who is recording' }).textContent()).toMatch(
      /^Recording: Sam \(sitter\)/,
    );

    // The report (from the history, over the session): the acknowledgement by Dr Kim, and the signatures with their meaning.
    await page.keyboard.press('Alt+Y');
    await page.getByRole('button', { name: /^Open the report of UA-1/ }).click();
    const report = page.getByRole('article', { name: 'Session report' });
    await expect
      .poll(() => report.getByRole('region', { name: 'Alerts' }).textContent())
      .toMatch(/URGENT: SpO2 85% is below 90%\. Acknowledged by Dr Kim at \d\d:\d\d\./);
    const signatures = report.getByRole('region', { name: 'Signatures' });
    await expect.poll(() => signatures.getByRole('row').count()).toBe(3);
    const rows = await signatures.getByRole('row').allTextContents();
    expect(rows[1]).toMatch(/Dr Kimclinicianordered the dose of 60 mg/);
    expect(rows[2]).toMatch(
      /Dr Kimclinicianacknowledged "SpO2 85% is below 90%": Chin lift, oxygen 2 L, SpO2 back to 95%/,
    );
    await page.close();
  });

  it("striking a reading that raised an alert is a clinician's: the room asks for the signature, and the struck entry names the signer", async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openRoom(host);
    await startSessionInPage(page, { patientRef: 'ST-1', dose: true });
    const vitals = page.getByRole('form', { name: 'Vitals' });
    await vitals.getByLabel('SpO2').fill('85');
    await vitals.getByRole('button', { name: 'Save vitals' }).click();
    await page.getByRole('region', { name: 'Alerts' }).waitFor();

    await page.getByRole('button', { name: 'Strike: Vitals: SpO2 85%' }).click();
    await page.getByRole('textbox', { name: 'Reason' }).fill('probe off the finger');
    await page.getByRole('button', { name: 'Strike entry' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign: Strike: Vitals: SpO2 85%' });
    await expect
      .poll(() => dialog.textContent())
      .toMatch(/You strike "Vitals: SpO2 85%" because: probe off the finger\./);
    await signInPage(page, 'Dr Kim');
    const struck = page
      .getByRole('list', { name: 'Entry list' })
      .getByRole('listitem')
      .filter({ hasText: 'struck by Dr Kim: probe off the finger' });
    await expect.poll(() => struck.getByRole('deletion').textContent()).toBe('Vitals: SpO2 85%');
    // The urgent alert stays open, saying its reading was struck; the sitter is still recording.
    await expect
      .poll(() => page.getByRole('region', { name: 'Alerts' }).textContent())
      .toMatch(/SpO2 85% is below 90%.*its reading was corrected or struck since/);
    expect(await page.getByRole('group', { name: 'Who is recording' }).textContent()).toMatch(
      /^Recording: Sam \(sitter\)/,
    );
    await page.close();
  });

  it('each person changes their own PIN from the switch dialog; the old one no longer switches them in', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openRoom(host);
    await page.getByRole('button', { name: /^Switch person/ }).click();
    await page.getByRole('dialog', { name: 'Switch person' }).getByRole('button', { name: 'Change my PIN' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change my PIN' });
    // The person recording is chosen already; the focus is on their current PIN.
    expect(await dialog.getByLabel('Name').inputValue()).toBe('Sam');
    await expect
      .poll(() => dialog.getByLabel('Current PIN').evaluate((el) => el === document.activeElement))
      .toBe(true);
    await dialog.getByLabel('Current PIN').fill(PINS.Sam!);
    await dialog.getByLabel('New PIN', { exact: true }).fill('445566');
    await dialog.getByLabel('New PIN again').fill('445567');
    await dialog.getByRole('button', { name: /^Change PIN/ }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('The two new PINs are not the same. Type the new PIN twice.');
    expect(await dialog.getByLabel('Current PIN').inputValue()).toBe('');
    await dialog.getByLabel('Current PIN').fill(PINS.Sam!);
    await dialog.getByLabel('New PIN', { exact: true }).fill('445566');
    await dialog.getByLabel('New PIN again').fill('445566');
    await dialog.getByRole('button', { name: /^Change PIN/ }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent())
      .toBe("Sam's PIN is changed: use the new one from now on.");
    await page.keyboard.press('Escape');

    await switchPersonInPage(page, 'Jo Park');
    // Back to Sam: the old PIN is refused, the new one switches.
    await page.getByRole('button', { name: /^Switch person/ }).click();
    const switching = page.getByRole('dialog', { name: 'Switch person' });
    await switching.getByLabel('Person').selectOption('Sam');
    await switching.getByLabel('PIN', { exact: true }).fill(PINS.Sam!);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => switching.getByRole('alert').textContent())
      .toBe('That name and PIN do not match. Try again.');
    await page.keyboard.press('Escape');
    await switchPersonInPage(page, 'Sam', '445566');
    await page.close();
  });

  it("the admin's staff list: a first PIN for a new person, a PIN reset, someone removed, and the staff log saying who did each", async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openAdminPage(browser(), host, { tab: 'Staff' });
    const staff = page.getByRole('region', { name: 'Staff' });
    const list = staff.getByRole('table', { name: 'Staff list' });
    await expect
      .poll(() => list.getByRole('row').allTextContents())
      .toEqual([
        'NameRolePINLocked untilChanges',
        expect.stringMatching(/^Dr KimclinicianPIN set/),
        expect.stringMatching(/^Jo ParktherapistPIN set/),
        expect.stringMatching(/^SamsitterPIN set/),
      ]);

    // A PIN reset: the admin's name first, for the log.
    await staff.getByRole('button', { name: 'Reset PIN for Sam' }).click();
    await staff.getByLabel('New PIN for Sam (6 to 12 digits)').fill('778899');
    await staff.getByRole('button', { name: 'Save the new PIN for Sam' }).click();
    await expect
      .poll(() => staff.getByRole('alert').textContent())
      .toBe('Enter your name first: the staff log records who made each change.');
    await staff.getByLabel('Your name, for the staff log').fill('Lee Admin');
    await staff.getByLabel('New PIN for Sam (6 to 12 digits)').fill('778899');
    await staff.getByRole('button', { name: 'Save the new PIN for Sam' }).click();
    await expect.poll(() => staff.getByRole('status').last().textContent()).toMatch(/^Sam's PIN is reset/);

    // The only clinician removed: the list says no dose can be recorded until one is added.
    await staff.getByRole('button', { name: 'Remove Dr Kim' }).click();
    await staff.getByRole('button', { name: 'Yes, remove Dr Kim' }).click();
    await expect
      .poll(() => staff.getByText('No clinician is listed: no dose can be recorded until one is added.').count())
      .toBe(1);
    expect(await list.getByRole('row').count()).toBe(3);

    // A new clinician needs a first PIN.
    await staff.getByLabel("New person's name").fill('Dr Lee');
    await staff.getByLabel("New person's role").selectOption('clinician');
    await staff.getByRole('button', { name: 'Add a person' }).click();
    await expect
      .poll(() => staff.getByRole('alert').textContent())
      .toBe('Give Dr Lee a first PIN (6 to 12 digits): they change it to their own later.');
    await staff.getByLabel('First PIN (6 to 12 digits)').fill(PINS['Dr Lee']!);
    await staff.getByRole('button', { name: 'Add a person' }).click();
    await expect.poll(() => list.getByRole('row').last().textContent()).toMatch(/^Dr LeeclinicianPIN set/);
    await expect
      .poll(() => staff.getByText('No clinician is listed: no dose can be recorded until one is added.').count())
      .toBe(0);
    expect(await staff.getByLabel('First PIN (6 to 12 digits)').inputValue()).toBe('');

    const log = (await staff.getByRole('table', { name: 'Staff log' }).getByRole('row').allTextContents()).join('\n');
    expect(log).toMatch(/Lee Adminreset the PIN of Sam/);
    expect(log).toMatch(/Lee Adminremoved Dr Kim \(clinician\)/);
    expect(log).toMatch(/Lee Adminadded Dr Lee \(clinician\)/);
    // The room follows: Dr Lee may be chosen to start a session, Dr Kim no longer.
    await page.getByRole('button', { name: 'Lock and close admin' }).click();
    const start = page.getByRole('form', { name: 'Start a session' });
    await start.waitFor();
    const therapists = await start.getByLabel('Therapist').locator('option').allTextContents();
    expect(therapists).toContain('Dr Lee');
    expect(therapists).not.toContain('Dr Kim');
    await page.close();
  });

  it("the REMS form's clinical answers are a clinician's signature; its other answers are the person recording's", async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const sessionId = (
      await host.value('startSession', {
        patientRef: 'RM-1',
        presetId: 'spravato',
        plannedDoseMg: 56,
        therapist: 'Dr Kim',
        sitter: 'Sam',
      })
    ).session.id;
    await answerDayOfChecklist((m, a) => host.value(m, a), sessionId, 'spravato');
    await host.value('recordVitals', {
      sessionId,
      values: { systolic: 124, diastolic: 78, heartRate: 70 },
      author: 'Sam',
    });
    await host.value('recordDose', { sessionId, mg: 56, booster: false, lot: 'ESK-1', ...sign('Dr Kim') });
    const page = await openRoom(host);
    const rems = page.getByRole('form', { name: 'REMS monitoring form' });
    const row = (label: string) => rems.getByRole('row').filter({ hasText: label });

    // A medication answer alone: recorded as the sitter's, no signature asked.
    await rems.getByLabel('Concomitant psychostimulants', { exact: true }).selectOption('no');
    await rems.getByRole('button', { name: 'Save the monitoring form' }).click();
    await expect.poll(() => row('Concomitant psychostimulants').textContent()).toMatch(/no · Sam/);
    expect(await page.getByRole('dialog').count()).toBe(0);

    // "Ready to leave" is the clinician's judgement: the room asks for the signature.
    await rems
      .getByLabel('Without the 2-hour minimum, ready to leave at (minutes from the start of administration)', {
        exact: true,
      })
      .fill('90');
    await rems.getByRole('button', { name: 'Save the monitoring form' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign: Answers on the REMS monitoring form' });
    await expect
      .poll(() => dialog.textContent())
      .toMatch(
        /You answer on the REMS form: Without the 2-hour minimum, ready to leave at \(minutes from the start of administration\) 90\./,
      );
    await signInPage(page, 'Dr Kim');
    await expect.poll(() => row('ready to leave at').textContent()).toMatch(/90 · Dr Kim/);
    await page.close();
  });

  it("Alt+I marks the end of an infusion under the clinician's signature; the other marks are one key each, unsigned", async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const sessionId = (
      await host.value('startSession', {
        patientRef: 'IV-1',
        presetId: 'iv',
        plannedDoseMg: 35,
        therapist: 'Dr Kim',
        sitter: 'Sam',
      })
    ).session.id;
    await answerDayOfChecklist((m, a) => host.value(m, a), sessionId, 'iv');
    await host.value('recordVitals', {
      sessionId,
      values: { systolic: 120, diastolic: 80, heartRate: 70 },
      author: 'Sam',
    });
    await host.value('recordDose', { sessionId, mg: 35, booster: false, ...sign('Dr Kim') });
    const page = await openRoom(host);
    await moveClocks(host, page, 40 * 60_000);
    await page
      .getByRole('button', { name: /^Returning/ })
      .and(page.locator(':enabled'))
      .waitFor();
    await page.locator('body').focus();

    await page.keyboard.press('Alt+R');
    await expect.poll(() => page.getByRole('img', { name: /^Returning at \d\d:\d\d$/ }).count()).toBe(1);
    expect(await page.getByRole('dialog').count()).toBe(0);

    await page.keyboard.press('Alt+I');
    const dialog = page.getByRole('dialog', { name: 'Sign: Mark the end of the infusion' });
    await dialog.waitFor();
    // While it is open, the room's keys wait: Alt+G does not open glance mode behind it.
    await page.keyboard.press('Alt+G');
    expect(await page.getByRole('dialog', { name: 'Glance' }).count()).toBe(0);
    await page.keyboard.type(PINS['Dr Kim']!);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('img', { name: /^Infusion ended at \d\d:\d\d$/ }).count()).toBe(1);
    const marks = (await host.value('getSession', { sessionId })).events.filter((e) => e.kind === 'mark');
    expect(marks.map((m) => [m.payload.mark, m.author])).toEqual([
      ['returning', 'Sam'],
      ['infusion_ended', 'Dr Kim'],
    ]);
    await page.close();
  });

  it('in a room from before PINs, a person chooses their PIN at their first switch, typed twice, and it is theirs from then on', async () => {
    // The staff list as an upgraded room has it: Jo Park is on it, with no PIN yet.
    const dataDir = tempDataDir();
    seedStaffSettings(dataDir);
    const file = path.join(dataDir, 'settings.json');
    const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as { staffPins: Record<string, unknown> };
    delete settings.staffPins['staff-park'];
    fs.writeFileSync(file, JSON.stringify(settings), { mode: 0o600 });
    const host = await startHostProcess(dataDir);
    hosts.push(host);
    const page = await openRoom(host);

    await page.getByRole('button', { name: /^Switch person/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Switch person' });
    expect(await dialog.getByLabel('PIN again').count()).toBe(0);
    await dialog.getByLabel('Person').selectOption('Jo Park');
    await expect
      .poll(() => dialog.textContent())
      .toMatch(
        /Jo Park has no personal PIN yet: the PIN typed here \(6 to 12 digits\) becomes theirs\. Type it twice\./,
      );
    await dialog.getByLabel('PIN', { exact: true }).fill('246802');
    await dialog.getByLabel('PIN again').fill('246803');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('The two PINs are not the same. Type the new PIN twice.');
    await dialog.getByLabel('PIN', { exact: true }).fill('246802');
    await dialog.getByLabel('PIN again').fill('246802');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByRole('group', { name: 'Who is recording' }).textContent())
      .toMatch(/^Recording: Jo Park \(therapist\)/);
    // From then on the PIN is asked once, like everyone's.
    await switchPersonInPage(page, 'Sam');
    await page.getByRole('button', { name: /^Switch person/ }).click();
    await dialog.getByLabel('Person').selectOption('Jo Park');
    expect(await dialog.getByLabel('PIN again').count()).toBe(0);
    await dialog.getByLabel('PIN', { exact: true }).fill('246802');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('group', { name: 'Who is recording' }).textContent())
      .toMatch(/^Recording: Jo Park \(therapist\)/);
    await page.close();
  });
});
