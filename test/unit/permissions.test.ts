import { beforeEach, describe, expect, it } from 'vitest';
import { checklistFor } from '../../main/core/pure/discharge/checklist';
import { buildReport, reportOptions } from '../../main/core/pure/report/model';
import { MIN, testRoom } from '../support/room';
import { sign } from '../support/staff';

let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
});
const report = (id: string) =>
  buildReport(t.room.sessions.events(id), t.clock.now(), reportOptions(t.room.settings.get()));
// A RegExp inside toMatchObject matches any string: a pattern goes through expect.stringMatching.
const refused = (sentence: string | RegExp) => ({
  ok: false,
  error: { code: 'not_permitted', message: typeof sentence === 'string' ? sentence : expect.stringMatching(sentence) },
});

describe('who may do what, through the bridge', () => {
  it('a sitter records observations, vitals, scores and check-ins, and the record shows their role', async () => {
    const id = await t.dosedSession();
    t.clock.advance(10 * MIN);
    for (const [method, args] of [
      ['recordObservation', { sessionId: id, content: { text: 'Eyes closed', tags: [] }, author: 'Sam' }],
      ['recordVitals', { sessionId: id, values: { systolic: 128, diastolic: 82, heartRate: 74 }, author: 'Sam' }],
      ['recordScore', { sessionId: id, content: { scale: 'moaas', score: 4 }, author: 'Sam' }],
      ['recordCheckIn', { sessionId: id, author: 'Sam' }],
    ] as const) {
      expect((await t.call(method, args as never)).ok, method).toBe(true);
    }
    const r = report(id);
    expect(r.entries.filter((e) => e.author === 'Sam').map((e) => [e.kind, e.role])).toEqual([
      ['vitals', 'sitter'],
      ['observation', 'sitter'],
      ['vitals', 'sitter'],
      ['score', 'sitter'],
      ['check_in', 'sitter'],
    ]);
    expect(r.doses[0]).toMatchObject({ author: 'Dr Kim', role: 'clinician' });
  });

  it('only a clinician discharges: the sitter and the therapist are refused with a sentence and nothing is written; the clinician is not', async () => {
    const id = await t.dosedSession();
    t.clock.advance(121 * MIN);
    await t.readyButTime(id);
    const before = t.room.sessions.events(id).length;
    expect(await t.call('discharge', { sessionId: id, ...sign('Sam') })).toMatchObject(
      refused('Only a clinician may discharge the patient. Sam is on the staff list as a sitter: ask Dr Kim to sign.'),
    );
    expect(await t.call('discharge', { sessionId: id, ...sign('Jo Park') })).toMatchObject(
      refused(/^Only a clinician may discharge the patient\. Jo Park is on the staff list as a therapist/),
    );
    expect(await t.call('discharge', { sessionId: id, ...sign('Pat Doe') })).toMatchObject(
      refused(
        'Only a clinician may discharge the patient. "Pat Doe" is not on the room\'s staff list: ask Dr Kim to sign.',
      ),
    );
    expect(t.room.sessions.events(id).length).toBe(before);
    // The name is matched whatever its case; the record keeps the staff list's spelling.
    expect((await t.call('discharge', { sessionId: id, signer: 'dr kim', pin: sign('Dr Kim').pin })).ok).toBe(true);
    expect(report(id).discharge).toMatchObject({ clinician: 'Dr Kim', clinicianRole: 'clinician' });
  });

  it("the exception for vitals out of range is a clinician's: the sitter is refused with a sentence and discharge stays closed; the clinician's opens it", async () => {
    const id = await t.dosedSession();
    t.clock.advance(121 * MIN);
    await t.readyButTime(id);
    // Inside the alert thresholds, but more than 20% above the baseline of 120/80.
    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 150, diastolic: 98, heartRate: 76, spo2: 97, respiratoryRate: 14 },
      author: 'Sam',
    });
    const refusedDischarge = await t.call('discharge', { sessionId: id, ...sign('Dr Kim') });
    expect(refusedDischarge).toMatchObject({
      ok: false,
      error: {
        code: 'discharge_not_ready',
        message: expect.stringMatching(
          /systolic 150 vs baseline 120 \(\+25%\).*; or a clinician's documented exception saying why discharge is safe\.$/,
        ),
      },
    });
    const before = t.room.sessions.events(id).length;
    const exception = {
      sessionId: id,
      item: 'vitals_exception',
      answer: 'yes',
      note: 'Known hypertensive, 150/98 is her usual; asymptomatic',
    } as const;
    expect(await t.call('attest', { ...exception, author: 'Sam' })).toMatchObject({
      ok: false,
      error: { code: 'signature_needed' },
    });
    expect(await t.call('attest', { ...exception, author: 'Sam', ...sign('Sam') })).toMatchObject(
      refused(
        'Only a clinician may document why discharge is safe with vitals out of range. Sam is on the staff list as a sitter: ask Dr Kim to sign.',
      ),
    );
    expect(await t.call('attest', { ...exception, author: 'Sam', ...sign('Jo Park') })).toMatchObject(
      refused(
        /^Only a clinician may document why discharge is safe with vitals out of range\. Jo Park is on the staff list as a therapist/,
      ),
    );
    expect(t.room.sessions.events(id).length).toBe(before);
    expect((await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).ok).toBe(false);
    // The other attestations stay open to everyone on the staff.
    expect((await t.call('attest', { sessionId: id, item: 'fluids', answer: 'yes', author: 'Sam' })).ok).toBe(true);
    expect((await t.call('attest', { ...exception, author: 'Sam', ...sign('Dr Kim') })).ok).toBe(true);
    expect((await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).ok).toBe(true);
  });

  it('an urgent alert is acknowledged by a clinician only; a warning by anyone', async () => {
    const id = await t.dosedSession();
    t.clock.advance(20 * MIN);
    const urgent = await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 205, diastolic: 125, spo2: 91 },
      author: 'Sam',
    });
    expect(t.room.state(id).alerts.map((a) => [a.signal, a.level])).toEqual([
      ['bp', 'urgent'],
      ['spo2', 'warning'],
    ]);
    expect(
      await t.call('acknowledgeAlert', {
        sessionId: id,
        targetSeq: urgent.seq,
        signal: 'bp',
        author: 'Sam',
        note: 'BP re-taken',
        ...sign('Sam'),
      }),
    ).toMatchObject(
      refused(
        'Only a clinician may acknowledge an urgent alert. Sam is on the staff list as a sitter: ask Dr Kim to sign.',
      ),
    );
    expect(t.room.state(id).alerts[0]!.acknowledged).toBeUndefined();
    expect(
      (
        await t.call('acknowledgeAlert', {
          sessionId: id,
          targetSeq: urgent.seq,
          signal: 'spo2',
          author: 'Sam',
          note: 'probe re-seated, 95%',
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await t.call('acknowledgeAlert', {
          sessionId: id,
          targetSeq: urgent.seq,
          signal: 'bp',
          author: 'Sam',
          note: 'BP re-taken, patient calm, re-check in 5 min',
          ...sign('Dr Kim'),
        })
      ).ok,
    ).toBe(true);
  });

  it('going ahead past a checklist "no" or skip is a clinician\'s decision; answering the checklist is anyone\'s', async () => {
    const view = await t.ok('startSession', {
      patientRef: 'AB',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    const sessionId = view.session.id;
    for (const item of checklistFor({ id: 'im' }).filter((i) => i !== 'fasting' && i !== 'intention')) {
      expect((await t.call('answerChecklist', { sessionId, item, answer: 'yes', author: 'Sam' })).ok, item).toBe(true);
    }
    // The sitter records what the patient says, "no" included.
    expect(
      (
        await t.call('answerChecklist', {
          sessionId,
          item: 'fasting',
          answer: 'no',
          reason: 'ate toast at 8:00',
          author: 'Sam',
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await t.call('answerChecklist', {
          sessionId,
          item: 'intention',
          answer: 'skipped',
          reason: 'patient asleep',
          author: 'Jo Park',
        })
      ).ok,
    ).toBe(true);
    t.clock.advance(5 * MIN);
    await t.ok('recordVitals', {
      sessionId,
      values: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 },
      author: 'Sam',
    });
    t.clock.advance(2 * MIN);
    const dose = (signer: string) =>
      t.call('recordDose', { sessionId, mg: 60, booster: false, ...sign(signer), proceedPastChecklist: true });
    expect(await dose('Sam')).toMatchObject(
      refused(/^Only a clinician may sign a dose .*\. Sam is on the staff list as a sitter/),
    );
    expect(await dose('Jo Park')).toMatchObject(refused(/Jo Park is on the staff list as a therapist/));
    expect(t.room.state(sessionId).doses).toHaveLength(0);
    expect((await dose('Dr Kim')).ok).toBe(true);
    const r = report(sessionId);
    expect(r.checklist.find((c) => c.label.startsWith('Fasting'))).toMatchObject({ answer: 'no', by: 'Sam' });
    expect(r.doses[0]).toMatchObject({ decision: expect.stringContaining('Dr Kim') });
  });

  it('the infusion end is marked by a clinician; the peak by anyone', async () => {
    const id = await t.dosedSession('iv', 35);
    t.clock.advance(40 * MIN);
    expect(
      await t.call('addMark', { sessionId: id, mark: 'infusion_ended', author: 'Sam', ...sign('Sam') }),
    ).toMatchObject(
      refused(/^Only a clinician may mark the end of the infusion\. Sam is on the staff list as a sitter/),
    );
    expect((await t.call('addMark', { sessionId: id, mark: 'peak_reached', author: 'Sam' })).ok).toBe(true);
    expect(
      (await t.call('addMark', { sessionId: id, mark: 'infusion_ended', author: 'Sam', ...sign('Dr Kim') })).ok,
    ).toBe(true);
    expect(report(id).marks.map((m) => [m.text, m.role])).toEqual([
      ['Peak reached', 'sitter'],
      ['Infusion ended', 'clinician'],
    ]);
  });

  it('a departure against advice is recorded by a clinician', async () => {
    const id = await t.dosedSession();
    expect(
      await t.call('recordLeftAgainstAdvice', {
        sessionId: id,
        reason: 'Wanted to go home',
        actions: ['risks_explained'],
        ...sign('Sam'),
      }),
    ).toMatchObject(refused(/^Only a clinician may record that the patient left against advice\./));
    expect(
      (
        await t.call('recordLeftAgainstAdvice', {
          sessionId: id,
          reason: 'Wanted to go home',
          actions: ['risks_explained'],
          ...sign('Dr Kim'),
        })
      ).ok,
    ).toBe(true);
    expect(report(id).againstAdvice).toMatchObject({ recordedBy: 'Dr Kim', recordedByRole: 'clinician' });
  });

  it("with no clinician on the staff list nobody signs: the sitter's own PIN does not discharge, and the sentence says how to add one", async () => {
    const id = await t.dosedSession();
    t.clock.advance(121 * MIN);
    await t.readyButTime(id);
    t.room.settings.update({ staff: t.room.settings.get().staff.filter((s) => s.role !== 'clinician') });
    expect(await t.call('discharge', { sessionId: id, ...sign('Sam') })).toMatchObject(
      refused(
        /^Only a clinician may discharge the patient, and the room's staff list names none yet\. An admin adds a clinician/,
      ),
    );
    expect(t.room.state(id).discharge.discharged).toBeNull();
  });
});
