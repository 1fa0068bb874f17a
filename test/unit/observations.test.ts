import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { DEFAULT_THRESHOLDS } from '../../main/core/observations/thresholds';
import { vitalsAlerts, vitalsProblem } from '../../main/core/pure/observations/vitals';
import { BP_RECHECK_MIN } from '../../main/core/pure/discharge/rules';
import { openRoom } from '../../main/core/open-room';
import type { Room } from '../../main/core/room';
import { foldSession } from '../../main/core/pure/session/fold';
import type { Envelope, SessionView } from '../../main/core/contract/contract';
import { tempDataDir } from '../support/host-process';
import { answerDayOfChecklist } from '../support/checklist';
import { dispatchAsAuthor, seedStaff, sign } from '../support/staff';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 22, 9, 0);
let clock: ManualClock;
let room: Room;
let sessionId: string;

async function call<T = unknown>(method: string, args: unknown): Promise<T> {
  const env = (await dispatchAsAuthor(room)(method, args)) as Envelope<T>;
  if (!env.ok) throw new Error(env.error.message);
  return env.value;
}
const refused = async (method: string, args: unknown) => {
  const env = await dispatchAsAuthor(room)(method, args);
  if (env.ok) throw new Error(`${method} was accepted`);
  return env.error.message;
};
const events = () => room.sessions.events(sessionId);
const state = () => foldSession(events())!;

beforeEach(async () => {
  clock = new ManualClock(T0);
  room = openRoom({ dataDir: tempDataDir(), clock, settingsBackend: null });
  seedStaff(room);
  // These sessions are about the record, not the dosing rules (test/unit/discharge-rules.test.ts): no pre-dose BP asked.
  room.settings.update({
    presets: {
      ...room.settings.get().presets,
      sublingual: { ...room.settings.get().presets.sublingual, preDoseBpRequired: false },
    },
  });
  const view = await call<SessionView>('startSession', {
    patientRef: 'AB',
    presetId: 'sublingual',
    plannedDoseMg: 150,
    therapist: 'Dr Kim',
    sitter: 'Sam',
  });
  sessionId = view.session.id;
});
/** Before a first dose, as the room asks. */
const answerChecklist = () => answerDayOfChecklist(call, sessionId, 'sublingual', 'Sam', 'none');

describe('vitals validation', () => {
  it.each([
    [
      { systolic: 1200, diastolic: 80 },
      'Systolic BP 1200 mmHg is not a possible reading (50-300). Check for a typing error.',
    ],
    [
      { systolic: 12, diastolic: 80 },
      'Systolic BP 12 mmHg is not a possible reading (50-300). Check for a typing error.',
    ],
    [{ systolic: 80, diastolic: 120 }, 'Systolic 80 is not above diastolic 120. Check they are not swapped.'],
    [{ heartRate: 7 }, 'Heart rate 7 /min is not a possible reading (20-250). Check for a typing error.'],
    [{ spo2: 101 }, 'SpO2 101 % is not a possible reading (50-100). Check for a typing error.'],
    [{ systolic: 120 }, 'Enter blood pressure as both systolic and diastolic, or leave both empty.'],
    [{}, 'Enter at least one vital sign.'],
  ])('refuses %j with a sentence naming the field', async (values, message) => {
    expect(vitalsProblem(values)).toBe(message);
    expect(await refused('recordVitals', { sessionId, values, author: 'Sam' })).toBe(message);
    expect(events()).toHaveLength(1);
  });

  it('accepts any subset: SpO2 alone, or BP and heart rate', async () => {
    await call('recordVitals', { sessionId, values: { spo2: 97 }, author: 'Sam' });
    await call('recordVitals', { sessionId, values: { systolic: 124, diastolic: 78, heartRate: 70 }, author: 'Sam' });
    expect(state().entries.map((e) => e.kind === 'vitals' && e.payload.values)).toEqual([
      { spo2: 97 },
      { systolic: 124, diastolic: 78, heartRate: 70 },
    ]);
  });
});

