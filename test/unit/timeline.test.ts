import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESETS, ROUTE_IDS, type RouteId } from '../../main/core/timeline/presets';
import { computeTimeline, type Phase } from '../../main/core/pure/timeline/timeline';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 22, 9, 0);
const at = (min: number) => T0 + min * MIN;

/** For each route: the phase at chosen minutes after a single dose, and the earliest discharge in minutes. */
const EXPECTED: Record<RouteId, { phases: [number, Phase][]; dischargeMin: number }> = {
  iv: {
    phases: [
      [-1, 'settling'],
      [10, 'onset'],
      [30, 'peak'],
      [44, 'peak'],
      [45, 'return'],
      [99, 'return'],
      [100, 'after'],
    ],
    dischargeMin: 100,
  },
  im: {
    phases: [
      [1, 'onset'],
      [5, 'peak'],
      [19, 'peak'],
      [20, 'return'],
      [59, 'return'],
      [60, 'after'],
    ],
    dischargeMin: 90,
  },
  intranasal: {
    phases: [
      [14, 'onset'],
      [15, 'peak'],
      [30, 'return'],
      [89, 'return'],
      [90, 'after'],
    ],
    dischargeMin: 120,
  },
  spravato: {
    phases: [
      [34, 'onset'],
      [35, 'peak'],
      [45, 'return'],
      [119, 'return'],
      [120, 'after'],
    ],
    dischargeMin: 120,
  },
  sublingual: {
    phases: [
      [0, 'onset'],
      [39, 'onset'],
      [40, 'peak'],
      [59, 'peak'],
      [60, 'return'],
      [89, 'return'],
      [90, 'after'],
    ],
    dischargeMin: 120,
  },
  oral: {
    phases: [
      [44, 'onset'],
      [45, 'peak'],
      [90, 'return'],
      [239, 'return'],
      [240, 'after'],
    ],
    dischargeMin: 180,
  },
};

describe('timeline for every route preset', () => {
  for (const route of ROUTE_IDS) {
    it(`${route}: phases at chosen minutes and the earliest discharge`, () => {
      const preset = DEFAULT_PRESETS[route];
      for (const [minute, phase] of EXPECTED[route].phases) {
        const t = computeTimeline(preset, [{ at: T0 }], [], at(minute));
        expect({ minute, phase: t.phase }).toEqual({ minute, phase });
      }
      const t = computeTimeline(preset, [{ at: T0 }], [], at(10));
      expect((t.earliestDischargeAt! - T0) / MIN).toBe(EXPECTED[route].dischargeMin);
      expect(t.bands!.peak).toEqual({ from: at(preset.peak.min), to: at(preset.peak.max) });
    });
  }

  it('the lozenge preset shows the expected 40-60 minute peak window and counts down to it', () => {
    const t = computeTimeline(DEFAULT_PRESETS.sublingual, [{ at: T0 }], [], at(25));
    expect(t.phase).toBe('onset');
    expect(t.bands!.peak).toEqual({ from: at(40), to: at(60) });
    expect(t.next).toEqual({ phase: 'peak', at: at(40), inMs: 15 * MIN });
    expect(t.elapsedMs).toBe(25 * MIN);
  });

  it('before any dose the session is settling with nothing to count', () => {
    const t = computeTimeline(DEFAULT_PRESETS.im, [], [], T0);
    expect(t).toMatchObject({
      dosed: false,
      phase: 'settling',
      bands: null,
      next: null,
      earliestDischargeAt: null,
      elapsedMs: 0,
    });
  });
});

describe('boosters', () => {
  const lozenge = DEFAULT_PRESETS.sublingual;

  it('a booster during the peak restarts the later phases and the earliest discharge from its own time', () => {
    const t = computeTimeline(lozenge, [{ at: T0 }, { at: at(50) }], [], at(70));
    expect(t.bands!.peak).toEqual({ from: at(40), to: at(50 + 60) }); // peak already begun stays; its end restarts
    expect(t.phase).toBe('peak');
    expect(t.earliestDischargeAt).toBe(at(50 + 120));
    expect(t.elapsedMs).toBe(70 * MIN); // T+ still counts from the first dose
  });

  it('the earliest discharge follows the LAST dose even when a booster is entered out of order', () => {
    const t = computeTimeline(DEFAULT_PRESETS.im, [{ at: at(30) }, { at: T0 }], [], at(40));
    expect(t.firstDoseAt).toBe(T0);
    expect(t.earliestDischargeAt).toBe(at(30 + 90));
  });

  it('an IV booster keeps the wait of 60 minutes after the infusion ends', () => {
    const iv = DEFAULT_PRESETS.iv;
    const t = computeTimeline(iv, [{ at: T0 }], [{ kind: 'infusion_ended', at: at(55) }], at(60));
    expect(t.earliestDischargeAt).toBe(at(115)); // 55 + 60 is later than 0 + 100
    expect(t.dischargeRule).toMatch(/after the infusion ended/);
  });
});

describe('marks: the arc follows what was observed', () => {
  const lozenge = DEFAULT_PRESETS.sublingual;

  it('"peak reached" early moves the peak and everything after it to the observation', () => {
    const t = computeTimeline(lozenge, [{ at: T0 }], [{ kind: 'peak_reached', at: at(30) }], at(31));
    expect(t.phase).toBe('peak');
    expect(t.bands!.peak).toEqual({ from: at(30), to: at(50) });
    expect(t.bands!.effectsEnd).toEqual({ from: at(50), to: at(80) });
    expect(t.earliestDischargeAt).toBe(at(120)); // a mark never shortens the discharge wait
  });

  it('"returning" ends the peak at the observation and the next boundary follows it', () => {
    const t = computeTimeline(lozenge, [{ at: T0 }], [{ kind: 'returning', at: at(52) }], at(53));
    expect(t.phase).toBe('return');
    expect(t.bands!.peak.to).toBe(at(52));
    expect(t.next).toEqual({ phase: 'after', at: at(82), inMs: 29 * MIN });
  });

  it('a late peak keeps the session in onset until it is marked', () => {
    const withoutMark = computeTimeline(lozenge, [{ at: T0 }], [], at(45));
    expect(withoutMark.phase).toBe('peak');
    const marked = computeTimeline(lozenge, [{ at: T0 }], [{ kind: 'peak_reached', at: at(50) }], at(65));
    expect(marked.phase).toBe('peak');
    expect(marked.bands!.peak).toEqual({ from: at(50), to: at(70) });
  });
});

describe('an observation counts from its own moment', () => {
  it('a "peak reached" stamped a moment after now leaves the phase where it was, never stepping back to onset', () => {
    const im = DEFAULT_PRESETS.im;
    const markAt = at(45) + 800;
    expect(computeTimeline(im, [{ at: T0 }], [{ kind: 'peak_reached', at: markAt }], at(45)).phase).toBe('return');
    expect(computeTimeline(im, [{ at: T0 }], [{ kind: 'peak_reached', at: markAt }], markAt).phase).toBe('peak');
  });

  it('an infusion end stamped a moment after now still sets the discharge wait', () => {
    const iv = DEFAULT_PRESETS.iv;
    const t = computeTimeline(iv, [{ at: T0 }], [{ kind: 'infusion_ended', at: at(55) + 800 }], at(55));
    expect(t.earliestDischargeAt).toBe(at(115) + 800);
  });
});
