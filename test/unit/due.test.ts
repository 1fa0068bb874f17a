import { describe, expect, it } from 'vitest';
import { dueItems } from '../../main/core/pure/rules/due';
import type { StoredEvent } from '../../main/core/session/events';
import { foldSession } from '../../main/core/pure/session/fold';
import { DEFAULT_PRESETS, ROUTE_IDS } from '../../main/core/timeline/presets';
import type { RouteId } from '../../main/core/pure/timeline/routes';
import { computeTimeline } from '../../main/core/pure/timeline/timeline';
import { dischargeGate } from '../../main/core/pure/rules/gate';
import { testRoom } from '../support/room';
import { sign } from '../support/staff';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 22, 9, 0);
const at = (m: number) => T0 + m * MIN;

function session(
  route: RouteId,
  extra: { kind: 'vitals' | 'observation'; min: number; values?: Record<string, number> }[] = [],
  dosed = true,
) {
  let seq = 0;
  const ev = (kind: StoredEvent['kind'], min: number, payload: unknown) =>
    ({
      sessionId: 's',
      seq: ++seq,
      kind,
      occurredAt: at(min),
      recordedAt: at(min),
      author: 'Sam',
      payload,
    }) as StoredEvent;
  const events: StoredEvent[] = [
    ev('session_started', -20, {
      patientRef: 'AB',
      presetId: route,
      preset: DEFAULT_PRESETS[route],
      plannedDoseMg: 100,
      therapist: 'K',
      sitter: 'S',
    }),
  ];
  if (dosed) events.push(ev('dose', 0, { mg: 100, booster: false }));
  for (const x of extra) {
    events.push(
      x.kind === 'vitals'
        ? ev('vitals', x.min, { values: x.values ?? { systolic: 120, diastolic: 80 }, preDose: x.min < 0, alerts: [] })
        : ev('observation', x.min, { tags: ['resting quietly'], text: undefined }),
    );
  }
  return foldSession(events)!;
}
const dueAt = (route: RouteId, now: number, extra: Parameters<typeof session>[1] = [], dosed = true) => {
  const s = session(route, extra, dosed);
  return dueItems(s, computeTimeline(s.preset, s.doses, s.marks, now), now, 'UTC');
};
const byId = (items: ReturnType<typeof dueItems>) => Object.fromEntries(items.map((i) => [i.id, i.status]));

