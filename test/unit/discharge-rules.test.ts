import { beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/core/bridge/dispatch';
import { dueItems } from '../../main/core/pure/rules/due';
import { computeTimeline } from '../../main/core/pure/timeline/timeline';
import type { Settings } from '../../main/core/settings/schema';
import { MIN, testRoom } from '../support/room';
import { sign } from '../support/staff';
import { REMS_ASKED } from '../support/rems';

/** Items 1-4 of the discharge rules, each a session built event by event through the bridge on the test clock. */
let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
});
const discharge = async (sessionId: string) => {
  const env = await t.call('discharge', { sessionId, ...sign('Dr Kim') });
  return env.ok ? 'discharged' : env.error.message;
};
const due = (sessionId: string) => {
  const state = t.room.state(sessionId);
  return dueItems(
    state,
    computeTimeline(state.preset, state.doses, state.marks, t.clock.now()),
    t.clock.now(),
    t.room.settings.get().clinicTimeZone,
  );
};
/** A settings change as an admin makes it, through the bridge. */
async function setPreset(change: (p: Settings['presets']) => Settings['presets']) {
  const env = await dispatch(t.room.handlers, 'setAdminPin', { pin: '1357' }, () => {});
  if (!env.ok) throw new Error(env.error.message);
  const adminKey = (env.value as { adminKey: string }).adminKey;
  return dispatch(
    t.room.handlers,
    'updateSettings',
    { adminKey, patch: { presets: change(t.room.settings.get().presets) } },
    () => {},
  );
}

describe('evidence must be recent', () => {
  it('checks 31 min old at an IM discharge are named with their age; 30 min old still count', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(60 * MIN);
    await t.readyButTime(id);
    t.clock.advance(31 * MIN);
    expect(await discharge(id)).toMatch(
      /^The patient cannot be discharged yet\. Still missing: MOAA\/S 5 taken at T\+1:00, 31 min ago: score again; Oriented to person, place and time: "yes" attested at T\+1:00, 31 min ago: attest again; /,
    );

    t = testRoom();
    const fresh = await t.dosedSession('im', 60);
    t.clock.advance(60 * MIN);
    await t.readyButTime(fresh);
    t.clock.advance(30 * MIN);
    expect(await discharge(fresh)).toBe('discharged');
  });

  it('the window is a per-preset setting: at 45 min, the same 31-minute-old checks discharge', async () => {
    expect((await setPreset((p) => ({ ...p, im: { ...p.im, evidenceWindowMin: 45 } }))).ok).toBe(true);
    const id = await t.dosedSession('im', 60);
    t.clock.advance(60 * MIN);
    await t.readyButTime(id);
    t.clock.advance(31 * MIN);
    expect(await discharge(id)).toBe('discharged');
  });

  it('the "pre-discharge vitals" due item is what the gate checks: met by a recent set, due again once it is older than the window', async () => {
    const id = await t.dosedSession('im', 60); // earliest discharge +90, pre-discharge set due at +80
    t.clock.advance(78 * MIN);
    await t.readyButTime(id);
    expect(due(id).find((d) => d.id === 'vitals-pre-discharge')).toMatchObject({ status: 'done' });
    t.clock.advance(35 * MIN);
    expect(due(id).find((d) => d.id === 'vitals-pre-discharge')).toMatchObject({
      status: 'overdue',
      label: expect.stringMatching(
        /^Pre-discharge vitals \(the last set, at \d\d:\d\d, is older than 30 min: measure again\)$/,
      ),
    });
    expect(await discharge(id)).toContain('BP 130/84 taken at T+1:18, 35 min ago: measure again');
  });
});

