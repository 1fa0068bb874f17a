import { beforeEach, describe, expect, it } from 'vitest';
import { MIN, STAFF, testRoom } from '../support/room';
import { answerDayOfChecklist } from '../support/checklist';
import { openAlerts } from '../../main/core/pure/rules/open-alerts';
import { sign } from '../support/staff';

/**
 * Evidence that must not open a gate: an urgent reading corrected away, readings saved after a clinician's exception,
 * a partial pre-dose set hiding the blood pressure baseline, urgent alerts at dosing, backdated doses, struck doses,
 * and "not obtained" over a clinician's REMS answer. Each refusal with its sentence, and the safe case beside it.
 */
let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom({ staff: STAFF });
});
// A RegExp inside toMatchObject matches any string: a pattern goes through expect.stringMatching.
const refusedWith = (code: string, message: string | RegExp) => ({
  ok: false,
  error: { code, message: typeof message === 'string' ? message : expect.stringMatching(message) },
});
const FULL = { heartRate: 76, spo2: 97, respiratoryRate: 14 };
const openAlertsOf = (id: string) => openAlerts(t.room.state(id));

describe('an urgent reading corrected or struck', () => {
  it('still holds the discharge until a clinician acknowledges it with what was done; a corrected warning does not', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(30 * MIN);
    const low = await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 118, diastolic: 76, heartRate: 72, spo2: 84, respiratoryRate: 8 },
      author: 'Sam',
    });
    await t.ok('amendEntry', {
      sessionId: id,
      targetSeq: low.seq,
      action: 'correct',
      reason: 'probe slipped',
      replacement: { systolic: 118, diastolic: 76, heartRate: 72, spo2: 97, respiratoryRate: 14 },
      author: 'Sam',
      ...sign('Dr Kim'),
    });
    const high = await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 185, diastolic: 100 },
      author: 'Sam',
    });
    await t.ok('amendEntry', {
      sessionId: id,
      targetSeq: high.seq,
      action: 'strike',
      reason: 'wrong patient',
      author: 'Sam',
      ...sign('Dr Kim'),
    });
    t.clock.advance(65 * MIN);
    await t.readyButTime(id);
    expect(await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).toMatchObject(
      refusedWith(
        'discharge_not_ready',
        /Still missing: the open alert acknowledged: "SpO2 84% is below 90%" \(urgent, T\+0:30\)\.$/,
      ),
    );
    // The struck BP and the corrected respiratory rate were warnings: they are not asked for. The urgent SpO2 is a clinician's.
    expect(
      await t.call('acknowledgeAlert', {
        sessionId: id,
        targetSeq: low.seq,
        signal: 'spo2',
        author: 'Sam',
        note: 'probe re-seated',
        ...sign('Sam'),
      }),
    ).toMatchObject(refusedWith('not_permitted', /^Only a clinician may acknowledge an urgent alert/));
    await t.ok('acknowledgeAlert', {
      sessionId: id,
      targetSeq: low.seq,
      signal: 'spo2',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      note: 'probe re-seated, SpO2 97%, RR 14',
    });
    expect((await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).ok).toBe(true);
  });
});

