import { beforeEach, describe, expect, it } from 'vitest';
import type { RemsForm } from '../../main/core/pure/rules/rems';
import { buildReport, reportOptions } from '../../main/core/pure/report/model';
import { MIN, T0, testRoom } from '../support/room';
import { sign } from '../support/staff';
import { REMS_ASKED, TREATMENT_SETTING } from '../support/rems';

/**
 * The SPRAVATO® REMS Patient Monitoring Form as the REMS's current form asks it, through the bridge on the test clock:
 * each refusal with its sentence and the safe case beside it. dosedSession: baseline at 09:05, device 1 at 09:10 (UTC).
 */
let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
  t.room.settings.update({ clinicTimeZone: 'UTC' });
});
const formOf = (id: string): RemsForm =>
  buildReport(t.room.sessions.events(id), t.clock.now(), reportOptions(t.room.settings.get())).rems!;
const fieldOf = (form: RemsForm, id: string) => form.fields.find((f) => f.id === id)!;
const refusal = async (method: 'answerRems' | 'discharge' | 'markRemsFiled' | 'closeSession', args: unknown) => {
  const env = await t.call(method, args as never);
  expect(env.ok).toBe(false);
  return env.ok ? '' : env.error.message;
};
/** Everything the form asks of a clinic for a sedated patient whose dissociation was attested resolved. */
const SEDATED = { ...REMS_ASKED, sedation: 'yes', dissociation: 'no' } as const;
const answer = (sessionId: string, answers: Record<string, unknown>, signer = 'Dr Kim') =>
  t.call('answerRems', { sessionId, author: signer, ...sign(signer), answers });

/** A Spravato session with a MOAA/S 2 (acknowledged) and BP 176/104 at +40, everything for discharge recorded at +110 (11:00). */
async function sedatedSession(): Promise<{ id: string; bp40: number }> {
  const id = await t.dosedSession('spravato', 56);
  t.clock.advance(40 * MIN); // 09:50
  const bp40 = await t.ok('recordVitals', {
    sessionId: id,
    values: { systolic: 176, diastolic: 104, heartRate: 82, spo2: 95, respiratoryRate: 14 },
    author: 'Sam',
  });
  const drowsy = await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 2 }, author: 'Sam' });
  await t.ok('acknowledgeAlert', {
    sessionId: id,
    targetSeq: drowsy.seq,
    signal: 'moaas',
    author: 'Dr Kim',
    ...sign('Dr Kim'),
    note: 'roused with a shoulder shake, airway clear',
  });
  t.clock.advance(70 * MIN); // 11:00
  await t.readyButTime(id);
  return { id, bp40: bp40.seq };
}