describe('vitals at discharge', () => {
  it('a later partial set never hides an earlier abnormal value; a clinician may document why discharge is safe, named as such in the record', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(85 * MIN);
    await t.readyButTime(id);
    const low = await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 128, diastolic: 82, heartRate: 74, spo2: 91, respiratoryRate: 14 },
      author: 'Sam',
    });
    await t.ok('acknowledgeAlert', {
      sessionId: id,
      targetSeq: low.seq,
      signal: 'spo2',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      note: 'her usual at rest',
    });
    t.clock.advance(3 * MIN);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 126, diastolic: 80 }, author: 'Sam' }); // BP only
    t.clock.advance(3 * MIN);
    expect(await discharge(id)).toBe(
      "The patient cannot be discharged yet. Still missing: pre-discharge vitals in range: SpO2 91% is below 92% at T+1:25 (warning threshold); or a clinician's documented exception saying why discharge is safe.",
    );
    await t.ok('attest', {
      sessionId: id,
      item: 'vitals_exception',
      answer: 'yes',
      note: 'SpO2 91-92% is her usual at rest (COPD)',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    expect(await discharge(id)).toBe('discharged');
    const vitals = t.room
      .state(id)
      .discharge.discharged!.conditions.find((c) => c.label.startsWith('Pre-discharge vitals'))!;
    expect(vitals.evidence).toMatch(
      /clinician documents why discharge is safe \(Dr Kim at \d\d:\d\d\): SpO2 91-92% is her usual at rest \(COPD\)$/,
    );
  });

  it('each sign within 20% of baseline: heart rate 90 against 70 is refused, 84 passes', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(92 * MIN);
    await t.readyButTime(id);
    await t.ok('recordVitals', { sessionId: id, values: { heartRate: 90 }, author: 'Sam' });
    expect(await discharge(id)).toContain(
      'pre-discharge vitals in range: heart rate 90 vs baseline 70 (+29%) at T+1:32: more than 20% from baseline',
    );
    await t.ok('recordVitals', { sessionId: id, values: { heartRate: 84 }, author: 'Sam' });
    expect(await discharge(id)).toBe('discharged');
  });
});

describe('open alerts hold the discharge', () => {
  it('an unacknowledged warning holds the Discharge; acknowledged, the patient goes', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(40 * MIN);
    const drowsy = await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 3 }, author: 'Sam' });
    t.clock.advance(52 * MIN);
    await t.readyButTime(id);
    expect(await discharge(id)).toBe(
      'The patient cannot be discharged yet. Still missing: the open alert acknowledged: "MOAA/S 3: not responding readily to name" (warning, T+0:40).',
    );
    await t.ok('acknowledgeAlert', {
      sessionId: id,
      targetSeq: drowsy.seq,
      signal: 'moaas',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      note: 'rousable, resting',
    });
    expect(await discharge(id)).toBe('discharged');
  });

  it('many open alerts: the urgent and newest three are named, the rest counted', async () => {
    const id = await t.dosedSession('im', 60);
    for (const score of [3, 2, 1, 3]) {
      t.clock.advance(5 * MIN);
      await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score }, author: 'Sam' });
    }
    expect(await discharge(id)).toContain(
      // MOAA/S 2 is urgent (responds only to prodding or shaking), named with the 1 before the warnings.
      'the open alerts acknowledged: "MOAA/S 1: responds only to painful stimulus or not at all" (urgent, T+0:15), "MOAA/S 2: responds only to mild prodding or shaking" (urgent, T+0:10), "MOAA/S 3: not responding readily to name" (warning, T+0:20) and 1 more',
    );
  });

  it('an urgent alert is acknowledged with what was done, by a clinician, kept in the record', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(20 * MIN);
    const deep = await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 1 }, author: 'Sam' });
    const bare = await t.call('acknowledgeAlert', {
      sessionId: id,
      targetSeq: deep.seq,
      signal: 'moaas',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    expect(bare).toMatchObject({
      ok: false,
      error: {
        message:
          '"MOAA/S 1: responds only to painful stimulus or not at all" is urgent: say in a short note what was done before acknowledging it.',
      },
    });
    expect(t.room.state(id).alerts[0]!.acknowledged).toBeUndefined();
    await t.ok('acknowledgeAlert', {
      sessionId: id,
      targetSeq: deep.seq,
      signal: 'moaas',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      note: 'airway checked, positioned on side, rousable in 2 min',
    });
    expect(t.room.state(id).alerts[0]!.acknowledged).toMatchObject({
      by: 'Dr Kim',
      note: 'airway checked, positioned on side, rousable in 2 min',
    });
  });
});

