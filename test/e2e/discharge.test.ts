import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import {
  chromiumWithHosts,
  moveClocks,
  recordPreDoseBpInPage,
  signInPage,
  startSessionInPage,
  scoreMoaasInPage,
} from '../support/room-page';
import { answerDayOfChecklist, answerDayOfChecklistInPage } from '../support/checklist';
import { reportOnScreenScript } from '../../main/core/report/on-screen';
import { sign } from '../support/staff';
import { REMS_ASKED, TREATMENT_SETTING } from '../support/rems';
import { recordReadyButTime } from '../support/room';

const MIN = 60_000;
const rooms = chromiumWithHosts();
const hosts = rooms.hosts;
const openRoom = (host: HostProcess) => rooms.openRoom(host, { viewport: { width: 1400, height: 1000 } });

describe('discharge in Chromium through the browser host', () => {
  it('a full session: checklist, dose, the Discharge button names what is missing until the driver is confirmed and the time has passed; then discharge, report and its PDF', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openRoom(host);

    await startSessionInPage(page, {
      patientRef: 'AB-1024',
      route: 'Sublingual lozenge / troche',
      plannedMg: '150',
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });

    // The day-of checklist is there before the dose; a "no" asks why.
    const checklist = page.getByRole('region', { name: 'Day-of checklist' });
    await expect.poll(() => checklist.getByRole('heading').textContent()).toBe('Day-of checklist: 0 of 8 answered');
    await checklist.getByRole('button', { name: "Consent for today's session: yes" }).click();
    await checklist.getByRole('button', { name: /^Fasting .*: no$/ }).click();
    await checklist.getByLabel('Why "no"?').fill('coffee with milk at 7:30');
    await checklist.getByRole('button', { name: 'Save answer' }).click();
    await expect.poll(() => checklist.getByRole('heading').textContent()).toBe('Day-of checklist: 2 of 8 answered');
    await expect.poll(() => checklist.textContent()).toContain('no: coffee with milk at 7:30');
    await checklist.getByLabel("Driver's name").fill('Pat Lee');
    await checklist.getByLabel("Driver's phone").fill('555-0100');
    await checklist.getByRole('button', { name: 'Save driver details' }).click();

    // Baseline vitals, then the dose.
    const vitals = page.getByRole('form', { name: 'Vitals' });
    const saveVitals = async (sys: string, dia: string, hr: string) => {
      await vitals.getByLabel('Systolic BP').fill(sys);
      await vitals.getByLabel('Diastolic BP').fill(dia);
      await vitals.getByLabel('Heart rate').fill(hr);
      await vitals.getByLabel('SpO2').fill('97');
      await vitals.getByLabel('Respiratory rate').fill('14');
      await vitals.getByRole('button', { name: 'Save vitals' }).click();
      await expect.poll(() => vitals.getByLabel('Systolic BP').inputValue()).toBe('');
    };
    await saveVitals('122', '78', '72');
    await page.getByLabel('Lot').fill('KX-2291');
    // The dose waits for the checklist: Record dose is held, and the room says which items are still open.
    const recordDose = page.getByRole('button', { name: 'Record dose' });
    await expect
      .poll(() => page.locator('#dose-refusal').textContent())
      .toMatch(
        /^Answer the day-of checklist before the dose: "No alcohol or benzodiazepines today", .* and 3 more are not answered yet\./,
      );
    expect(await recordDose.isDisabled()).toBe(true);
    await answerDayOfChecklistInPage(page);
    // Fasting was answered "no": going ahead is the signing clinician's decision, a box they tick, recorded with the dose.
    await expect
      .poll(() => page.locator('#dose-refusal').textContent())
      .toMatch(
        /^Going ahead despite "Fasting .*" \(no: coffee with milk at 7:30\) is the signing clinician's decision: tick "Go ahead despite these answers" and sign\./,
      );
    expect(await recordDose.isDisabled()).toBe(true);
    await page.getByLabel('Go ahead despite these answers').check();
    await recordDose.click();
    await expect
      .poll(() => page.getByRole('dialog', { name: 'Sign: Record the dose of 150 mg' }).textContent())
      .toMatch(/and approve it despite "Fasting .*" \(no: coffee with milk at 7:30\)/);
    await signInPage(page, 'Dr Kim');
    await expect
      .poll(() => page.getByRole('region', { name: 'Doses' }).textContent())
      .toMatch(
        /Dose 150 mg at \d\d:\d\d.*given despite Fasting .* \(no: coffee with milk at 7:30\): Dr Kim decided to proceed/,
      );

    // The sitter's note at T+20.
    await moveClocks(host, page, 20 * MIN);
    await page.getByLabel('Note', { exact: true }).fill('Eyes closed, describing waves of colour');
    await page.getByLabel('Note', { exact: true }).press('Enter');
    await expect
      .poll(() => page.getByRole('list', { name: 'Entry list' }).textContent())
      .toContain('Eyes closed, describing waves of colour');

    // T+60: the Discharge button is disabled and says what is missing.
    await moveClocks(host, page, 40 * MIN);
    const discharge = page.getByRole('button', { name: 'Discharge', exact: true });
    const missing = page.locator('#discharge-missing');
    const conditions = page.getByRole('list', { name: 'Discharge conditions' });
    expect(await discharge.isDisabled()).toBe(true);
    await expect.poll(() => missing.textContent()).toMatch(/^Still missing: Time, MOAA\/S, .*Escort and No driving\.$/);
    expect(await conditions.getByText(/^Time: 1 h 0 min to go \(\d\d:\d\d\)$/).isVisible()).toBe(true);
    expect(await conditions.textContent()).toMatch(
      /Still missing: the minimum time since the last dose: 1 h 0 min to go .*Still missing: a MOAA\/S score of 5 taken after the last dose.*Still missing: the driver confirmed present in person \(name, relationship, phone\)/,
    );

    // T+100: the record fills near the discharge (older checks would not count): MOAA/S 5, vitals, the attestations, the driver seen in person.
    await moveClocks(host, page, 40 * MIN);
    await scoreMoaasInPage(page, 5);
    await saveVitals('128', '80', '76');
    const attestations = page.getByRole('group', { name: 'Attestations' });
    for (const name of [
      'Oriented to person, place and time: yes',
      'Steady gait: yes',
      'Nausea: resolved',
      'Dissociation: minimal',
      'Pain acceptable to the patient: yes',
      'Patient acknowledges: no driving until the next day after sleep: yes',
    ]) {
      await attestations.getByRole('button', { name }).click();
      await expect.poll(() => attestations.getByRole('button', { name }).getAttribute('aria-pressed')).toBe('true');
    }
    await expect.poll(() => missing.textContent()).toBe('Still missing: Time and Escort.');
    expect(await discharge.isDisabled()).toBe(true);
    const driver = page.getByRole('form', { name: 'Driver present' });
    expect(await driver.getByLabel("Driver's name").inputValue()).toBe('Pat Lee');
    await driver.getByLabel('Relationship').fill('partner');
    await driver.getByRole('button', { name: /^Confirm driver present in person/ }).click();

    // Only the time is missing now; the button stays disabled until it has passed.
    await expect.poll(() => missing.textContent()).toBe('Still missing: Time.');
    await expect.poll(() => conditions.textContent()).toMatch(/Time: 20 min to go \(\d\d:\d\d\)/);
    expect(await discharge.isDisabled()).toBe(true);
    await moveClocks(host, page, 19 * MIN);
    await expect.poll(() => conditions.textContent()).toMatch(/Time: 1 min to go/);
    expect(await discharge.isDisabled()).toBe(true);
    await moveClocks(host, page, 1 * MIN);
    await expect.poll(() => missing.textContent()).toBe('Everything needed for discharge is recorded.');
    await expect
      .poll(() => page.getByLabel('PADSS').textContent())
      .toBe('PADSS 10/10: fit for discharge with an escort');
    // Discharge is the clinician's signature, whoever records.
    await discharge.click();
    await signInPage(page, 'Dr Kim');

    // Closed: the report, read-only, with the discharge.
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Session closed' }).textContent())
      .toMatch(/the patient was discharged/);
    const report = page.getByRole('article', { name: 'Session report' });
    await expect
      .poll(() => report.getByLabel('Outcome').textContent())
      .toMatch(/^Discharged at \d\d:\d\d by Dr Kim \(clinician\)$/);
    expect(await page.getByRole('button', { name: 'Record dose' }).count()).toBe(0);

    // The PDF, as Chromium prints it, holds the driver, the doses and the observations.
    await page.locator('[data-report-complete="true"]').waitFor();
    // The desktop app prints only once the window shows this session's report, drawn in full.
    const sessionId = (await host.value('listSessions', {}))[0]!.id;
    expect(await page.evaluate(reportOnScreenScript(sessionId))).toBe(true);
    expect(await page.evaluate(reportOnScreenScript('00000000-0000-4000-8000-000000000000'))).toBe(false);
    const pdfFile = path.join(tempDataDir('room-pdf-'), 'report.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdfFile, format: 'A4', printBackground: true });
    expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toMatch(/Pat Lee \(partner\), 555-0100; confirmed present in person by Sam at \d\d:\d\d/);
    expect(text).toMatch(/Dose 150 mg/);
    expect(text).toContain('KX-2291');
    expect(text).toContain('Eyes closed, describing waves of colour');
    expect(text).toMatch(/MOAA\/S 5/);
    expect(text).toMatch(/Vitals: BP 128\/80, HR 76/);
    expect(text).toContain('no: coffee with milk at'); // the checklist's reason (its table cell wraps)
    expect(text).toMatch(/Dose at \d\d:\d\d: given despite Fasting/); // the decision to proceed, under the doses
    await page.emulateMedia({ media: 'screen' });

    // In the browser host there is no desktop PDF printer: the browser's print dialog saves it, and a sentence says so.
    await page.evaluate(() => (window.print = () => undefined));
    await page.getByRole('button', { name: 'Save report as PDF' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'PDF' }).textContent())
      .toMatch(/print dialog: choose "Save as PDF"/);
    // Exports are written beside the room's records and downloaded.
    await page.getByRole('button', { name: 'Export FHIR R4 bundle (JSON)' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Downloaded' }).textContent())
      .toMatch(/fhir-bundle\.json/);

    // History: by date, patient, route, outcome; search by patient reference; open read-only.
    await page.getByRole('button', { name: 'Start the next session' }).click();
    await page.getByRole('button', { name: 'Session history' }).click();
    const rows = page.getByRole('table', { name: 'Past sessions' }).getByRole('row');
    await expect.poll(() => rows.nth(1).textContent()).toMatch(/AB-1024Sublingual lozenge \/ trocheDischarged/);
    await page.getByLabel('Search by patient reference').fill('zz-none');
    await expect.poll(() => page.getByText('No sessions for "zz-none".').count()).toBe(1);
    await page.getByLabel('Search by patient reference').fill('ab-10');
    await page.getByRole('button', { name: /^Open the report of AB-1024/ }).click();
    await expect
      .poll(() => page.getByRole('article', { name: 'Session report' }).getByLabel('Outcome').textContent())
      .toMatch(/^Discharged/);
    await page.close();
  });

  it('leaving against advice is its own path, and shows as such in the report and the history', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openRoom(host);
    await startSessionInPage(page, { patientRef: 'CD-7', route: 'IM injection', plannedMg: '60', therapist: 'Dr Kim' });
    await answerDayOfChecklistInPage(page);
    await recordPreDoseBpInPage(page);
    await page.getByRole('button', { name: 'Record dose' }).click();
    await signInPage(page, 'Dr Kim');
    await moveClocks(host, page, 30 * MIN);
    await page.getByRole('button', { name: 'Patient is leaving against advice' }).click();
    const form = page.getByRole('form', { name: 'Leaving against advice' });
    await form.getByRole('button', { name: 'Record departure against advice' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Enter the reason the patient is leaving.');
    await form.getByLabel('Reason the patient is leaving').fill('Wanted to go home');
    // Something was done, or a note says why nothing could be.
    await form.getByRole('button', { name: 'Record departure against advice' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe('Record at least one action taken (risks explained, escort called, ...) or a note why none was possible.');
    await form.getByLabel('Escort called').check();
    await form.getByRole('button', { name: 'Record departure against advice' }).click();
    // A departure against advice is recorded under a clinician's signature.
    await expect
      .poll(() => page.getByRole('dialog', { name: 'Sign: Record the departure against advice' }).textContent())
      .toMatch(/left against medical advice: Wanted to go home/);
    await signInPage(page, 'Dr Kim');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Session closed' }).textContent())
      .toMatch(/LEFT AGAINST MEDICAL ADVICE/);
    const report = page.getByRole('article', { name: 'Session report' });
    await expect
      .poll(() => report.getByLabel('Outcome').textContent())
      .toMatch(/^Left against medical advice at \d\d:\d\d: not a discharge$/);
    await expect
      .poll(() => report.getByRole('region', { name: 'Left against medical advice' }).textContent())
      .toMatch(/Reason: Wanted to go home.*What was done: Escort called\./);
    await page.getByRole('button', { name: 'Start the next session' }).click();
    await page.getByRole('button', { name: 'Session history' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'Past sessions' }).getByRole('row').nth(1).textContent())
      .toMatch(/CD-7IM injectionLeft against medical advice/);
    await page.close();
  });
  it('a booster waits, with its sentence beside the button, until the alert standing is acknowledged; an urgent one of a struck reading says so', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const call: typeof host.value = (method, args) => host.value(method, args);
    const session = (
      await call('startSession', {
        patientRef: 'BO-1',
        presetId: 'im',
        plannedDoseMg: 60,
        therapist: 'Dr Kim',
        sitter: 'Sam',
      })
    ).session.id;
    await answerDayOfChecklist((m, a) => call(m, a), session, 'im');
    await call('recordVitals', {
      sessionId: session,
      values: { systolic: 120, diastolic: 80, heartRate: 70 },
      author: 'Sam',
    });
    await call('recordDose', { sessionId: session, mg: 60, booster: false, ...sign('Dr Kim') });
    await host.advanceClock(20 * MIN);
    const low = await call('recordVitals', { sessionId: session, values: { spo2: 85 }, author: 'Sam' });
    await call('amendEntry', {
      sessionId: session,
      targetSeq: low.seq,
      action: 'strike',
      reason: 'probe off the finger',
      author: 'Sam',
      ...sign('Dr Kim'),
    });

    const page = await openRoom(host);
    const booster = page.getByRole('button', { name: 'Record booster' });
    await expect.poll(() => booster.isDisabled()).toBe(true);
    expect(await page.locator('#dose-refusal').textContent()).toBe(
      '"SpO2 85% is below 90%" is urgent and not acknowledged: a clinician acknowledges it, with what was done, before a dose is recorded.',
    );
    const alerts = page.getByRole('region', { name: 'Alerts' });
    expect(await alerts.textContent()).toMatch(/SpO2 85% is below 90%.*its reading was corrected or struck since/);
    await alerts.getByLabel('What was done: SpO2 85% is below 90%.').fill('Probe re-seated: 97%');
    await alerts.getByRole('button', { name: 'Acknowledge: SpO2 85% is below 90%.' }).click();
    await signInPage(page, 'Dr Kim');
    // Acknowledged: the booster now waits only for the patient to be seen since the dose, a BP and a MOAA/S of 4 or more.
    await expect
      .poll(() => page.locator('#dose-refusal').textContent())
      .toMatch(/^Take a blood pressure before the booster: none is recorded since the last dose at \d\d:\d\d\.$/);
    const vitals = page.getByRole('form', { name: 'Vitals' });
    await vitals.getByLabel('Systolic BP').fill('124');
    await vitals.getByLabel('Diastolic BP').fill('80');
    await vitals.getByRole('button', { name: 'Save vitals' }).click();
    await scoreMoaasInPage(page, 5);
    await expect.poll(() => booster.isDisabled()).toBe(false);
    await page.close();
  });

  it("on a computer set to another time zone, the room's screen, the discharge evidence, the history and the report give clock times in the clinic's", async () => {
    // The computer (the host and the page) keeps Tokyo time; the clinic is in Los Angeles.
    const host = await startHostProcess(tempDataDir(), { env: { TZ: 'Asia/Tokyo' } });
    hosts.push(host);
    const call: typeof host.value = (method, args) => host.value(method, args);
    await call('setAdminPin', { pin: '2468' });
    const { adminKey } = await call('unlockAdmin', { pin: '2468' });
    await call('updateSettings', { adminKey, patch: { clinicTimeZone: 'America/Los_Angeles' } });
    const session = (
      await call('startSession', {
        patientRef: 'TZ-1',
        presetId: 'im',
        plannedDoseMg: 60,
        therapist: 'Dr Kim',
        sitter: 'Sam',
      })
    ).session.id;
    await answerDayOfChecklist((m, a) => call(m, a), session, 'im');
    await call('recordVitals', {
      sessionId: session,
      values: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 },
      author: 'Sam',
    });
    const dose = await call('recordDose', { sessionId: session, mg: 60, booster: false, ...sign('Dr Kim') });
    await host.advanceClock(95 * MIN);
    const score = await call('recordScore', {
      sessionId: session,
      content: { scale: 'moaas', score: 5 },
      author: 'Sam',
    });
    const la = (t: number) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'America/Los_Angeles',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(t);
    const tokyo = (t: number) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Tokyo',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(t);
    expect(la(dose.occurredAt)).not.toBe(tokyo(dose.occurredAt));

    const page = await rooms.openRoom(host, { viewport: { width: 1400, height: 1000 }, timezoneId: 'Asia/Tokyo' });
    // The room's screen: the dose line and the discharge evidence, worked out in the page.
    await expect
      .poll(() => page.getByText(/^Dose 60 mg at/).textContent())
      .toMatch(new RegExp(`^Dose 60 mg at ${la(dose.occurredAt)} `));
    await expect
      .poll(() => page.getByRole('list', { name: 'Discharge conditions' }).textContent())
      .toContain(`latest MOAA/S 5 at ${la(score.occurredAt)} by Sam`);
    // Closed, its report and its line in the history: the same zone.
    await call('recordLeftAgainstAdvice', {
      sessionId: session,
      reason: 'Wanted to go home',
      actions: ['escort_called'],
      ...sign('Dr Kim'),
    });
    const events = (await call('getSession', { sessionId: session })).events;
    // The close is read by its type: events recorded after it (on the real clock plus the offset) may fall in the next minute.
    const startedAt = events[0]!.occurredAt;
    const closedAt = events.find((e) => e.kind === 'session_closed')!.occurredAt;
    // Every status line is read (none waited for), so a miss shows what the screen said.
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContainEqual(expect.stringMatching(new RegExp(`^Session closed at ${la(closedAt)}:`)));
    const report = page.getByRole('article', { name: 'Session report' });
    await expect
      .poll(() => report.getByRole('region', { name: 'Observations and scores' }).textContent())
      .toContain(`${la(score.occurredAt)}Sam`);
    await page.getByRole('button', { name: 'Start the next session' }).click();
    await page.getByRole('button', { name: 'Session history' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'Past sessions' }).getByRole('row').nth(1).textContent())
      .toContain(` ${la(startedAt)}TZ-1`);
    await page.close();
  });

  it("the vitals exception is the clinician's signature: cancelled or refused, what was typed is kept; signed, it is recorded", async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const call: typeof host.value = (method, args) => host.value(method, args);
    const session = (
      await call('startSession', {
        patientRef: 'VX-2',
        presetId: 'im',
        plannedDoseMg: 60,
        therapist: 'Dr Kim',
        sitter: 'Sam',
      })
    ).session.id;
    await answerDayOfChecklist((m, a) => call(m, a), session, 'im');
    await call('recordVitals', {
      sessionId: session,
      values: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 },
      author: 'Sam',
    });
    await call('recordDose', { sessionId: session, mg: 60, booster: false, ...sign('Dr Kim') });
    await host.advanceClock(95 * MIN);
    await call('recordVitals', {
      sessionId: session,
      values: { systolic: 150, diastolic: 98, heartRate: 76, spo2: 97, respiratoryRate: 14 },
      author: 'Sam',
    });

    const page = await openRoom(host);
    // Sam, the sitter, is recording; past the earliest discharge, the room has opened the discharge screen by itself.
    await expect
      .poll(() => page.getByRole('group', { name: 'Who is recording' }).textContent())
      .toMatch(/^Recording: Sam \(sitter\)/);
    await page.getByRole('button', { name: /^Back to the session/ }).waitFor();
    const panel = page.getByRole('region', { name: 'Discharge' });
    const reason = panel.getByLabel("Vitals out of range: why discharge is safe (clinician's documented exception)");
    await reason.fill('Known hypertensive, usual BP; asymptomatic');
    await panel.getByRole('button', { name: 'Attest' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign: Vitals out of range: the exception' });
    await expect
      .poll(() => dialog.textContent())
      .toMatch(
        /You document why discharge is safe with vitals out of range: Known hypertensive, usual BP; asymptomatic/,
      );
    // A wrong PIN is said in the dialog, which stays open; cancelled, nothing is recorded and the text typed stays.
    await dialog.getByLabel('PIN', { exact: true }).fill('000000');
    await dialog.getByRole('button', { name: /^Sign\b/ }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('That name and PIN do not match. Try again.');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await reason.inputValue()).toBe('Known hypertensive, usual BP; asymptomatic');
    expect(
      await panel.getByRole('listitem').filter({ hasText: 'clinician documents why discharge is safe' }).count(),
    ).toBe(0);

    // The clinician signs what was typed; the field clears once it is recorded.
    await panel.getByRole('button', { name: 'Attest' }).click();
    await signInPage(page, 'Dr Kim');
    await expect.poll(() => reason.inputValue()).toBe('');
    await expect
      .poll(() =>
        panel.getByRole('listitem').filter({ hasText: 'clinician documents why discharge is safe' }).textContent(),
      )
      .toMatch(/Dr Kim at \d\d:\d\d\): Known hypertensive, usual BP; asymptomatic/);
    // The sitter is still the one recording.
    expect(await page.getByRole('group', { name: 'Who is recording' }).textContent()).toMatch(
      /^Recording: Sam \(sitter\)/,
    );
    await page.close();
  });

  it('a closed session takes corrections from its report: the note corrected with a reason, the original kept struck; nothing new is added', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const call: typeof host.value = (method, args) => host.value(method, args);
    const session = (
      await call('startSession', {
        patientRef: 'CR-3',
        presetId: 'im',
        plannedDoseMg: 60,
        therapist: 'Dr Kim',
        sitter: 'Sam',
      })
    ).session.id;
    await call('recordObservation', {
      sessionId: session,
      content: { text: 'BP 210/120 on arrival', tags: [] },
      author: 'Sam',
    });
    await call('closeSession', { sessionId: session, author: 'Dr Kim', reason: 'BP above 180/110: dose withheld' });
    // Nothing new once closed, with the way to correct named.
    const refused = await host.call('recordObservation', {
      sessionId: session,
      content: { text: 'late thought', tags: [] },
      author: 'Sam',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        message:
          'This session is closed (no dose given). Nothing new can be added; to correct an entry, amend it with a reason.',
      },
    });

    const page = await openRoom(host);
    await page.getByRole('button', { name: 'Session history' }).click();
    await page.getByRole('button', { name: /^Open the report of CR-3/ }).click();
    await page.getByRole('button', { name: 'Correct an entry' }).click();
    const panel = page.getByRole('region', { name: 'Correct an entry' });
    // Who corrects is the person recording, shown above the entries.
    await expect
      .poll(() => panel.getByRole('group', { name: 'Who is recording' }).textContent())
      .toMatch(/^Recording: Sam \(sitter\)/);
    await panel.getByRole('button', { name: 'Correct: BP 210/120 on arrival' }).click();
    await panel.getByLabel('Reason').fill('typed 210 for 170');
    await panel.getByLabel('Corrected note').fill('BP 170/100 on arrival');
    await panel.getByRole('button', { name: 'Save correction' }).click();

    const entries = page.getByRole('region', { name: 'Observations and scores' }).getByRole('row');
    await expect
      .poll(() => entries.allTextContents())
      .toEqual([
        expect.stringMatching(/^T\+TimeByEntryAmendment$/),
        expect.stringMatching(
          /^pre-dose\d\d:\d\dSam \(sitter\)BP 210\/120 on arrivalcorrected \(replaced below\): typed 210 for 170 \(Sam, \d\d:\d\d\)$/,
        ),
        expect.stringMatching(/^pre-dose\d\d:\d\dSam \(sitter\)BP 170\/100 on arrivalcorrection$/),
      ]);
    const amendments = (await call('getSession', { sessionId: session })).events.filter((e) => e.kind === 'amendment');
    expect(amendments).toMatchObject([
      {
        author: 'Sam',
        payload: {
          targetSeq: expect.any(Number),
          action: 'correct',
          reason: 'typed 210 for 170',
          replacement: { text: 'BP 170/100 on arrival' },
        },
      },
    ]);
    await page.close();
  });
  it('a Spravato session prints its REMS Patient Monitoring Form as its own page of the PDF report, field by field', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const call: typeof host.value = (method, args) => host.value(method, args);
    // The clinic: Los Angeles time; its staff (Dr Kim, clinician; Sam, sitter) with their PINs, as the test room has them.
    await call('setAdminPin', { pin: '2468' });
    const { adminKey } = await call('unlockAdmin', { pin: '2468' });
    await call('updateSettings', {
      adminKey,
      patch: { clinicTimeZone: 'America/Los_Angeles', remsSetting: TREATMENT_SETTING },
      changedBy: 'Dr Kim',
    });
    const session = (
      await call('startSession', {
        patientRef: 'SP-88',
        presetId: 'spravato',
        plannedDoseMg: 84,
        therapist: 'Dr Kim',
        sitter: 'Sam',
      })
    ).session.id;
    await answerDayOfChecklist((m, a) => call(m, a), session, 'spravato');
    await call('recordVitals', {
      sessionId: session,
      values: { systolic: 124, diastolic: 78, heartRate: 70, spo2: 98, respiratoryRate: 14 },
      author: 'Sam',
    });
    await host.advanceClock(5 * MIN);
    // 84 mg: three devices, 5 minutes apart; the monitoring counts from the last.
    await call('recordDose', { sessionId: session, mg: 84, booster: false, lot: 'ESK-551', ...sign('Dr Kim') });
    for (let device = 2; device <= 3; device++) {
      await host.advanceClock(5 * MIN);
      await call('recordDose', { sessionId: session, mg: 28, booster: false, ...sign('Dr Kim') });
    }
    await host.advanceClock(40 * MIN);
    await call('recordVitals', {
      sessionId: session,
      values: { systolic: 152, diastolic: 94, heartRate: 80 },
      author: 'Sam',
    });
    const drowsy = await call('recordScore', {
      sessionId: session,
      content: { scale: 'moaas', score: 3 },
      author: 'Sam',
    });
    await call('acknowledgeAlert', {
      sessionId: session,
      targetSeq: drowsy.seq,
      signal: 'moaas',
      author: 'Sam',
      note: 'roused to voice, breathing fine',
    });
    await host.advanceClock(80 * MIN);
    await recordReadyButTime(call, session, {
      systolic: 132,
      diastolic: 82,
      heartRate: 74,
      spo2: 97,
      respiratoryRate: 14,
    });
    await call('answerRems', {
      sessionId: session,
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      answers: { ...REMS_ASKED, monitoringProviderEmail: undefined, psychostimulants: 'yes', dissociation: 'no' },
    });
    // In the room, the last field is answered "not obtained" with its reason.
    const room = await openRoom(host);
    const remsPanel = room.getByRole('form', { name: 'REMS monitoring form' });
    await expect.poll(() => remsPanel.getByRole('heading').textContent()).toMatch(/\(1 missing\)/);
    await remsPanel
      .getByLabel("Monitoring provider's email: not obtained?", { exact: true })
      .selectOption('not obtained');
    await remsPanel
      .getByLabel('Why was "Monitoring provider\'s email" not obtained?')
      .fill('the locum has no clinic email');
    await remsPanel.getByRole('button', { name: 'Save the monitoring form' }).click();
    await expect.poll(() => remsPanel.getByRole('heading').textContent()).toMatch(/\(complete\)/);
    await room.close();
    await host.advanceClock(1 * MIN);
    await call('discharge', { sessionId: session, ...sign('Dr Kim') });

    const page = await openRoom(host);
    await page.getByRole('button', { name: 'Session history' }).click();
    await page.getByRole('button', { name: /^Open the report of SP-88/ }).click();
    const form = page.getByRole('region', { name: 'REMS patient monitoring form' });
    await expect.poll(() => form.textContent()).toMatch(/SPRAVATO® REMS Patient Monitoring Form/);
    // Under the form, the signatures of its clinical answers and of the discharge: printed name, role, time, meaning.
    const signatures = await form.getByRole('table', { name: 'REMS signatures' }).getByRole('row').allTextContents();
    expect(signatures).toEqual([
      expect.stringMatching(/^Dr Kim \(clinician\)\d\d:\d\danswered on the REMS form: /),
      expect.stringMatching(/^Dr Kim \(clinician\)\d\d:\d\ddischarged the patient/),
    ]);
    await page.locator('[data-report-complete="true"]').waitFor();
    const pdfFile = path.join(tempDataDir('room-pdf-'), 'report.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdfFile, format: 'A4', printBackground: true });
    const pages = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' })
      .split('\f')
      .map((p) => p.replace(/[ \t]+/g, ' '));
    // The form starts a page of its own: the page it starts on holds nothing of the report before it.
    const formPage = pages.findIndex((p) => p.includes('SPRAVATO® REMS Patient Monitoring Form'));
    expect(formPage).toBeGreaterThan(0);
    // (under the page's own head: the patient and the session's date, on every page)
    const belowHead = pages[formPage]!.replace(/^\s*Patient SP-88 Session of \d\d\/\d\d\/\d{4}\s*/, '');
    expect(belowHead.startsWith('SPRAVATO® REMS Patient Monitoring Form')).toBe(true);
    const text = pages.slice(formPage).join('\n');
    expect(text).toMatch(/Patient SP-88\. Dates and times in [A-Za-z_/]+\. End of monitoring \d\d:\d\d/);
    expect(text).toMatch(/Treatment date \d\d\/\d\d\/\d{4}/);
    expect(text).toMatch(/Dose administered 84 mg: device 1 of 3 at \d\d:\d\d/);
    expect(text).toMatch(/Total time in minutes, from the first device 131 from the/);
    expect(text).toMatch(/BP prior to administration 124\/78 mmHg at \d\d:\d\d/);
    expect(text).toMatch(/BP 40 minutes post-administration 152\/94 mmHg at \d\d:\d\d/);
    expect(text).toMatch(/BP prior to the completion of the 132\/82 mmHg at \d\d:\d\d from the record/);
    expect(text).toMatch(/Did the patient experience sedation\? yes \(lowest MOAA\/S 3 in 2 from the record/);
    expect(text).toMatch(/MOAA\/S 3 at \d\d:\d\d, Sam/);
    expect(text).toMatch(/Concomitant psychostimulants yes answered by Dr Kim/);
    expect(text).toMatch(/Monitoring provider's email not obtained not obtained \((Dr Kim|Sam)\): the\s+locum has no/);
    expect(text).toMatch(/Did the patient experience respiratory no \(lowest SpO2 97%, lowest from the record/);
    // Dates and times in the clinic's zone; the report's entries name who recorded them, with their role.
    const startedAt = (await call('getSession', { sessionId: session })).events[0]!.occurredAt;
    const laDate = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Los_Angeles',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(startedAt + 5 * MIN);
    expect(text).toContain(`Treatment date ${laDate}`);
    expect(text).toContain('Dates and times in America/Los_Angeles.');
    const reportText = pages.slice(0, formPage).join('\n');
    expect(reportText).toMatch(/Discharged at \d\d:\d\d by Dr Kim \(clinician\)/);
    // The report before the form is in the same zone, and says so.
    const laClock = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/Los_Angeles',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(startedAt);
    expect(reportText).toContain(`${laClock} to`);
    expect(reportText).toMatch(/Times in America\/Los_Angeles/);
    expect(reportText).toMatch(/Sam \(sitter\) MOAA\/S 3/);
    expect(reportText).toMatch(/Device 1 of 3: 28 mg .*ESK-551 Dr Kim \(clinician\)/);
    expect(text).toMatch(/Patient SP-88\. Dates and times in [^.]+\. End of monitoring \d\d:\d\d; [\s\S]*?Complete\./);
    await page.close();
  });
});