describe("a clinician's exception for vitals out of range", () => {
  async function outOfRange(): Promise<string> {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(92 * MIN);
    await t.readyButTime(id);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 150, diastolic: 95, ...FULL }, author: 'Sam' });
    return id;
  }

  it('covers only the readings on record when it was written: a set saved after it, with an earlier time, needs a new one', async () => {
    const id = await outOfRange();
    const startedTyping = t.clock.now();
    t.clock.advance(1 * MIN);
    await t.ok('attest', {
      sessionId: id,
      item: 'vitals_exception',
      answer: 'yes',
      note: 'BP 150/95 is her usual',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    t.clock.advance(1 * MIN);
    // Typed from before the exception, saved after it.
    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 176, diastolic: 108, heartRate: 112, spo2: 96, respiratoryRate: 22 },
      occurredAt: startedTyping,
      author: 'Sam',
    });
    expect(await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).toMatchObject(
      refusedWith(
        'discharge_not_ready',
        /or a clinician's documented exception saying why discharge is safe \(the one by Dr Kim at \d\d:\d\d was written before the latest reading reached the record: document it again\)/,
      ),
    );
    await t.ok('attest', {
      sessionId: id,
      item: 'vitals_exception',
      answer: 'yes',
      note: 'Seen 176/108 and HR 112: anxious, re-measured calm at 150/95',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    expect((await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).ok).toBe(true);
  });

  it('does not cover a reading corrected after it', async () => {
    const id = await outOfRange();
    const reading = t.room.state(id).entries.at(-1)!;
    t.clock.advance(1 * MIN);
    await t.ok('attest', {
      sessionId: id,
      item: 'vitals_exception',
      answer: 'yes',
      note: 'BP 150/95 is her usual',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    t.clock.advance(1 * MIN);
    await t.ok('amendEntry', {
      sessionId: id,
      targetSeq: reading.seq,
      action: 'correct',
      reason: 'typo',
      replacement: { systolic: 178, diastolic: 108, heartRate: 118, spo2: 96, respiratoryRate: 20 },
      author: 'Sam',
      ...sign('Dr Kim'),
    });
    expect(await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).toMatchObject(
      refusedWith('discharge_not_ready', /document it again/),
    );
  });

  it('written after the last reading, it opens the discharge', async () => {
    const id = await outOfRange();
    t.clock.advance(1 * MIN);
    await t.ok('attest', {
      sessionId: id,
      item: 'vitals_exception',
      answer: 'yes',
      note: 'BP 150/95 is her usual',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    expect((await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).ok).toBe(true);
  });
});

describe('the pre-dose baseline', () => {
  async function dosedAfterOximeter(): Promise<string> {
    const view = await t.ok('startSession', {
      patientRef: 'BX-1',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    const id = view.session.id;
    await answerDayOfChecklist(t.ok, id, 'im');
    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 120, diastolic: 75, heartRate: 70, spo2: 98, respiratoryRate: 14 },
      author: 'Sam',
    });
    t.clock.advance(3 * MIN);
    // A pulse oximeter's reading after the full set: heart rate and SpO2 only.
    await t.ok('recordVitals', { sessionId: id, values: { heartRate: 72, spo2: 98 }, author: 'Sam' });
    t.clock.advance(2 * MIN);
    await t.ok('recordDose', { sessionId: id, mg: 60, booster: false, ...sign('Dr Kim') });
    t.clock.advance(92 * MIN);
    await t.readyButTime(id);
    return id;
  }

  it('keeps each value from its own latest reading: a later partial set does not hide the blood pressure baseline', async () => {
    const id = await dosedAfterOximeter();
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 172, diastolic: 104, ...FULL }, author: 'Sam' });
    expect(await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).toMatchObject(
      refusedWith(
        'discharge_not_ready',
        /systolic 172 vs baseline 120 \(\+43%\), diastolic 104 vs baseline 75 \(\+39%\)/,
      ),
    );
  });

  it('within 20% of each value, the same session is discharged', async () => {
    const id = await dosedAfterOximeter();
    expect((await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).ok).toBe(true);
  });
});