describe('what is due, for each preset', () => {
  for (const route of ROUTE_IDS) {
    it(`${route}: baseline, +40 required, the preset's cadence, and a pre-discharge set before the earliest discharge`, () => {
      const preset = DEFAULT_PRESETS[route];
      const items = dueAt(route, at(1), [{ kind: 'vitals', min: -10 }]);
      const vitals = items.filter((i) => i.kind === 'vitals');
      expect(vitals[0]).toMatchObject({ id: 'vitals-baseline', status: 'done', required: true });
      expect(vitals.find((i) => i.id === 'vitals-40')).toMatchObject({ required: true, dueAt: at(40) });
      const discharge = computeTimeline(preset, [{ at: T0 }], [], at(1)).earliestDischargeAt!;
      expect(vitals.at(-1)).toMatchObject({ id: 'vitals-pre-discharge', dueAt: discharge - 10 * MIN, required: true });
      // Every scheduled time is one of the preset's minutes or a step of its cadence after them.
      const minutes = vitals.slice(1, -1).map((i) => (i.dueAt - T0) / MIN);
      const fixed = minutes.filter((m) => preset.vitals.atMin.includes(m));
      const cadence = minutes.slice(fixed.length);
      cadence.forEach((m, i) =>
        expect(m - (i === 0 ? fixed.at(-1)! : cadence[i - 1]!)).toBe(preset.vitals.thenEveryMin),
      );
      expect(items.find((i) => i.kind === 'check_in')).toMatchObject({ dueAt: at(preset.checkInEveryMin) });
    });
  }

  it('before the dose only the baseline is due; dosing without it makes it overdue', () => {
    expect(dueAt('sublingual', at(-5), [], false).map((i) => [i.id, i.status])).toEqual([['vitals-baseline', 'due']]);
    expect(byId(dueAt('sublingual', at(1)))['vitals-baseline']).toBe('overdue');
  });

  it('a scheduled set turns due, then overdue, and the matching reading clears it', () => {
    const base = [{ kind: 'vitals' as const, min: -10 }];
    expect(byId(dueAt('sublingual', at(30), base))['vitals-40']).toBe('upcoming');
    expect(byId(dueAt('sublingual', at(38), base))['vitals-40']).toBe('due');
    expect(byId(dueAt('sublingual', at(46), base))['vitals-40']).toBe('overdue');
    expect(byId(dueAt('sublingual', at(46), [...base, { kind: 'vitals', min: 46 }]))['vitals-40']).toBe('done');
  });

  it('a reading without BP (SpO2 only) does not meet a scheduled set', () => {
    expect(
      byId(
        dueAt('sublingual', at(46), [
          { kind: 'vitals', min: -10 },
          { kind: 'vitals', min: 41, values: { spo2: 97 } },
        ]),
      )['vitals-40'],
    ).toBe('overdue');
  });

  it('a missed optional set becomes "missed" once a later one is met; the required +40 stays overdue', () => {
    const items = byId(
      dueAt('sublingual', at(62), [
        { kind: 'vitals', min: -10 },
        { kind: 'vitals', min: 60 },
      ]),
    );
    expect(items['vitals-20']).toBe('missed');
    expect(items['vitals-40']).toBe('overdue');
    expect(items['vitals-60']).toBe('done');
  });

  it("writes its labels' clock times in the zone it is given: a booster's 40-minute vitals name the booster's time there", () => {
    const ev = (seq: number, kind: StoredEvent['kind'], min: number, payload: unknown) =>
      ({ sessionId: 's', seq, kind, occurredAt: at(min), recordedAt: at(min), author: 'Sam', payload }) as StoredEvent;
    const s = foldSession([
      ev(1, 'session_started', -20, {
        patientRef: 'AB',
        presetId: 'im',
        preset: DEFAULT_PRESETS.im,
        plannedDoseMg: 60,
        therapist: 'K',
        sitter: 'S',
      }),
      ev(2, 'dose', 0, { mg: 60, booster: false }),
      ev(3, 'dose', 30, { mg: 20, booster: true }),
    ])!;
    const label = (zone: string) =>
      dueItems(s, computeTimeline(s.preset, s.doses, s.marks, at(31)), at(31), zone).find(
        (i) => i.id === 'vitals-40-after-3',
      )!.label;
    expect(label('UTC')).toBe('Vitals 40 min after the booster at 09:30');
    expect(label('America/Los_Angeles')).toBe('Vitals 40 min after the booster at 01:30');
    expect(label('Asia/Kolkata')).toBe('Vitals 40 min after the booster at 15:00');
  });

  it('Spravato has one 40-minute BP, counted from the last device: no second item per device, and a reading 40 min after device 1 does not meet it', () => {
    const ev = (seq: number, kind: StoredEvent['kind'], min: number, payload: unknown) =>
      ({ sessionId: 's', seq, kind, occurredAt: at(min), recordedAt: at(min), author: 'Sam', payload }) as StoredEvent;
    const events = [
      ev(1, 'session_started', -20, {
        patientRef: 'SP',
        presetId: 'spravato',
        preset: DEFAULT_PRESETS.spravato,
        plannedDoseMg: 84,
        therapist: 'K',
        sitter: 'S',
      }),
      ev(2, 'dose', 0, { mg: 28, booster: false, device: { n: 1, of: 3 } }),
      ev(3, 'dose', 5, { mg: 28, booster: false, device: { n: 2, of: 3 } }),
      ev(4, 'dose', 10, { mg: 28, booster: false, device: { n: 3, of: 3 } }),
      ev(5, 'vitals', 40, { values: { systolic: 130, diastolic: 80 }, alerts: [] }),
    ];
    const itemsAt = (n: number, min: number) => {
      const s = foldSession(events.slice(0, n))!;
      return dueItems(s, computeTimeline(s.preset, s.doses, s.marks, at(min)), at(min), 'UTC').filter((i) =>
        /40 min/.test(i.label),
      );
    };
    // Three devices, then the clock at +46: one item, 40 min after device 3 (at +50), not yet met by the +40 reading.
    expect(itemsAt(4, 46).map((i) => [i.label, i.dueAt, i.status])).toEqual([
      ['Vitals 40 min after the last device', at(50), 'due'],
    ]);
    expect(itemsAt(5, 46).map((i) => i.status)).toEqual(['due']);
  });

  it('the check-in is due every 15 minutes after the last entry and overdue a minute after', () => {
    expect(dueAt('im', at(14)).find((i) => i.id === 'check-in')!.status).toBe('due');
    expect(dueAt('im', at(16.5)).find((i) => i.id === 'check-in')!.status).toBe('overdue');
    const afterEntry = dueAt('im', at(16.5), [{ kind: 'observation', min: 16 }]).find((i) => i.id === 'check-in')!;
    expect(afterEntry).toMatchObject({ dueAt: at(31), status: 'upcoming' });
  });
});

describe('the pre-discharge vitals agree with the discharge gate', () => {
  it('IV with the infusion end marked late: vitals the gate counts as recent meet the pre-discharge item, never "overdue" beside a ready gate', async () => {
    const t = testRoom();
    const id = await t.dosedSession('iv', 40);
    t.clock.advance(55 * MIN);
    await t.ok('addMark', { sessionId: id, mark: 'infusion_ended', author: 'Dr Kim', ...sign('Dr Kim') });
    t.clock.advance(35 * MIN); // +90: everything but the time, vitals included
    await t.readyButTime(id);
    t.clock.advance(25 * MIN); // +115: 60 min after the marked end; the vitals 25 min old, inside the 30-min window
    const state = t.room.state(id);
    const now = t.clock.now();
    expect(dischargeGate(state, now, 'Dr Kim').ready).toBe(true);
    const item = dueItems(state, computeTimeline(state.preset, state.doses, state.marks, now), now, 'UTC').find(
      (i) => i.id === 'vitals-pre-discharge',
    )!;
    expect(item.status).toBe('done');
    // Once those vitals are older than the window, both say so: the gate holds, the item asks to measure again.
    t.clock.advance(6 * MIN);
    const later = t.clock.now();
    expect(dischargeGate(t.room.state(id), later, 'Dr Kim').ready).toBe(false);
    const again = dueItems(
      t.room.state(id),
      computeTimeline(state.preset, state.doses, state.marks, later),
      later,
      'UTC',
    ).find((i) => i.id === 'vitals-pre-discharge')!;
    expect(again.status).toBe('overdue');
    expect(again.label).toMatch(/is older than 30 min: measure again\)$/);
  });
});