describe('the fields the current form asks', () => {
  it("the patient, first treatment, enrolment, opioids, the provider's telephone and email, the setting, the pulse oximetry and serious adverse events: asked, or read from the record and the settings", async () => {
    const id = await t.dosedSession('spravato', 56);
    t.clock.advance(20 * MIN);
    await t.ok('recordVitals', {
      sessionId: id,
      values: { heartRate: 74, spo2: 93, respiratoryRate: 13 },
      author: 'Sam',
    }); // 09:30
    t.clock.advance(30 * MIN);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 138, diastolic: 86, spo2: 97 }, author: 'Sam' }); // 10:00
    let form = formOf(id);
    expect(form.missing).toEqual(
      expect.arrayContaining([
        'answer "Birthdate (MM/DD/YYYY)"',
        'answer "Sex"',
        'answer "Is this the patient\'s first treatment?"',
        'answer "Concomitant opioids"',
        'answer "Monitoring provider\'s telephone"',
        'answer "Monitoring provider\'s email"',
        'answer "Serious adverse events"',
      ]),
    );
    // Read from the record: the REMS enrolment (the day-of checklist), the pulse oximetry (lowest SpO2 and when).
    expect(fieldOf(form, 'enrolledInRems')).toMatchObject({ value: 'yes', source: 'record', record: { value: 'yes' } });
    expect(fieldOf(form, 'pulseOximetry')).toMatchObject({
      value: 'lowest SpO2 93% at 09:30 (2 readings, 09:30 to 10:00)',
      source: 'record',
    });
    expect(fieldOf(form, 'pulseOximetry').evidence.map((e) => e.text)).toEqual([
      'SpO2 93% at 09:30',
      'SpO2 97% at 10:00',
    ]);
    // The setting, from the clinic's settings.
    expect(fieldOf(form, 'settingName')).toMatchObject({ value: 'Garden Clinic', source: 'settings' });
    expect(fieldOf(form, 'settingAddress')).toMatchObject({
      value: '12 Elm Street, Suite 4, Springfield, IL 62701',
      source: 'settings',
    });
    expect(fieldOf(form, 'patient')).toMatchObject({ value: 'AB-1024', source: 'record' });

    // Bad input gets its sentence; nothing is written.
    const before = t.room.sessions.events(id).length;
    expect(
      await refusal('answerRems', { sessionId: id, author: 'Sam', answers: { patientBirthDate: '02/30/1984' } }),
    ).toBe("Enter the patient's date of birth as a date (MM/DD/YYYY).");
    expect(
      await refusal('answerRems', { sessionId: id, author: 'Sam', answers: { patientBirthDate: '2031-01-05' } }),
    ).toBe('The date of birth 01/05/2031 is after the treatment date: check the year.');
    expect(await refusal('answerRems', { sessionId: id, author: 'Sam', answers: { patientSex: 'unknown' } })).toBe(
      'Choose the sex as the form asks it: female, male or other.',
    );
    expect(
      await refusal('answerRems', {
        sessionId: id,
        author: 'Sam',
        answers: { monitoringProviderEmail: 'kim at clinic' },
      }),
    ).toBe('Enter the email address as name@example.org.');
    expect(
      await refusal('answerRems', {
        sessionId: id,
        author: 'Sam',
        answers: { monitoringProviderPhone: 'call reception' },
      }),
    ).toBe('The telephone number can hold digits, spaces, + ( ) - . and "ext" only.');
    expect(
      await refusal('answerRems', {
        sessionId: id,
        author: 'Sam',
        answers: { notObtained: [{ field: 'enrolledInRems', reason: 'not asked' }] },
      }),
    ).toBe(
      'The record answers "Patient enrolled in the SPRAVATO® REMS": it shows the patient enrolled in the REMS (day-of checklist "yes" by Sam at 09:00). "Not obtained" is for a field the record cannot fill.',
    );
    expect(
      await refusal('answerRems', {
        sessionId: id,
        author: 'Sam',
        answers: { notObtained: [{ field: 'settingName', reason: 'unknown' }] },
      }),
    ).toBe(
      '"Healthcare setting name" is filled from the clinic\'s settings (Garden Clinic): "not obtained" is for a field with no value.',
    );
    // Serious adverse events are a clinician's judgement: signed.
    expect(
      await t.call('answerRems', { sessionId: id, author: 'Sam', answers: { seriousAdverseEvents: 'none' } }),
    ).toMatchObject({ ok: false, error: { code: 'signature_needed' } });
    expect(t.room.sessions.events(id)).toHaveLength(before);

    // The safe case: the patient's details by whoever records (a US date taken as typed), the clinical answers signed.
    await t.ok('answerRems', {
      sessionId: id,
      author: 'Sam',
      answers: {
        patientBirthDate: '03/09/1984',
        patientSex: 'female',
        firstTreatment: 'yes',
        opioids: 'no',
        monitoringProviderPhone: '555-0142',
        monitoringProviderEmail: 'kim@gardenclinic.example',
      },
    });
    await answer(id, { seriousAdverseEvents: 'none' });
    form = formOf(id);
    expect(fieldOf(form, 'patientBirthDate')).toMatchObject({ value: '03/09/1984', source: 'answer', by: 'Sam' });
    expect(t.room.state(id).discharge.rems.patientBirthDate).toMatchObject({ value: '1984-03-09' });
    expect(fieldOf(form, 'firstTreatment')).toMatchObject({ value: 'yes', by: 'Sam' });
    expect(fieldOf(form, 'seriousAdverseEvents')).toMatchObject({ value: 'none', by: 'Dr Kim' });
    expect(t.room.sessions.events(id).at(-1)).toMatchObject({
      kind: 'rems_answers',
      author: 'Dr Kim',
      payload: { signature: { name: 'Dr Kim', role: 'clinician' } },
    });
  });

  it('a room whose admin has not entered the setting names it as missing, with where to enter it; once entered, the form has it', async () => {
    t = testRoom({ remsSetting: null });
    const id = await t.dosedSession('spravato', 56);
    expect(formOf(id).missing).toEqual(
      expect.arrayContaining([
        "the treatment setting's name (Admin, Settings: Exports and the REMS form)",
        "the treatment setting's address (street, city, state and ZIP) (Admin, Settings: Exports and the REMS form)",
      ]),
    );
    expect(() => t.room.settings.update({ remsSetting: { ...TREATMENT_SETTING, zip: 'six' } })).toThrow(
      /A ZIP code is 5 digits, or 5 and 4 \(12345-6789\)\./,
    );
    expect(t.room.settings.get().remsSetting.name).toBe('');
    t.room.settings.update({ remsSetting: TREATMENT_SETTING });
    expect(fieldOf(formOf(id), 'settingName').value).toBe('Garden Clinic');
  });
});