describe('alert thresholds (accepted and flagged)', () => {
  const t = DEFAULT_THRESHOLDS;
  it.each([
    [{ systolic: 185, diastolic: 90 }, false, [['bp', 'warning']]],
    [{ systolic: 180, diastolic: 110 }, false, []],
    [{ systolic: 200, diastolic: 100 }, false, [['bp', 'urgent']]],
    [{ systolic: 150, diastolic: 121 }, false, [['bp', 'urgent']]],
    [{ systolic: 145, diastolic: 85 }, true, [['pre_dose_bp', 'warning']]],
    [{ systolic: 139, diastolic: 89 }, true, []],
    [{ heartRate: 121 }, false, [['heart_rate', 'warning']]],
    [{ heartRate: 49 }, false, [['heart_rate', 'warning']]],
    [{ spo2: 91 }, false, [['spo2', 'warning']]],
    [{ spo2: 89 }, false, [['spo2', 'urgent']]],
    [{ respiratoryRate: 9 }, false, [['respiratory_rate', 'warning']]],
    [{ respiratoryRate: 31 }, false, [['respiratory_rate', 'warning']]],
  ] as const)('%j (pre-dose %s) raises %j', (values, preDose, expected) => {
    expect(vitalsAlerts(values, t, preDose, BP_RECHECK_MIN).map((a) => [a.signal, a.level])).toEqual(expected);
  });

  it('an alert stays until acknowledged, and who acknowledged it is recorded', async () => {
    clock.advance(MIN);
    await answerChecklist();
    await call('recordDose', { sessionId, mg: 150, booster: false, proceedPastChecklist: true, ...sign('Dr Kim') });
    const vitals = await call<{ seq: number }>('recordVitals', { sessionId, values: { spo2: 88 }, author: 'Sam' });
    expect(state().alerts).toEqual([
      expect.objectContaining({ signal: 'spo2', level: 'urgent', entrySeq: vitals.seq }),
    ]);
    expect(state().alerts[0]!.acknowledged).toBeUndefined();
    expect(
      await refused('acknowledgeAlert', {
        sessionId,
        targetSeq: vitals.seq,
        signal: 'spo2',
        author: 'Dr Kim',
        ...sign('Dr Kim'),
      }),
    ).toBe('"SpO2 88% is below 90%" is urgent: say in a short note what was done before acknowledging it.');
    await call('acknowledgeAlert', {
      sessionId,
      targetSeq: vitals.seq,
      signal: 'spo2',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      note: 'woken, deep breaths, 95% on re-check',
    });
    expect(state().alerts[0]!.acknowledged).toEqual({
      by: 'Dr Kim',
      at: T0 + MIN,
      note: 'woken, deep breaths, 95% on re-check',
    });
    expect(
      await refused('acknowledgeAlert', { sessionId, targetSeq: vitals.seq, signal: 'spo2', author: 'Sam' }),
    ).toMatch(/already acknowledged by Dr Kim/);
  });

  it('a pre-dose BP at or above 140/90 must be reviewed before the dose is recorded', async () => {
    const v = await call<{ seq: number }>('recordVitals', {
      sessionId,
      values: { systolic: 150, diastolic: 95 },
      author: 'Sam',
    });
    // Every item but the blood pressure, which the reading on record contradicts until a clinician reviews it.
    await answerDayOfChecklist(
      (method, args) => (args.item === 'baseline_bp' ? Promise.resolve() : call(method, args)),
      sessionId,
      'sublingual',
    );
    expect(await refused('answerChecklist', { sessionId, item: 'baseline_bp', answer: 'yes', author: 'Sam' })).toMatch(
      /^The blood pressure on record, 150\/95 at \d\d:\d\d, is at or above the 140\/90 limit/,
    );
    await call('answerChecklist', {
      sessionId,
      item: 'baseline_bp',
      answer: 'no',
      reason: '150/95 on arrival',
      author: 'Sam',
    });
    expect(
      await refused('recordDose', {
        sessionId,
        mg: 150,
        booster: false,
        proceedPastChecklist: true,
        ...sign('Dr Kim'),
      }),
    ).toBe(
      'Pre-dose BP 150/95 is at or above 140/90. A clinician reviews it and acknowledges the alert before the dose is recorded.',
    );
    await call('acknowledgeAlert', {
      sessionId,
      targetSeq: v.seq,
      signal: 'pre_dose_bp',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      note: 'her usual; re-measured after rest, dosing',
    });
    await answerChecklist();
    await call('recordDose', { sessionId, mg: 150, booster: false, proceedPastChecklist: true, ...sign('Dr Kim') });
    expect(state().doses).toHaveLength(1);
  });

  it('MOAA/S 3 warns and 1 is urgent; CADSS-6 needs all six items', async () => {
    await call('recordScore', { sessionId, content: { scale: 'moaas', score: 3 }, author: 'Sam' });
    await call('recordScore', { sessionId, content: { scale: 'moaas', score: 1 }, author: 'Sam' });
    expect(state().alerts.map((a) => a.level)).toEqual(['warning', 'urgent']);
    expect(await refused('recordScore', { sessionId, content: { scale: 'moaas', score: 6 }, author: 'Sam' })).toBe(
      'MOAA/S is 0 to 5.',
    );
    expect(
      await refused('recordScore', {
        sessionId,
        content: { scale: 'cadss6', items: [{ item: 1, answer: 2 }] },
        author: 'Sam',
      }),
    ).toMatch(/all six/);
    const items = [1, 2, 6, 7, 15, 22].map((item, i) => ({ item, answer: i % 5 }));
    await call('recordScore', { sessionId, content: { scale: 'cadss6', items }, author: 'Sam' });
    expect(state().entries.at(-1)).toMatchObject({ kind: 'score', payload: { content: { scale: 'cadss6', items } } });
  });
});

