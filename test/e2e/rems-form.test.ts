import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, reportOptions } from '../../main/core/pure/report/model';
import { daysBetween, usDate } from '../../main/core/pure/discharge/rems-fields';
import { daysLeftText } from '../../main/core/pure/rules/rems-record';
import { zonedDate } from '../../main/core/pure/clinic-time';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { chromiumWithHosts, signInPage } from '../support/room-page';
import { answerDayOfChecklist } from '../support/checklist';
import { sign } from '../support/staff';
import { REMS_ASKED, TREATMENT_SETTING } from '../support/rems';
import { seriousAxeProblems } from '../support/axe';

/**
 * The SPRAVATO® REMS Patient Monitoring Form in Chromium through the browser host: answered in the room (the record's
 * answers beside the asked ones, a different answer asking why), printed as PDF with every field of the current form
 * (read back with pdftotext), fixed at the discharge with a later correction beside its value, and filed from the
 * history within its 7 days, with the room's line of forms due.
 */
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const rooms = chromiumWithHosts();
const openRoom = (host: HostProcess) => rooms.openRoom(host, { viewport: { width: 1400, height: 1000 } });

async function newHost(): Promise<HostProcess> {
  const host = await startHostProcess(tempDataDir());
  rooms.hosts.push(host);
  await host.value('setAdminPin', { pin: '2468' });
  const { adminKey } = await host.value('unlockAdmin', { pin: '2468' });
  await host.value('updateSettings', {
    adminKey,
    patch: { clinicTimeZone: 'UTC', remsSetting: TREATMENT_SETTING },
    changedBy: 'Dr Kim',
  });
  // The sessions run from 08:00 UTC, so two of them fit in one calendar day whatever the hour the test runs.
  const { now } = await host.value('getRoom', {});
  await host.advanceClock((((8 * 60 * MIN - (now % DAY)) % DAY) + DAY) % DAY);
  return host;
}