describe('dosing with an alert standing', () => {
  async function checklistDone(presetId: 'im' | 'spravato' = 'im'): Promise<string> {
    const view = await t.ok('startSession', {
      patientRef: 'DA-1',
      presetId,
      plannedDoseMg: presetId === 'spravato' ? 56 : 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    await answerDayOfChecklist(t.ok, view.session.id, presetId);
    return view.session.id;
  }

  it('the first dose waits for a clinician on an urgent BP, and for a clinician to review a BP above the dosing limit', async () => {
    const id = await checklistDone();
    const bp = await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 210, diastolic: 125, heartRate: 88 },
      author: 'Sam',
    });
    expect(
      await t.call('acknowledgeAlert', {
        sessionId: id,
        targetSeq: bp.seq,
        signal: 'pre_dose_bp',
        author: 'Sam',
        note: 'dosing',
        ...sign('Sam'),
      }),
    ).toMatchObject(
      refusedWith(
        'not_permitted',
        'Only a clinician may review a blood pressure above the dosing limit and decide to dose. Sam is on the staff list as a sitter: ask Dr Kim to sign.',
      ),
    );
    await t.ok('acknowledgeAlert', {
      sessionId: id,
      targetSeq: bp.seq,
      signal: 'pre_dose_bp',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      note: 'reviewed: re-measure after rest before dosing',
    });
    expect(await t.call('recordDose', { sessionId: id, mg: 60, booster: false, ...sign('Dr Kim') })).toMatchObject(
      refusedWith(
        'urgent_alert_open',
        /^"BP 210\/125 is at or above 200\/120" is urgent and not acknowledged: a clinician acknowledges it, with what was done, before a dose is recorded\.$/,
      ),
    );
    await t.ok('acknowledgeAlert', {
      sessionId: id,
      targetSeq: bp.seq,
      signal: 'bp',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      note: 'Re-measured after rest: 150/92; proceeding',
    });
    expect((await t.call('recordDose', { sessionId: id, mg: 60, booster: false, ...sign('Dr Kim') })).ok).toBe(true);
  });

  it('a booster waits until every alert is acknowledged; with none open it is recorded', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(20 * MIN);
    await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    const bp = await t.ok('recordVitals', { sessionId: id, values: { systolic: 186, diastolic: 112 }, author: 'Sam' });
    expect(await t.call('recordDose', { sessionId: id, mg: 30, booster: true, ...sign('Dr Kim') })).toMatchObject(
      refusedWith(
        'alert_open',
        /^"BP 186\/112 is above 180\/110.*" is not acknowledged: acknowledge it before recording a booster\.$/,
      ),
    );
    await t.ok('acknowledgeAlert', {
      sessionId: id,
      targetSeq: bp.seq,
      signal: 'bp',
      author: 'Sam',
      note: 'told Dr Kim; re-check due',
    });
    expect((await t.call('recordDose', { sessionId: id, mg: 30, booster: true, ...sign('Dr Kim') })).ok).toBe(true);
  });

  it('a Spravato device waits for a clinician on an urgent alert between devices', async () => {
    const id = await checklistDone('spravato');
    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 122, diastolic: 78, heartRate: 70 },
      author: 'Sam',
    });
    await t.ok('recordDose', { sessionId: id, mg: 56, booster: false, ...sign('Dr Kim') });
    t.clock.advance(5 * MIN);
    const low = await t.ok('recordVitals', { sessionId: id, values: { spo2: 86 }, author: 'Sam' });
    expect(await t.call('recordDose', { sessionId: id, mg: 28, booster: false, ...sign('Dr Kim') })).toMatchObject(
      refusedWith('urgent_alert_open', /^"SpO2 86% is below 90%" is urgent/),
    );
    await t.ok('acknowledgeAlert', {
      sessionId: id,
      targetSeq: low.seq,
      signal: 'spo2',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      note: 'Re-measured 96% after deep breaths',
    });
    expect((await t.call('recordDose', { sessionId: id, mg: 28, booster: false, ...sign('Dr Kim') })).ok).toBe(true);
  });
});

describe('the dose time', () => {
  it('entered late, may be a little before the session was started on screen, but not hours before it, and needs a BP taken before its own time', async () => {
    const view = await t.ok('startSession', {
      patientRef: 'BD-1',
      presetId: 'sublingual',
      plannedDoseMg: 150,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    const id = view.session.id;
    const started = t.clock.now();
    await answerDayOfChecklist(t.ok, id, 'sublingual');
    t.clock.advance(4 * MIN);
    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 120, diastolic: 80, heartRate: 70 },
      author: 'Sam',
    });
    t.clock.advance(1 * MIN);
    expect(
      await t.call('recordDose', {
        sessionId: id,
        mg: 150,
        booster: false,
        occurredAt: started - 120 * MIN,
        ...sign('Dr Kim'),
      }),
    ).toMatchObject(
      refusedWith(
        'dose_before_start',
        /^That dose time is more than an hour before the session started \(\d\d:\d\d\)\. Check its time\.$/,
      ),
    );
    expect(t.room.state(id).doses).toEqual([]);
    // The only BP is after the dose's time: it is not a pre-dose BP.
    expect(
      await t.call('recordDose', {
        sessionId: id,
        mg: 150,
        booster: false,
        occurredAt: started - 10 * MIN,
        ...sign('Dr Kim'),
      }),
    ).toMatchObject(
      refusedWith(
        'pre_dose_bp_missing',
        /^Take a blood pressure before the dose: the one recorded is after the dose's time \(\d\d:\d\d\)\. Enter the reading taken before it with its time under "Taken at", or check the dose time\.$/,
      ),
    );
    // The BP taken before it, entered late with its own time.
    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 124, diastolic: 82, heartRate: 72 },
      occurredAt: started - 12 * MIN,
      author: 'Sam',
    });
    expect(
      (
        await t.call('recordDose', {
          sessionId: id,
          mg: 150,
          booster: false,
          occurredAt: started - 10 * MIN,
          ...sign('Dr Kim'),
        })
      ).ok,
    ).toBe(true);
  });
});

