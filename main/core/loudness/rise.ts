/**
 * Short-term loudness (3 s window, EBU R128) and the largest short-window rise.
 *
 * The rise catches a quiet track that suddenly gets loud, which integrated loudness
 * alone misses. Definition, evaluated every 100 ms once 3 s of audio have been heard:
 *
 *   H(t)    = loudness (LUFS) of the last 3 s, leaving out the 100 ms steps at or below
 *             the absolute gate (-70 LUFS), i.e. silence; undefined when all 30 are silent.
 *   rise(t) = H(t) - min { H(u) : t - 10 s <= u < t, H(u) defined }
 *   maxShortTermRiseLu = max over t of rise(t), or 0 when nothing is compared.
 *
 * Leaving silence out means a pause between movements, or a gap before a track resumes
 * at its old level, is not a rise. A fade-in from silence to a loud level within a few
 * seconds is one (the listener hears near-nothing become loud). A track is flagged when
 * its largest rise reaches RISE_FLAG_LU.
 *
 * maxShortTermLufs is the plain EBU R128 short-term loudness (silence included).
 */
import { ABSOLUTE_GATE_LUFS, lufs } from './gating';

export const SHORT_TERM_SEC = 3;
export const RISE_LOOKBACK_SEC = 10;
/** A track whose largest short-window rise reaches this many LU is flagged as startling. */
export const RISE_FLAG_LU = 10;

/** The tracker is fed in 100 ms steps. */
const STEPS_PER_SEC = 10;
const WINDOW_STEPS = SHORT_TERM_SEC * STEPS_PER_SEC;
const LOOKBACK_STEPS = RISE_LOOKBACK_SEC * STEPS_PER_SEC;

export class ShortTermRise {
  private readonly energy = new Float64Array(WINDOW_STEPS);
  private readonly samples = new Float64Array(WINDOW_STEPS);
  private readonly heard = new Uint8Array(WINDOW_STEPS);
  /** H over the last LOOKBACK_STEPS steps; NaN where undefined. */
  private readonly recent = new Float64Array(LOOKBACK_STEPS).fill(NaN);
  private steps = 0;
  /** Largest short-term loudness (LUFS). */
  maxShortTerm = -Infinity;
  /** Largest rise (LU). */
  maxRise = 0;

  /** Adds one 100 ms step: its channel-weighted sum of squares and its length in samples. */
  addStep(energySum: number, sampleCount: number): void {
    const slot = this.steps % WINDOW_STEPS;
    this.energy[slot] = energySum;
    this.samples[slot] = sampleCount;
    this.heard[slot] = lufs(energySum / sampleCount) > ABSOLUTE_GATE_LUFS ? 1 : 0;
    this.steps++;
    if (this.steps < WINDOW_STEPS) return;

    let e = 0;
    let n = 0;
    let heardE = 0;
    let heardN = 0;
    for (let i = 0; i < WINDOW_STEPS; i++) {
      e += this.energy[i]!;
      n += this.samples[i]!;
      if (this.heard[i]) {
        heardE += this.energy[i]!;
        heardN += this.samples[i]!;
      }
    }
    const s = lufs(e / n);
    if (s > this.maxShortTerm) this.maxShortTerm = s;

    const h = heardN > 0 ? lufs(heardE / heardN) : NaN;
    if (!Number.isNaN(h)) {
      let low = Infinity;
      for (let i = 0; i < LOOKBACK_STEPS; i++) {
        const v = this.recent[i]!;
        if (v < low) low = v;
      }
      if (h - low > this.maxRise) this.maxRise = h - low;
    }
    this.recent[(this.steps - WINDOW_STEPS) % LOOKBACK_STEPS] = h;
  }
}