/** A Spravato 56 mg session: baseline, device 1, at +40 BP 176/104 with SpO2 94% and a MOAA/S 2 (acknowledged); at +110 everything for discharge. */
async function sedatedSpravato(host: HostProcess, patientRef: string): Promise<{ sessionId: string; bp40: number }> {
  const call: typeof host.value = (method, args) => host.value(method, args);
  const sessionId = (
    await call('startSession', {
      patientRef,
      presetId: 'spravato',
      plannedDoseMg: 56,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    })
  ).session.id;
  await answerDayOfChecklist((m, a) => call(m, a), sessionId, 'spravato');
  await call('recordVitals', {
    sessionId,
    values: { systolic: 122, diastolic: 78, heartRate: 70, spo2: 98, respiratoryRate: 14 },
    author: 'Sam',
  });
  await host.advanceClock(5 * MIN);
  await call('recordDose', { sessionId, mg: 56, booster: false, lot: 'ESK-771', ...sign('Dr Kim') });
  await host.advanceClock(40 * MIN);
  const bp40 = await call('recordVitals', {
    sessionId,
    values: { systolic: 176, diastolic: 104, heartRate: 84, spo2: 94, respiratoryRate: 13 },
    author: 'Sam',
  });
  const drowsy = await call('recordScore', { sessionId, content: { scale: 'moaas', score: 2 }, author: 'Sam' });
  await call('acknowledgeAlert', {
    sessionId,
    targetSeq: drowsy.seq,
    signal: 'moaas',
    author: 'Dr Kim',
    ...sign('Dr Kim'),
    note: 'roused with a shoulder shake, airway clear',
  });
  await host.advanceClock(70 * MIN);
  await call('recordScore', { sessionId, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
  await call('recordVitals', {
    sessionId,
    values: { systolic: 132, diastolic: 82, heartRate: 74, spo2: 97, respiratoryRate: 14 },
    author: 'Sam',
  });
  for (const [item, answer] of [
    ['oriented', 'yes'],
    ['steady_gait', 'yes'],
    ['nausea', 'minimal'],
    ['dissociation', 'resolved'],
    ['no_driving_acknowledged', 'yes'],
  ] as const) {
    await call('attest', { sessionId, item, answer, author: 'Dr Kim' });
  }
  await call('confirmDriver', {
    sessionId,
    name: 'Pat Lee',
    relationship: 'partner',
    phone: '555-0100',
    author: 'Sam',
  });
  return { sessionId, bp40: bp40.seq };
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** axe-core's serious and critical problems on what is on screen, in both palettes. */
async function axeBothPalettes(page: import('playwright-core').Page): Promise<unknown[]> {
  const found: unknown[] = [];
  for (const palette of ['dim', 'night'] as const) {
    await page.evaluate((p) => (document.documentElement.dataset.palette = p), palette);
    found.push(...(await seriousAxeProblems(page)));
  }
  await page.evaluate(() => (document.documentElement.dataset.palette = 'dim'));
  return found;
}

describe('the REMS Patient Monitoring Form in the browser', () => {
  it('answered in the room: the record answers sedation; "no" asks why and is refused with the record\'s sentence until a clinician signs the note', async () => {
    const host = await newHost();
    const { sessionId } = await sedatedSpravato(host, 'SP-61');
    const page = await openRoom(host);
    const panel = page.getByRole('form', { name: 'REMS monitoring form' });
    await expect.poll(() => panel.getByRole('heading').textContent()).toMatch(/missing\)/);
    // What the record answers, shown as such.
    const row = (label: string) => panel.getByRole('row').filter({ has: page.getByText(label, { exact: true }) });
    await expect
      .poll(() => row('Did the patient experience sedation?').textContent())
      .toMatch(/yes \(lowest MOAA\/S 2 in 2 scores\) · from the record: MOAA\/S 2 at \d\d:\d\d; MOAA\/S 5 at/);
    await expect
      .poll(() => row('Pulse oximetry during monitoring').textContent())
      .toMatch(/lowest SpO2 94% at \d\d:\d\d \(2 readings/);
    await expect
      .poll(() => row('Patient enrolled in the SPRAVATO® REMS').textContent())
      .toMatch(/^Patient enrolled in the SPRAVATO® REMSyes · from the record/);

    // The patient's details by the person recording.
    await panel.getByLabel('Birthdate (MM/DD/YYYY)', { exact: true }).fill('1984-03-09');
    await panel.getByLabel('Sex', { exact: true }).selectOption('female');
    await panel.getByLabel("Is this the patient's first treatment?", { exact: true }).selectOption('yes');
    await panel.getByLabel('Concomitant opioids', { exact: true }).selectOption('no');
    await panel.getByLabel("Monitoring provider's telephone", { exact: true }).fill('555-0142');
    await panel.getByLabel("Monitoring provider's email", { exact: true }).fill('kim at clinic');
    await panel.getByRole('button', { name: 'Save the monitoring form' }).click();
    await expect
      .poll(() => panel.getByRole('alert').textContent())
      .toBe('Enter the email address as name@example.org.');
    await panel.getByLabel("Monitoring provider's email", { exact: true }).fill('kim@gardenclinic.example');
    await panel.getByRole('button', { name: 'Save the monitoring form' }).click();
    await expect.poll(() => row('Sex').textContent()).toMatch(/female · Sam|female · Dr Kim/);

    // Sedation answered "no" against the record: the room asks why, and says the record's sentence when no note is given.
    await panel.getByLabel('Did the patient experience sedation?', { exact: true }).selectOption('no');
    const why = panel.getByLabel(
      /^Why does "Did the patient experience sedation\?" differ from the record \(sedation \(MOAA\/S 2 at \d\d:\d\d\)\)\?$/,
    );
    await why.waitFor();
    await panel.getByRole('button', { name: 'Save the monitoring form' }).click();
    await expect
      .poll(() => panel.getByRole('alert').textContent())
      .toMatch(
        /^The record shows sedation \(MOAA\/S 2 at \d\d:\d\d\): answer yes, or have a clinician sign a note saying why not\.$/,
      );
    await why.fill('scored during natural sleep; woke fully to voice');
    await panel.getByRole('button', { name: 'Save the monitoring form' }).click();
    await signInPage(page, 'Dr Kim');
    await expect
      .poll(() => row('Did the patient experience sedation?').textContent())
      .toMatch(/no · Dr Kim: scored during natural sleep; woke fully to voice · the record shows sedation \(MOAA\/S 2/);
    expect(await axeBothPalettes(page)).toEqual([]);
    const events = (await host.value('getSession', { sessionId })).events;
    expect(events.at(-1)).toMatchObject({
      kind: 'rems_answers',
      author: 'Dr Kim',
      payload: {
        answers: { sedation: 'no', reasons: { sedation: 'scored during natural sleep; woke fully to voice' } },
      },
    });
    await page.close();
  });

  it("prints every field of the current form with its value; a correction after discharge prints beside the value the form was fixed with; filed from the history, with the room's line of forms due", async () => {
    const host = await newHost();
    const call: typeof host.value = (method, args) => host.value(method, args);
    const first = await sedatedSpravato(host, 'SP-71');
    await call('answerRems', {
      sessionId: first.sessionId,
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      answers: { ...REMS_ASKED, opioids: 'yes', sedation: 'yes', dissociation: 'no', seriousAdverseEvents: 'none' },
    });
    await host.advanceClock(11 * MIN);
    await call('discharge', { sessionId: first.sessionId, ...sign('Dr Kim') });
    // After the discharge, the 40-minute BP is corrected: 176/104 was typed from the wrong line.
    await host.advanceClock(30 * MIN);
    await call('amendEntry', {
      sessionId: first.sessionId,
      targetSeq: first.bp40,
      action: 'correct',
      reason: 'typed from the wrong line of the strip',
      replacement: { systolic: 136, diastolic: 84, heartRate: 84, spo2: 94, respiratoryRate: 13 },
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    // A second Spravato session the same day, discharged, its form still to file.
    const second = await sedatedSpravato(host, 'SP-72');
    await call('answerRems', {
      sessionId: second.sessionId,
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      answers: { ...REMS_ASKED, sedation: 'yes', dissociation: 'no' },
    });
    await host.advanceClock(11 * MIN);
    await call('discharge', { sessionId: second.sessionId, ...sign('Dr Kim') });

    // Five days on: two days left for both; the room says so on one quiet line.
    await host.advanceClock(5 * DAY);
    const page = await openRoom(host);
    const dueLine = page.getByRole('status', { name: 'REMS forms due' });
    // The days left count in calendar days of the clinic's zone: the sessions may have run past midnight.
    const [status] = await call('listRemsForms', { sessionIds: [first.sessionId] });
    const left = daysLeftText(daysBetween(zonedDate((await call('getRoom', {})).now, 'UTC'), status!.dueDate));
    expect(left).toMatch(/^[12] days? left$/);
    await expect
      .poll(() => dueLine.textContent())
      .toMatch(
        new RegExp(
          `^REMS monitoring forms to file: SP-72 \\(\\d\\d/\\d\\d/\\d{4}\\): due \\d\\d/\\d\\d/\\d{4}, ${left}; SP-71 \\(\\d\\d/\\d\\d/\\d{4}\\): due \\d\\d/\\d\\d/\\d{4}, ${left}\\.$`,
        ),
      );

    // The history: each Spravato session's form state and days left; SP-71 marked filed by fax.
    await page.getByRole('button', { name: 'Session history' }).click();
    const sessions = page.getByRole('table', { name: 'Past sessions' });
    const rowOf = (ref: string) => sessions.getByRole('row').filter({ hasText: ref });
    await expect
      .poll(() => rowOf('SP-71').textContent())
      .toContain(`Complete: to file, due ${usDate(status!.dueDate)}, ${left}`);
    const treatment = usDate(
      zonedDate(
        (await call('getSession', { sessionId: first.sessionId })).events.find((e) => e.kind === 'dose')!.occurredAt,
        'UTC',
      ),
    );
    await rowOf('SP-71')
      .getByRole('button', { name: `Mark filed: the REMS form of SP-71, ${treatment}` })
      .click();
    const filing = page.getByRole('form', { name: `Filing the REMS form of SP-71, ${treatment}` });
    expect(await axeBothPalettes(page)).toEqual([]);
    await filing.getByLabel('How').selectOption('fax');
    await filing.getByLabel('Filed on').fill('2000-01-01');
    await filing.getByRole('button', { name: 'Save: filed' }).click();
    await expect
      .poll(() => filing.getByRole('alert').textContent())
      .toMatch(/^The filing date 01\/01\/2000 is before the treatment date \d\d\/\d\d\/\d{4}: check the date\.$/);
    const today = usDate(zonedDate((await call('getRoom', {})).now, 'UTC'));
    const [m, d, y] = today.split('/');
    await filing.getByLabel('Filed on').fill(`${y}-${m}-${d}`);
    await filing.getByRole('button', { name: 'Save: filed' }).click();
    await expect
      .poll(() => rowOf('SP-71').textContent())
      .toMatch(new RegExp(`Filed ${today.replace(/\//g, '\\/')} by fax \\((Dr Kim|Sam)\\)`));
    await expect.poll(() => dueLine.textContent()).toMatch(/^REMS monitoring form to file: SP-72 \(/);

    // The report's REMS page, printed: every field of the current form, with its value.
    await rowOf('SP-71')
      .getByRole('button', { name: /^Open the report of SP-71/ })
      .click();
    await page.locator('[data-report-complete="true"]').waitFor();
    const pdfFile = path.join(tempDataDir('room-pdf-'), 'report.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdfFile, format: 'A4', printBackground: true });
    const pages = execFileSync('pdftotext', ['-raw', pdfFile, '-'], { encoding: 'utf8' }).split('\f');
    const formPage = pages.findIndex((p) => p.includes('SPRAVATO® REMS Patient Monitoring Form'));
    expect(formPage).toBeGreaterThan(0);
    const text = squash(pages.slice(formPage).join('\n'));

    const view = await call('getSession', { sessionId: first.sessionId });
    const settings = (await call('getRoom', {})).settings;
    const form = buildReport(view.events, (await call('getRoom', {})).now, reportOptions(settings)).rems!;
    expect(form.fields.map((f) => f.id)).toEqual([
      'patient',
      'patientBirthDate',
      'patientSex',
      'firstTreatment',
      'enrolledInRems',
      'benzodiazepines',
      'nonBenzodiazepineSleepAids',
      'psychostimulants',
      'maois',
      'opioids',
      'monitoringProvider',
      'monitoringProviderPhone',
      'monitoringProviderEmail',
      'settingName',
      'settingAddress',
      'date',
      'dose',
      'totalMinutes',
      'readyToLeaveAfterMin',
      'vitalsAcceptablePreDose',
      'vitalsAcceptableBeforeEnd',
      'bpPre',
      'bp40',
      'bpEnd',
      'pulseOximetry',
      'sedation',
      'dissociation',
      'respiratoryDepression',
      'seriousAdverseEvents',
    ]);
    for (const f of form.fields) {
      expect(f.value, f.id).not.toBeNull();
      // Each field prints as its label and then its value, in one row of the form.
      expect(text, f.id).toContain(squash(`${f.label} ${f.value}`));
    }
    expect(text).toContain('Birthdate (MM/DD/YYYY) 03/09/1984');
    expect(text).toContain('Sex female');
    expect(text).toContain('Concomitant opioids yes answered by Dr Kim');
    expect(text).toContain("Monitoring provider's telephone 555-0142");
    expect(text).toContain("Monitoring provider's email kim@gardenclinic.example");
    expect(text).toContain("Healthcare setting name Garden Clinic from the clinic's settings");
    expect(text).toContain('Healthcare setting address 12 Elm Street, Suite 4, Springfield, IL 62701');
    expect(text).toContain('Patient enrolled in the SPRAVATO® REMS yes from the record');
    expect(text).toMatch(
      /Pulse oximetry during monitoring lowest SpO2 94% at \d\d:\d\d \(2 readings, \d\d:\d\d to \d\d:\d\d\) from the record/,
    );
    expect(text).toMatch(
      /Without the 2-hour minimum, ready to leave at \(minutes from the start of administration\) 110 \(every other discharge condition held at \d\d:\d\d\) from the record/,
    );
    expect(text).toContain('Serious adverse events none answered by Dr Kim');
    expect(text).toMatch(
      /Did the patient experience sedation\? yes answered by Dr Kim; the record shows sedation \(MOAA\/S 2 at \d\d:\d\d\)/,
    );
    // Fixed at the discharge: the 40-minute BP prints as it was then, the correction beside it with who, when and why.
    expect(text).toMatch(
      /BP 40 minutes post-administration 176\/104 mmHg at (\d\d:\d\d) from the record 176\/104 mmHg at \1, Sam ADDENDUM \d\d\/\d\d\/\d{4} \d\d:\d\d, Dr Kim \(clinician\): corrected an entry it was read from; now 136\/84 mmHg at \1\. Reason: typed from the wrong line of the strip/,
    );
    expect(text).toContain('Fixed at the end of monitoring: later changes are printed as addenda beside the values.');
    // The correction changed nothing else the form reads (the same SpO2 and respiratory rate): no addendum there.
    expect(text.match(/ADDENDUM/g)).toHaveLength(1);
    expect(text).toMatch(new RegExp(`Filed ${today.replace(/\//g, '\\/')} by fax, marked by (Dr Kim|Sam) at`));
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  });

  it("the admin enters the healthcare setting on the settings screen; the room's form names it", async () => {
    const host = await startHostProcess(tempDataDir());
    rooms.hosts.push(host);
    const page = await openRoom(host);
    await page.getByRole('button', { name: 'Admin' }).click();
    await page.getByLabel('New admin PIN', { exact: true }).fill('2468');
    await page.getByLabel('New admin PIN again').fill('2468');
    await page.getByRole('button', { name: 'Set PIN and open admin' }).click();
    const section = page.getByRole('group', { name: 'Exports and the REMS form' });
    await section.waitFor();
    const setting = section.getByRole('group', { name: 'Healthcare setting on the REMS form' });
    await setting.getByLabel('Healthcare setting name (REMS form)').fill('Garden Clinic');
    await setting.getByLabel('Setting address line 1').fill('12 Elm Street');
    await setting.getByLabel('Setting city').fill('Springfield');
    await setting.getByLabel('Setting state').fill('IL');
    await setting.getByLabel('Setting ZIP code').fill('6270');
    await section.getByRole('button', { name: 'Save exports and the rems form' }).click();
    await expect
      .poll(() => section.getByRole('alert').textContent())
      .toMatch(/A ZIP code is 5 digits, or 5 and 4 \(12345-6789\)\./);
    await setting.getByLabel('Setting ZIP code').fill('62701');
    await section.getByRole('button', { name: 'Save exports and the rems form' }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toBe('Exports and the REMS form: saved.');
    expect((await host.value('getRoom', {})).settings.remsSetting).toEqual({
      name: 'Garden Clinic',
      address1: '12 Elm Street',
      address2: '',
      city: 'Springfield',
      state: 'IL',
      zip: '62701',
    });
    await page.close();
  });
});