describe('striking a dose', () => {
  it("is a clinician's: the sitter is refused with a sentence and the dose stands; the clinician strikes it with a reason", async () => {
    const id = await t.dosedSession('spravato', 56);
    const dose = t.room.state(id).doses[0]!;
    expect(
      await t.call('amendEntry', {
        sessionId: id,
        targetSeq: dose.seq,
        action: 'strike',
        reason: 'wrong patient',
        author: 'Sam',
      }),
    ).toMatchObject(
      refusedWith(
        'signature_needed',
        "Striking the dose of 28 mg is a clinician's signed act: the clinician signs it with their name and PIN.",
      ),
    );
    expect(
      await t.call('amendEntry', {
        sessionId: id,
        targetSeq: dose.seq,
        action: 'strike',
        reason: 'wrong patient',
        author: 'Sam',
        ...sign('Sam'),
      }),
    ).toMatchObject(
      refusedWith(
        'not_permitted',
        'Only a clinician may strike a dose or the infusion end from the record. Sam is on the staff list as a sitter: ask Dr Kim to sign.',
      ),
    );
    expect(await t.call('closeSession', { sessionId: id, author: 'Sam', reason: 'dose withheld' })).toMatchObject({
      ok: false,
      error: { code: 'not_ended' },
    });
    expect(
      (
        await t.call('amendEntry', {
          sessionId: id,
          targetSeq: dose.seq,
          action: 'strike',
          reason: 'recorded on the wrong patient',
          author: 'Dr Kim',
          ...sign('Dr Kim'),
        })
      ).ok,
    ).toBe(true);
  });

  it('a mark other than the infusion end is struck by anyone', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(40 * MIN);
    const peak = await t.ok('addMark', { sessionId: id, mark: 'peak_reached', author: 'Sam' });
    expect(
      (
        await t.call('amendEntry', {
          sessionId: id,
          targetSeq: peak.seq,
          action: 'strike',
          reason: 'pressed too early',
          author: 'Sam',
        })
      ).ok,
    ).toBe(true);
  });
});