describe('blood pressure follows up', () => {
  it('a reading over the warning threshold brings a re-check due in 5 min that turns overdue, met by the next reading', async () => {
    const id = await t.dosedSession('sublingual', 150);
    t.clock.advance(40 * MIN);
    const high = await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 185, diastolic: 112 },
      author: 'Sam',
    });
    const recheck = () => due(id).find((d) => d.id === `bp-recheck-${high.seq}`);
    expect(recheck()).toMatchObject({
      status: 'due',
      required: true,
      dueAt: high.occurredAt + 5 * MIN,
      label: expect.stringMatching(/^BP re-check \(BP 185\/112 at \d\d:\d\d\)$/),
    });
    t.clock.advance(6 * MIN);
    expect(recheck()!.status).toBe('overdue');
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 150, diastolic: 90 }, author: 'Sam' });
    expect(recheck()!.status).toBe('done');
  });

  it("the alert names the preset's re-check interval: a clinic's 10 minutes is said and due at +10, the shipped 5 beside it", async () => {
    expect(await setPreset((p) => ({ ...p, sublingual: { ...p.sublingual, bpRecheckMin: 10 } }))).toMatchObject({
      ok: true,
    });
    const id = await t.dosedSession('sublingual', 150);
    t.clock.advance(40 * MIN);
    const high = await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 185, diastolic: 112 },
      author: 'Sam',
    });
    expect(t.room.state(id).alerts.map((a) => a.message)).toEqual([
      'BP 185/112 is above 180/110: re-check in 10 minutes.',
    ]);
    expect(due(id).find((d) => d.id === `bp-recheck-${high.seq}`)).toMatchObject({
      dueAt: high.occurredAt + 10 * MIN,
      status: 'due',
    });
    t.clock.advance(6 * MIN);
    expect(due(id).find((d) => d.id === `bp-recheck-${high.seq}`)!.status).toBe('due');

    t = testRoom(); // a new room: one session at a time
    const im = await t.dosedSession('im', 60);
    t.clock.advance(40 * MIN);
    await t.ok('recordVitals', { sessionId: im, values: { systolic: 185, diastolic: 112 }, author: 'Sam' });
    expect(t.room.state(im).alerts.map((a) => a.message)).toEqual([
      'BP 185/112 is above 180/110: re-check in 5 minutes.',
    ]);
  });

  it('each booster brings its own BP 40 min after it', async () => {
    const id = await t.dosedSession('sublingual', 150);
    t.clock.advance(29 * MIN);
    // What a booster waits for: a BP and a MOAA/S of 4 or more within the window.
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 124, diastolic: 80 }, author: 'Sam' });
    await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    t.clock.advance(1 * MIN);
    const booster = await t.ok('recordDose', { sessionId: id, mg: 50, booster: true, ...sign('Dr Kim') });
    const item = () => due(id).find((d) => d.id === `vitals-40-after-${booster.seq}`);
    expect(item()).toMatchObject({ required: true, dueAt: booster.occurredAt + 40 * MIN, status: 'upcoming' });
    t.clock.advance(46 * MIN);
    expect(item()!.status).toBe('overdue');
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 124, diastolic: 80 }, author: 'Sam' });
    expect(item()!.status).toBe('done');
  });

  it('Spravato cannot discharge while the BP is over the threshold, until it is back under or a clinician documents the decision', async () => {
    const id = await t.dosedSession('spravato', 56);
    t.clock.advance(40 * MIN);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 134, diastolic: 84 }, author: 'Sam' }); // the REMS +40 reading
    t.clock.advance(70 * MIN);
    await t.readyButTime(id);
    const high = await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 186, diastolic: 100 },
      author: 'Sam',
    });
    await t.ok('acknowledgeAlert', {
      sessionId: id,
      targetSeq: high.seq,
      signal: 'bp',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      note: 'seen; re-check due',
    });
    await t.ok('answerRems', {
      sessionId: id,
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      answers: { ...REMS_ASKED, dissociation: 'no', respiratoryDepression: 'no' },
    });
    t.clock.advance(11 * MIN);
    expect(await discharge(id)).toContain('BP 186/100 is above 180/110 at T+1:50 (warning threshold)');
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 138, diastolic: 88 }, author: 'Sam' });
    expect(await discharge(id)).toBe('discharged');
  });
});
