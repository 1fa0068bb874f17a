/**
 * K-weighting (ITU-R BS.1770-4): a high-shelf "head" filter followed by a high-pass
 * "RLB" filter. The two biquads are derived for any sample rate from the analogue
 * prototype the 48 kHz coefficients of the Recommendation come from.
 */

export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

// Prototype parameters that reproduce the Recommendation's 48 kHz coefficients exactly.
const SHELF_HZ = 1681.974450955533;
const SHELF_GAIN_DB = 3.999843853973347;
const SHELF_Q = 0.7071752369554196;
const HIGHPASS_HZ = 38.13547087602444;
const HIGHPASS_Q = 0.5003270373238773;

/** The two K-weighting stages, [shelf, high-pass], for `sampleRate`. */
export function kWeightingCoefficients(sampleRate: number): [Biquad, Biquad] {
  if (!(sampleRate > 2 * SHELF_HZ)) throw new RangeError(`sample rate ${sampleRate} Hz is too low for K-weighting`);
  let k = Math.tan((Math.PI * SHELF_HZ) / sampleRate);
  const vh = Math.pow(10, SHELF_GAIN_DB / 20);
  const vb = Math.pow(vh, 0.4996667741545416);
  let a0 = 1 + k / SHELF_Q + k * k;
  const shelf: Biquad = {
    b0: (vh + (vb * k) / SHELF_Q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / SHELF_Q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / SHELF_Q + k * k) / a0,
  };
  k = Math.tan((Math.PI * HIGHPASS_HZ) / sampleRate);
  a0 = 1 + k / HIGHPASS_Q + k * k;
  const highPass: Biquad = {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / HIGHPASS_Q + k * k) / a0,
  };
  return [shelf, highPass];
}

// Filter states this small are inaudible (< -300 dB); zeroing them keeps the maths out of slow denormals.
const TINY = 1e-15;

/** One channel's K-weighting filter, run in place over segments of a stream. */
export class KWeightingFilter {
  private readonly s: Biquad;
  private readonly h: Biquad;
  // Transposed direct form II state of both stages.
  private s1 = 0;
  private s2 = 0;
  private h1 = 0;
  private h2 = 0;

  constructor(sampleRate: number) {
    [this.s, this.h] = kWeightingCoefficients(sampleRate);
  }

  /** Filters x[start, end) (continuing from the previous call) and returns the sum of the squared output. */
  sumOfSquares(x: Float32Array, start: number, end: number): number {
    const { b0, b1, b2, a1, a2 } = this.s;
    const ha1 = this.h.a1;
    const ha2 = this.h.a2;
    let s1 = this.s1;
    let s2 = this.s2;
    let h1 = this.h1;
    let h2 = this.h2;
    let sum = 0;
    for (let i = start; i < end; i++) {
      const v = x[i]!;
      const u = b0 * v + s1;
      s1 = b1 * v - a1 * u + s2;
      s2 = b2 * v - a2 * u;
      // The high-pass numerator is (1, -2, 1).
      const y = u + h1;
      h1 = -2 * u - ha1 * y + h2;
      h2 = u - ha2 * y;
      sum += y * y;
    }
    this.keep(s1, s2, h1, h2);
    return sum;
  }

  /**
   * Two channels in one pass (same sample rate): the two independent recursions
   * interleave in the CPU, which nearly halves the cost for stereo.
   * Returns the sum of squares of `a`'s output in out[0] and of `b`'s in out[1].
   */
  static sumOfSquaresPair(
    a: KWeightingFilter,
    b: KWeightingFilter,
    xa: Float32Array,
    xb: Float32Array,
    start: number,
    end: number,
    out: Float64Array,
  ): void {
    const { b0, b1, b2, a1, a2 } = a.s;
    const ha1 = a.h.a1;
    const ha2 = a.h.a2;
    let s1 = a.s1,
      s2 = a.s2,
      h1 = a.h1,
      h2 = a.h2;
    let t1 = b.s1,
      t2 = b.s2,
      g1 = b.h1,
      g2 = b.h2;
    let sumA = 0;
    let sumB = 0;
    for (let i = start; i < end; i++) {
      const v = xa[i]!;
      const w = xb[i]!;
      const u = b0 * v + s1;
      const q = b0 * w + t1;
      s1 = b1 * v - a1 * u + s2;
      t1 = b1 * w - a1 * q + t2;
      s2 = b2 * v - a2 * u;
      t2 = b2 * w - a2 * q;
      const y = u + h1;
      const z = q + g1;
      h1 = -2 * u - ha1 * y + h2;
      g1 = -2 * q - ha1 * z + g2;
      h2 = u - ha2 * y;
      g2 = q - ha2 * z;
      sumA += y * y;
      sumB += z * z;
    }
    a.keep(s1, s2, h1, h2);
    b.keep(t1, t2, g1, g2);
    out[0] = sumA;
    out[1] = sumB;
  }

  private keep(s1: number, s2: number, h1: number, h2: number): void {
    this.s1 = Math.abs(s1) < TINY ? 0 : s1;
    this.s2 = Math.abs(s2) < TINY ? 0 : s2;
    this.h1 = Math.abs(h1) < TINY ? 0 : h1;
    this.h2 = Math.abs(h2) < TINY ? 0 : h2;
  }
}