describe('answers never contradict the record', () => {
  it('MOAA/S 2 after the dose: "sedation: no" is refused with the record\'s sentence; "sedation: yes" completes the form and the patient is discharged', async () => {
    const { id } = await sedatedSession();
    expect(
      await refusal('answerRems', {
        sessionId: id,
        author: 'Dr Kim',
        ...sign('Dr Kim'),
        answers: { ...REMS_ASKED, sedation: 'no' },
      }),
    ).toBe(
      'The record shows sedation (MOAA/S 2 at 09:50): answer yes, or have a clinician sign a note saying why not.',
    );
    expect(t.room.state(id).discharge.rems).toEqual({});
    await t.ok('answerRems', { sessionId: id, author: 'Dr Kim', ...sign('Dr Kim'), answers: SEDATED });
    const form = formOf(id);
    expect(fieldOf(form, 'sedation')).toMatchObject({
      value: 'yes',
      source: 'answer',
      record: { value: 'yes', shows: 'sedation (MOAA/S 2 at 09:50)' },
    });
    expect(form).toMatchObject({ complete: true, missing: [] });
    t.clock.advance(11 * MIN);
    expect((await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).ok).toBe(true);
  });

  it("an answer different from the record stands with a clinician's signed note saying why", async () => {
    const { id } = await sedatedSession();
    await t.ok('answerRems', {
      sessionId: id,
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      answers: {
        ...SEDATED,
        sedation: 'no',
        reasons: { sedation: 'the MOAA/S 2 was scored in natural sleep; woke fully to voice' },
      },
    });
    expect(fieldOf(formOf(id), 'sedation')).toMatchObject({
      value: 'no',
      source: 'answer',
      by: 'Dr Kim',
      reason: 'the MOAA/S 2 was scored in natural sleep; woke fully to voice',
      missing: null,
    });
    expect(formOf(id).complete).toBe(true);
    // A note needs its answer.
    expect(
      await refusal('answerRems', {
        sessionId: id,
        author: 'Dr Kim',
        ...sign('Dr Kim'),
        answers: { reasons: { dissociation: 'why' } },
      }),
    ).toBe('Answer at least one field of the monitoring form.');
  });

  it('dissociation from every attestation (the fold keeps only the latest) and respiratory depression from SpO2 below 90 % or a respiratory rate below 10', async () => {
    const id = await t.dosedSession('spravato', 56);
    t.clock.advance(30 * MIN); // 09:40
    await t.ok('attest', { sessionId: id, item: 'dissociation', answer: 'moderate', author: 'Dr Kim' });
    await t.ok('recordVitals', { sessionId: id, values: { spo2: 96, respiratoryRate: 8 }, author: 'Sam' });
    t.clock.advance(60 * MIN); // 10:40
    await t.ok('attest', { sessionId: id, item: 'dissociation', answer: 'resolved', author: 'Dr Kim' });
    const form = formOf(id);
    expect(fieldOf(form, 'dissociation')).toMatchObject({ value: 'yes (attested "moderate")', source: 'record' });
    expect(fieldOf(form, 'dissociation').evidence.map((e) => e.text)).toEqual([
      'Dissociation attested "moderate" at 09:40',
      'Dissociation attested "resolved" at 10:40',
    ]);
    expect(fieldOf(form, 'respiratoryDepression')).toMatchObject({
      value: 'yes (respiratory rate 8 at 09:40)',
      source: 'record',
    });
    expect(
      await refusal('answerRems', {
        sessionId: id,
        author: 'Dr Kim',
        ...sign('Dr Kim'),
        answers: { dissociation: 'no' },
      }),
    ).toBe(
      'The record shows dissociation (attested "moderate" at 09:40): answer yes, or have a clinician sign a note saying why not.',
    );
    expect(
      await refusal('answerRems', {
        sessionId: id,
        author: 'Dr Kim',
        ...sign('Dr Kim'),
        answers: { respiratoryDepression: 'no' },
      }),
    ).toBe(
      'The record shows respiratory depression (respiratory rate 8 at 09:40): answer yes, or have a clinician sign a note saying why not.',
    );
    expect((await answer(id, { dissociation: 'yes', respiratoryDepression: 'yes' })).ok).toBe(true);
  });

  it('an answer given before the record said otherwise holds the discharge, naming the contradiction, until it is answered again', async () => {
    const id = await t.dosedSession('spravato', 56);
    await answer(id, { ...SEDATED, sedation: 'no' }); // nothing scored yet: no record to contradict
    t.clock.advance(40 * MIN);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 150, diastolic: 92 }, author: 'Sam' });
    const drowsy = await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 3 }, author: 'Sam' });
    await t.ok('acknowledgeAlert', {
      sessionId: id,
      targetSeq: drowsy.seq,
      signal: 'moaas',
      author: 'Sam',
      note: 'roused to a loud voice',
    });
    t.clock.advance(70 * MIN);
    await t.readyButTime(id);
    t.clock.advance(11 * MIN);
    expect(await refusal('discharge', { sessionId: id, ...sign('Dr Kim') })).toBe(
      'The patient cannot be discharged yet. Still missing: the REMS form: "Did the patient experience sedation?" is answered otherwise, while the record shows sedation (MOAA/S 3 at 09:50): answer yes, or have a clinician sign a note saying why not.',
    );
    await answer(id, { sedation: 'yes' });
    expect((await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).ok).toBe(true);
  });
});