describe('the REMS form', () => {
  it('"not obtained" never erases an answer: a clinician\'s "no" stands until it is answered again', async () => {
    const id = await t.dosedSession('spravato', 56);
    await t.ok('answerRems', {
      sessionId: id,
      answers: { vitalsAcceptableBeforeEnd: 'no' },
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    expect(
      await t.call('answerRems', {
        sessionId: id,
        answers: { notObtained: [{ field: 'vitalsAcceptableBeforeEnd', reason: 'n/a' }] },
        author: 'Sam',
      }),
    ).toMatchObject(
      refusedWith(
        'rems_answered',
        '"Vital signs in acceptable range before the session ended" is answered "no" by Dr Kim: answer it again to change it. "Not obtained" is for a question with no answer.',
      ),
    );
    expect(t.room.state(id).discharge.rems.vitalsAcceptableBeforeEnd).toMatchObject({ value: 'no', by: 'Dr Kim' });
    // A question nobody answered may be "not obtained"; an answer may be changed by answering again.
    expect(
      (
        await t.call('answerRems', {
          sessionId: id,
          answers: { notObtained: [{ field: 'respiratoryDepression', reason: 'oximeter probe kept slipping' }] },
          author: 'Sam',
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await t.call('answerRems', {
          sessionId: id,
          answers: { vitalsAcceptableBeforeEnd: 'yes' },
          author: 'Dr Kim',
          ...sign('Dr Kim'),
        })
      ).ok,
    ).toBe(true);
  });
});

describe('an attestation contradicted by what is noted after it', () => {
  it('"vomiting" noted after nausea was attested minimal holds the discharge until nausea is attested again', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(92 * MIN);
    await t.readyButTime(id);
    t.clock.advance(2 * MIN);
    await t.ok('recordObservation', {
      sessionId: id,
      content: { text: 'Vomited once', tags: ['vomiting'] },
      author: 'Sam',
    });
    expect(await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).toMatchObject(
      refusedWith(
        'discharge_not_ready',
        /nausea attested again: "vomiting" was noted at T\+1:34, after it was attested "minimal"/,
      ),
    );
    t.clock.advance(10 * MIN);
    await t.ok('attest', { sessionId: id, item: 'nausea', answer: 'minimal', author: 'Dr Kim' });
    expect((await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).ok).toBe(true);
  });

  it('a tag noted before the attestation, or struck as a mistake, does not hold it', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(60 * MIN);
    await t.ok('recordObservation', {
      sessionId: id,
      content: { text: 'Dissociated, talking to the music', tags: ['dissociation'] },
      author: 'Sam',
    });
    t.clock.advance(32 * MIN);
    await t.readyButTime(id);
    const wrong = await t.ok('recordObservation', {
      sessionId: id,
      content: { text: 'Confused', tags: ['confusion'] },
      author: 'Sam',
    });
    await t.ok('amendEntry', {
      sessionId: id,
      targetSeq: wrong.seq,
      action: 'strike',
      reason: 'meant for the next room',
      author: 'Sam',
      ...sign('Dr Kim'),
    });
    expect((await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).ok).toBe(true);
  });
});

describe('the day-of checklist', () => {
  it("asks for consent (and REMS enrolment for Spravato) even when the clinic's list for the route leaves them out", async () => {
    const presets = t.room.settings.get().presets;
    t.room.settings.update({
      presets: { ...presets, spravato: { ...presets.spravato, checklist: ['fasting', 'escort_arranged'] } },
    });
    const view = await t.ok('startSession', {
      patientRef: 'CK-1',
      presetId: 'spravato',
      plannedDoseMg: 56,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    const id = view.session.id;
    for (const item of ['fasting', 'escort_arranged'] as const)
      await t.ok('answerChecklist', { sessionId: id, item, answer: 'yes', author: 'Sam' });
    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 120, diastolic: 80, heartRate: 70 },
      author: 'Sam',
    });
    expect(await t.call('recordDose', { sessionId: id, mg: 56, booster: false, ...sign('Dr Kim') })).toMatchObject(
      refusedWith('checklist_open', /REMS enrolment|consent/i),
    );
    for (const item of ['consent', 'rems_enrolment'] as const)
      await t.ok('answerChecklist', { sessionId: id, item, answer: 'yes', author: 'Sam' });
    expect((await t.call('recordDose', { sessionId: id, mg: 56, booster: false, ...sign('Dr Kim') })).ok).toBe(true);
  });

  it('a pre-dose BP typed wrong and corrected no longer holds the dose', async () => {
    const view = await t.ok('startSession', {
      patientRef: 'TY-1',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    const id = view.session.id;
    await answerDayOfChecklist(t.ok, id, 'im');
    const typo = await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 172, diastolic: 80, heartRate: 70 },
      author: 'Sam',
    });
    expect(await t.call('recordDose', { sessionId: id, mg: 60, booster: false, ...sign('Dr Kim') })).toMatchObject(
      refusedWith('pre_dose_bp_review', /^Pre-dose BP 172\/80/),
    );
    await t.ok('amendEntry', {
      sessionId: id,
      targetSeq: typo.seq,
      action: 'correct',
      reason: 'typed 172 for 127',
      replacement: { systolic: 127, diastolic: 80, heartRate: 70 },
      author: 'Sam',
      ...sign('Dr Kim'),
    });
    expect((await t.call('recordDose', { sessionId: id, mg: 60, booster: false, ...sign('Dr Kim') })).ok).toBe(true);
  });
});