describe('observations, late entries and amendments in the fold', () => {
  it('keeps the time the key was pressed, and marks an entry written 2+ minutes later as late', async () => {
    clock.advance(10 * MIN);
    await call('recordObservation', {
      sessionId,
      content: { text: 'eyes closed, breathing slow' },
      occurredAt: T0 + 9 * MIN + 30_000,
      author: 'Sam',
    });
    await call('recordObservation', {
      sessionId,
      content: { tags: ['nausea'] },
      occurredAt: T0 + 5 * MIN,
      author: 'Sam',
    });
    const [late, onTime] = state().entries;
    expect(late).toMatchObject({
      at: T0 + 5 * MIN,
      recordedAt: T0 + 10 * MIN,
      late: true,
      payload: { tags: ['nausea'] },
    });
    expect(onTime).toMatchObject({ at: T0 + 9 * MIN + 30_000, late: false, author: 'Sam' });
    expect(await refused('recordObservation', { sessionId, content: { text: '   ', tags: [] }, author: 'Sam' })).toBe(
      'Type a note or choose a tag.',
    );
  });

  it('a strike keeps the original in the log and the state, struck with who, when and why', async () => {
    const obs = await call<{ seq: number }>('recordObservation', {
      sessionId,
      content: { tags: ['vomiting'] },
      author: 'Sam',
    });
    clock.advance(MIN);
    await call('amendEntry', {
      sessionId,
      targetSeq: obs.seq,
      action: 'strike',
      reason: 'wrong patient note',
      author: 'Sam',
    });
    const entry = state().entries[0]!;
    expect(entry.payload).toEqual({ tags: ['vomiting'] });
    expect(entry.struck).toEqual({ seq: obs.seq + 1, reason: 'wrong patient note', by: 'Sam', at: T0 + MIN });
    expect(events().map((e) => e.kind)).toEqual(['session_started', 'observation', 'amendment']);
    expect(
      await refused('amendEntry', { sessionId, targetSeq: obs.seq, action: 'strike', reason: 'again', author: 'Sam' }),
    ).toMatch(/already struck/);
  });

  it('a correction adds the corrected entry at the same clinical time and recomputes its alerts', async () => {
    clock.advance(MIN);
    await answerChecklist();
    await call('recordDose', { sessionId, mg: 150, booster: false, proceedPastChecklist: true, ...sign('Dr Kim') });
    const v = await call<{ seq: number; occurredAt: number }>('recordVitals', {
      sessionId,
      values: { systolic: 210, diastolic: 100 },
      author: 'Sam',
    });
    clock.advance(2 * MIN);
    await call('amendEntry', {
      sessionId,
      targetSeq: v.seq,
      action: 'correct',
      reason: 'typed 210 for 120',
      replacement: { systolic: 120, diastolic: 80 },
      author: 'Sam',
      ...sign('Dr Kim'),
    });
    const [original, corrected] = state().entries;
    // The reading raised an alert: its correction is the clinician's signed act, whoever is recording.
    expect(original).toMatchObject({ seq: v.seq, correctedBy: { reason: 'typed 210 for 120', by: 'Dr Kim' } });
    expect(corrected).toMatchObject({
      kind: 'vitals',
      at: v.occurredAt,
      corrects: v.seq,
      payload: { values: { systolic: 120, diastolic: 80 }, alerts: [] },
    });
    expect(
      await refused('amendEntry', {
        sessionId,
        targetSeq: corrected!.seq,
        action: 'correct',
        reason: 'x',
        replacement: { systolic: 80, diastolic: 120 },
        author: 'Sam',
      }),
    ).toMatch(/swapped/);
  });

  it('a struck mark leaves the arc; a dose cannot be edited, only struck', async () => {
    clock.advance(MIN);
    await answerChecklist();
    const dose = await call<{ seq: number }>('recordDose', {
      sessionId,
      mg: 150,
      booster: false,
      proceedPastChecklist: true,
      ...sign('Dr Kim'),
    });
    clock.advance(20 * MIN);
    const mark = await call<{ seq: number }>('addMark', { sessionId, mark: 'peak_reached', author: 'Dr Kim' });
    await call('amendEntry', {
      sessionId,
      targetSeq: mark.seq,
      action: 'strike',
      reason: 'pressed by mistake',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    expect(state().marks).toEqual([]);
    expect(state().struckDosesAndMarks).toEqual([
      { seq: mark.seq, amendment: expect.objectContaining({ reason: 'pressed by mistake' }) },
    ]);
    expect(
      await refused('amendEntry', {
        sessionId,
        targetSeq: dose.seq,
        action: 'correct',
        reason: 'x',
        replacement: {},
        author: 'Dr Kim',
        ...sign('Dr Kim'),
      }),
    ).toMatch(/strike it with a reason, then record it again/);
    expect(
      await refused('amendEntry', {
        sessionId,
        targetSeq: 999,
        action: 'strike',
        reason: 'x',
        author: 'Dr Kim',
        ...sign('Dr Kim'),
      }),
    ).toMatch(/not in this session/);
  });
});