describe('"ready to leave without the 2-hour minimum" is read from the record', () => {
  it('the first moment every other discharge condition held, with that evidence; a different answer needs its reason', async () => {
    const { id } = await sedatedSession();
    let field = fieldOf(formOf(id), 'readyToLeaveAfterMin');
    // Everything but the time held at 11:00, 110 minutes after the device.
    expect(field).toMatchObject({
      value: '110 (every other discharge condition held at 11:00)',
      source: 'record',
      record: { value: '110' },
    });
    expect(field.evidence.map((e) => e.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^MOAA\/S 5: latest MOAA\/S 5 at \d\d:\d\d by Sam$/),
        expect.stringMatching(/^Driver or escort physically present: Pat Lee \(partner\)/),
        expect.stringMatching(/^Dissociation resolved: resolved, attested by Dr Kim/),
      ]),
    );
    expect(field.evidence.some((e) => /Minimum time since the last dose/.test(e.text))).toBe(false);

    expect(
      await refusal('answerRems', {
        sessionId: id,
        author: 'Dr Kim',
        ...sign('Dr Kim'),
        answers: { readyToLeaveAfterMin: 90 },
      }),
    ).toBe(
      'The record shows the patient ready to leave at 110 minutes (every other discharge condition held at 11:00): answer 110 minutes, or have a clinician sign a note saying why not.',
    );
    await answer(id, {
      readyToLeaveAfterMin: 90,
      reasons: { readyToLeaveAfterMin: 'steady and oriented at 90 minutes; the driver arrived late' },
    });
    field = fieldOf(formOf(id), 'readyToLeaveAfterMin');
    expect(field).toMatchObject({
      value: '90',
      source: 'answer',
      by: 'Dr Kim',
      reason: 'steady and oriented at 90 minutes; the driver arrived late',
      missing: null,
    });
  });

  it('never read while some other condition has not yet held: asked, and refused nothing', async () => {
    const id = await t.dosedSession('spravato', 56);
    t.clock.advance(60 * MIN);
    expect(fieldOf(formOf(id), 'readyToLeaveAfterMin')).toMatchObject({
      value: null,
      missing: 'answer "Without the 2-hour minimum, ready to leave at (minutes from the start of administration)"',
    });
  });
});