describe('the same alert, once', () => {
  it('a correction that keeps the urgent value carries its alert on: one alert to acknowledge, not two', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(30 * MIN);
    const low = await t.ok('recordVitals', { sessionId: id, values: { heartRate: 130, spo2: 84 }, author: 'Sam' });
    const fixed = await t.ok('amendEntry', {
      sessionId: id,
      targetSeq: low.seq,
      action: 'correct',
      reason: 'typed 130 for 103',
      replacement: { heartRate: 103, spo2: 84 },
      author: 'Sam',
      ...sign('Dr Kim'),
    });
    expect(openAlertsOf(id).map((a) => [a.entrySeq, a.signal, a.level])).toEqual([[fixed.seq, 'spo2', 'urgent']]);
  });
});

describe('a late entry', () => {
  it('a booster given before an alert was raised is recorded with its real time; one given after it waits', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(19 * MIN);
    // What the booster waited for, taken before it: a BP and a MOAA/S of 4 or more.
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 126, diastolic: 82 }, author: 'Sam' });
    await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    t.clock.advance(1 * MIN);
    const givenAt = t.clock.now();
    t.clock.advance(10 * MIN);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 186, diastolic: 112 }, author: 'Sam' });
    t.clock.advance(5 * MIN);
    expect(await t.call('recordDose', { sessionId: id, mg: 30, booster: true, ...sign('Dr Kim') })).toMatchObject(
      refusedWith('alert_open', /^"BP 186\/112/),
    );
    expect(
      (await t.call('recordDose', { sessionId: id, mg: 30, booster: true, occurredAt: givenAt, ...sign('Dr Kim') })).ok,
    ).toBe(true);
  });
});

describe('the vitals exception and later changes', () => {
  it('a reading struck after the exception, bringing an older one back, needs the exception again', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(92 * MIN);
    await t.readyButTime(id);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 150, diastolic: 95, ...FULL }, author: 'Sam' });
    t.clock.advance(1 * MIN);
    const calmer = await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 146, diastolic: 92, ...FULL },
      author: 'Sam',
    });
    await t.ok('attest', {
      sessionId: id,
      item: 'vitals_exception',
      answer: 'yes',
      note: 'BP 146/92 is her usual',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    t.clock.advance(1 * MIN);
    await t.ok('amendEntry', {
      sessionId: id,
      targetSeq: calmer.seq,
      action: 'strike',
      reason: 'cuff on the wrong arm',
      author: 'Sam',
      ...sign('Dr Kim'),
    });
    expect(await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).toMatchObject(
      refusedWith('discharge_not_ready', /document it again/),
    );
  });
});

describe('tags as the clinic spells them', () => {
  it('"Vomiting" with a capital holds a nausea attestation made before it', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(92 * MIN);
    await t.readyButTime(id);
    t.clock.advance(1 * MIN);
    await t.ok('recordObservation', { sessionId: id, content: { text: 'Vomited', tags: ['Vomiting'] }, author: 'Sam' });
    expect(await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).toMatchObject(
      refusedWith('discharge_not_ready', /nausea attested again: "Vomiting" was noted/),
    );
  });
});

describe('the infusion end', () => {
  it('is struck by a clinician only: the sitter is refused with a sentence', async () => {
    const id = await t.dosedSession('iv', 35);
    t.clock.advance(40 * MIN);
    const end = await t.ok('addMark', { sessionId: id, mark: 'infusion_ended', author: 'Dr Kim', ...sign('Dr Kim') });
    expect(
      await t.call('amendEntry', {
        sessionId: id,
        targetSeq: end.seq,
        action: 'strike',
        reason: 'pressed early',
        author: 'Sam',
        ...sign('Sam'),
      }),
    ).toMatchObject(
      refusedWith(
        'not_permitted',
        /^Only a clinician may strike a dose or the infusion end from the record\. Sam is on the staff list as a sitter/,
      ),
    );
    expect(
      (
        await t.call('amendEntry', {
          sessionId: id,
          targetSeq: end.seq,
          action: 'strike',
          reason: 'pressed early',
          author: 'Dr Kim',
          ...sign('Dr Kim'),
        })
      ).ok,
    ).toBe(true);
  });
});
