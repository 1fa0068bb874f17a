import { beforeEach, describe, expect, it } from 'vitest';
import { dischargeGate, missingNamesSentence, notReadySentence } from '../../main/core/pure/rules/gate';
import { clockText } from '../../main/core/pure/time-text';
import { MIN, testRoom } from '../support/room';
import { sign } from '../support/staff';

/**
 * Each discharge condition on one line for a dim room (its short name and the one fact that matters now), the session
 * built event by event through the bridge on the test clock. The full evidence and rule stay in the other fields.
 */
let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
});
const lines = (sessionId: string) =>
  Object.fromEntries(
    dischargeGate(t.room.state(sessionId), t.clock.now(), 'Dr Kim').conditions.map((c) => [c.id, c.line]),
  );
const longest = (byId: Record<string, string>) => Math.max(...Object.values(byId).map((l) => l.length));
const hhmm = (at: number) => clockText(at, null);

describe('the discharge conditions, one short line each', () => {
  it('IM, 30 min after the dose with nothing recorded since: each line names what is missing in a few words', async () => {
    const id = await t.dosedSession('im', 60);
    const dosedAt = t.clock.now();
    t.clock.advance(30 * MIN);
    const byId = lines(id);
    expect(byId).toMatchObject({
      time_since_last_dose: `Time: 1 h 0 min to go (${hhmm(dosedAt + 90 * MIN)})`,
      moaas: 'MOAA/S: not yet scored after the dose',
      steady_gait: 'Steady gait: not yet attested',
      vitals: 'Vitals: need BP, HR, SpO2, RR after the dose',
      open_alerts: 'Alerts: none open',
      orthostatic: 'Orthostatic: not yet done lying and standing',
      driver_present: 'Escort: not yet confirmed present',
      no_driving_acknowledged: 'No driving: not yet recorded',
    });
    expect(longest(byId)).toBeLessThanOrEqual(100);
    // The full sentence is still there for the disclosure and the refusal.
    const vitals = dischargeGate(t.room.state(id), t.clock.now(), 'Dr Kim').conditions.find((c) => c.id === 'vitals')!;
    expect(vitals.missing).toBe(
      'pre-discharge vitals: a blood pressure after the last dose, a heart rate after the last dose, a SpO2 after the last dose, a respiratory rate after the last dose',
    );
  });

  it('a high BP and a partial set: the vitals line names the value and the signs still to measure; the open alert is counted', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(45 * MIN);
    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 185, diastolic: 112, heartRate: 84 },
      author: 'Sam',
    });
    const byId = lines(id);
    expect(byId.vitals).toBe('Vitals: need SpO2, RR after the dose; BP 185/112 out of range');
    expect(byId.open_alerts).toBe('Alerts: 1 open: acknowledge it');
    expect(longest(byId)).toBeLessThanOrEqual(100);
    // Beside the Discharge button, only the names of what is missing; the refusal still says everything in full.
    const gate = dischargeGate(t.room.state(id), t.clock.now(), 'Dr Kim');
    expect(missingNamesSentence(gate)).toBe(
      'Still missing: Time, MOAA/S, Oriented, Steady gait, Vitals, Alerts, Orthostatic, Nausea, Dissociation, Escort and No driving.',
    );
    const refused = await t.call('discharge', { sessionId: id, ...sign('Dr Kim') });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('BP 185/112 is above 180/110 at T+0:45 (warning threshold)') },
    });
    expect(refused.ok ? '' : refused.error.message).toBe(notReadySentence(gate));
  });

  it('evidence 148 min old says its age and what to do; checked again, every line says it holds', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(2 * MIN);
    const scoredAt = t.clock.now();
    await t.readyButTime(id);
    t.clock.advance(148 * MIN);
    const stale = lines(id);
    expect(stale.moaas).toBe(`MOAA/S: 5 at ${hhmm(scoredAt)} is 148 min old: score again`);
    expect(stale.vitals).toBe('Vitals: measure BP, HR, SpO2, RR again');
    expect(stale.steady_gait).toBe('Steady gait: "yes" is 148 min old: attest again');
    expect(stale.driver_present).toBe('Escort: confirmed 148 min old: confirm again');
    expect(longest(stale)).toBeLessThanOrEqual(100);

    await t.readyButTime(id);
    const fresh = lines(id);
    expect(dischargeGate(t.room.state(id), t.clock.now(), 'Dr Kim').ready).toBe(true);
    expect(missingNamesSentence(dischargeGate(t.room.state(id), t.clock.now(), 'Dr Kim'))).toBe(
      'Everything needed for discharge is recorded.',
    );
    expect(fresh).toMatchObject({
      time_since_last_dose: expect.stringMatching(/^Time: 2 h 30 min since the dose \(\d\d:\d\d reached\)$/),
      moaas: `MOAA/S: 5 at ${hhmm(t.clock.now())}`,
      vitals: 'Vitals: BP 130/84, HR 76, SpO2 97%, RR 14',
      steady_gait: expect.stringMatching(/^Steady gait: yes \(Dr Kim at \d\d:\d\d\)$/),
      driver_present: 'Escort: Pat Lee confirmed in person',
      orthostatic: 'Orthostatic: passed',
    });
    expect(longest(fresh)).toBeLessThanOrEqual(100);
  });
});