describe('a Spravato discharge waits for dissociation resolved', () => {
  it('"minimal" is refused with a sentence naming it; "resolved" discharges. On another route "minimal" is enough', async () => {
    const { id } = await sedatedSession();
    await t.ok('attest', { sessionId: id, item: 'dissociation', answer: 'minimal', author: 'Dr Kim' });
    await answer(id, { ...SEDATED, dissociation: 'yes' });
    t.clock.advance(11 * MIN);
    expect(await refusal('discharge', { sessionId: id, ...sign('Dr Kim') })).toBe(
      // Not resolved, the patient was never ready to leave: the form cannot say when yet either.
      'The patient cannot be discharged yet. Still missing: dissociation resolved (attested "minimal": the REMS monitors until it has resolved); and the REMS form: answer "Without the 2-hour minimum, ready to leave at (minutes from the start of administration)".',
    );
    await t.ok('attest', { sessionId: id, item: 'dissociation', answer: 'resolved', author: 'Dr Kim' });
    expect((await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).ok).toBe(true);

    const im = await t.dosedSession('im', 60);
    t.clock.advance(95 * MIN);
    await t.readyButTime(im);
    await t.ok('attest', { sessionId: im, item: 'dissociation', answer: 'minimal', author: 'Dr Kim' });
    t.clock.advance(1 * MIN);
    expect((await t.call('discharge', { sessionId: im, ...sign('Dr Kim') })).ok).toBe(true);
  });
});

describe('the form is fixed at the end of monitoring; what comes after is an addendum', () => {
  it('a 40-minute BP corrected after discharge from 176/104 to 136/84: the form still says 176/104, with the correction beside it (who, when, why)', async () => {
    const { id, bp40 } = await sedatedSession();
    await answer(id, SEDATED);
    t.clock.advance(11 * MIN); // 11:11
    await t.ok('discharge', { sessionId: id, ...sign('Dr Kim') });
    expect(fieldOf(formOf(id), 'bp40')).toMatchObject({ value: '176/104 mmHg at 09:50', addenda: [] });

    t.clock.advance(49 * MIN); // 12:00
    await t.ok('amendEntry', {
      sessionId: id,
      targetSeq: bp40,
      action: 'correct',
      reason: 'typed from the wrong line of the monitor strip',
      replacement: { systolic: 136, diastolic: 84, heartRate: 82, spo2: 95, respiratoryRate: 14 },
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    const form = formOf(id);
    expect(form).toMatchObject({ fixed: true, complete: true, endAt: T0 + 131 * MIN });
    expect(fieldOf(form, 'bp40')).toMatchObject({
      value: '176/104 mmHg at 09:50',
      addenda: [
        {
          by: 'Dr Kim',
          role: 'clinician',
          at: T0 + 180 * MIN,
          reason: 'typed from the wrong line of the monitor strip',
          what: 'corrected an entry it was read from',
          value: '136/84 mmHg at 09:50',
        },
      ],
    });
    // The room's own record carries the correction; the form as filed does not change under it.
    expect(t.room.state(id).entries.find((e) => e.corrects === bp40)).toMatchObject({
      payload: { values: { systolic: 136, diastolic: 84 } },
    });
    expect(fieldOf(form, 'totalMinutes').value).toBe('121');
  });

  it('after the end an answer is changed only with its reason, shown beside the answer it changes; new observations stay refused', async () => {
    const { id } = await sedatedSession();
    await answer(id, SEDATED);
    t.clock.advance(11 * MIN);
    await t.ok('discharge', { sessionId: id, ...sign('Dr Kim') });
    t.clock.advance(60 * MIN);
    expect(await refusal('answerRems', { sessionId: id, author: 'Sam', answers: { opioids: 'yes' } })).toBe(
      'The form was fixed at the end of monitoring with "Concomitant opioids" "no": a change now is an addendum beside it. Say why it changes.',
    );
    await t.ok('answerRems', {
      sessionId: id,
      author: 'Sam',
      answers: { opioids: 'yes', reasons: { opioids: 'pharmacy list shows tramadol, missed at intake' } },
    });
    expect(fieldOf(formOf(id), 'opioids')).toMatchObject({
      value: 'no',
      addenda: [
        {
          by: 'Sam',
          role: 'sitter',
          reason: 'pharmacy list shows tramadol, missed at intake',
          what: 'answered again',
          value: 'yes',
        },
      ],
    });
    expect(
      await t.call('recordVitals', { sessionId: id, values: { systolic: 120, diastolic: 80 }, author: 'Sam' }),
    ).toMatchObject({ ok: false, error: { code: 'session_closed' } });
  });

  it('left against advice: the form is read at the departure, answered after it (marked so), and the session closes once it is complete', async () => {
    const id = await t.dosedSession('spravato', 56);
    t.clock.advance(30 * MIN);
    await t.ok('recordVitals', { sessionId: id, values: { spo2: 97, respiratoryRate: 15 }, author: 'Sam' });
    await t.ok('recordLeftAgainstAdvice', {
      sessionId: id,
      reason: 'Refused to stay',
      actions: ['risks_explained'],
      ...sign('Dr Kim'),
    }); // 09:40
    t.clock.advance(30 * MIN);
    await answer(id, {
      ...REMS_ASKED,
      vitalsAcceptableBeforeEnd: 'no',
      notObtained: [
        { field: 'bp40', reason: 'left before 40 minutes' },
        { field: 'bpEnd', reason: 'left before a final reading' },
        { field: 'readyToLeaveAfterMin', reason: 'left against advice' },
        { field: 'sedation', reason: 'left before a MOAA/S' },
        { field: 'dissociation', reason: 'left before an assessment' },
      ],
    });
    const form = formOf(id);
    expect(form).toMatchObject({ fixed: true, complete: true, endAt: T0 + 40 * MIN });
    expect(fieldOf(form, 'opioids')).toMatchObject({ value: 'no', afterEnd: { by: 'Dr Kim', at: T0 + 70 * MIN } });
    expect(fieldOf(form, 'respiratoryDepression')).toMatchObject({
      value: 'no (lowest SpO2 97%, lowest respiratory rate 15)',
      source: 'record',
    });
    // The record's own answer, confirmed after the end, needs no reason; another one does.
    expect((await answer(id, { respiratoryDepression: 'no' })).ok).toBe(true);
    expect(
      await refusal('answerRems', {
        sessionId: id,
        author: 'Dr Kim',
        ...sign('Dr Kim'),
        answers: { firstTreatment: 'yes' },
      }),
    ).toBe(
      'The form was fixed at the end of monitoring with "Is this the patient\'s first treatment?" "no": a change now is an addendum beside it. Say why it changes.',
    );
    expect((await t.call('closeSession', { sessionId: id, author: 'Dr Kim' })).ok).toBe(true);
  });
});

describe('filing the form with the REMS within 7 days', () => {
  it("marked filed (the date, online or fax) by the person recording, after the end of monitoring, once complete; each form's state and days left", async () => {
    const { id } = await sedatedSession();
    expect(await refusal('markRemsFiled', { sessionId: id, author: 'Sam', filedOn: '2026-11-22', method: 'fax' })).toBe(
      'The form is filed once monitoring has ended: discharge the patient, or record that they left, first.',
    );
    await answer(id, SEDATED);
    t.clock.advance(11 * MIN);
    await t.ok('discharge', { sessionId: id, ...sign('Dr Kim') });

    // A second session, left against advice with its form still missing answers.
    t.clock.advance(60 * MIN);
    const open = await t.dosedSession('spravato', 56);
    t.clock.advance(10 * MIN);
    await t.ok('recordLeftAgainstAdvice', {
      sessionId: open,
      reason: 'Refused to stay',
      actions: ['risks_explained'],
      ...sign('Dr Kim'),
    });

    let list = await t.ok('listRemsForms', {});
    expect(list.map((s) => [s.sessionId, s.state, s.treatmentDate, s.dueDate, s.daysLeft, s.ended])).toEqual([
      [open, 'missing', '2026-11-22', '2026-11-29', 7, true],
      [id, 'complete', '2026-11-22', '2026-11-29', 7, true],
    ]);
    expect(list[0]!.missing).toEqual(expect.arrayContaining(['answer "Concomitant opioids"']));
    expect(
      await refusal('markRemsFiled', { sessionId: open, author: 'Sam', filedOn: '2026-11-22', method: 'online' }),
    ).toMatch(
      /^The form cannot be marked filed while it still misses: .*answer "Concomitant opioids".*\. Complete it first\.$/,
    );

    expect(await refusal('markRemsFiled', { sessionId: id, author: 'Sam', filedOn: '2026-11-23', method: 'fax' })).toBe(
      'The filing date 11/23/2026 is after today (11/22/2026): enter the date it was filed.',
    );
    expect(await refusal('markRemsFiled', { sessionId: id, author: 'Sam', filedOn: '2026-11-21', method: 'fax' })).toBe(
      'The filing date 11/21/2026 is before the treatment date 11/22/2026: check the date.',
    );
    expect(await refusal('markRemsFiled', { sessionId: id, author: 'Sam', filedOn: 'yesterday', method: 'fax' })).toBe(
      'Enter the date the form was filed as a date (MM/DD/YYYY).',
    );
    expect(
      await refusal('markRemsFiled', { sessionId: id, author: 'Sam', filedOn: '2026-11-22', method: 'post' }),
    ).toBe('Say how the form was filed: online or by fax.');
    // The session is closed: the filing is an addendum it still takes, recorded as the person recording.
    const filed = await t.ok('markRemsFiled', { sessionId: id, author: 'Sam', filedOn: '11/22/2026', method: 'fax' });
    expect(filed).toMatchObject({
      kind: 'rems_filed',
      author: 'Sam',
      authorRole: 'sitter',
      payload: { filedOn: '2026-11-22', method: 'fax' },
    });
    expect(formOf(id).filings).toEqual([
      { seq: filed.seq, filedOn: '2026-11-22', method: 'fax', by: 'Sam', at: t.clock.now() },
    ]);

    // Six days later: one day left for the form still to file; the filed one says so.
    t.clock.advance(6 * 24 * 60 * MIN);
    list = await t.ok('listRemsForms', { sessionIds: [id, open] });
    expect(list.map((s) => [s.state, s.daysLeft, s.filed?.method ?? null])).toEqual([
      ['filed', 1, 'fax'],
      ['missing', 1, null],
    ]);
    t.clock.advance(2 * 24 * 60 * MIN);
    expect((await t.ok('listRemsForms', { sessionIds: [open] }))[0]!.daysLeft).toBe(-1);
  });

  it('is for a Spravato session with a dose: another route or no dose is refused with its sentence', async () => {
    const view = await t.ok('startSession', {
      patientRef: 'SP-9',
      presetId: 'spravato',
      plannedDoseMg: 56,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    await t.ok('closeSession', {
      sessionId: view.session.id,
      author: 'Dr Kim',
      reason: 'BP above 140/90: dose withheld',
    });
    expect(
      await refusal('markRemsFiled', {
        sessionId: view.session.id,
        author: 'Sam',
        filedOn: '2026-11-22',
        method: 'fax',
      }),
    ).toBe('No dose was given in this session: there is no REMS monitoring form to file.');
    expect(await refusal('answerRems', { sessionId: view.session.id, author: 'Sam', answers: { opioids: 'no' } })).toBe(
      'This session closed with no dose given: there is no REMS monitoring form for it.',
    );
    const im = await t.dosedSession('im', 60);
    expect(await refusal('markRemsFiled', { sessionId: im, author: 'Sam', filedOn: '2026-11-22', method: 'fax' })).toBe(
      'The REMS monitoring form is for Spravato sessions only.',
    );
    expect((await t.ok('listRemsForms', {})).map((s) => s.sessionId)).toEqual([]);
  });
});
