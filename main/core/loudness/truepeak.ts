/**
 * True peak per ITU-R BS.1770-4 Annex 2: 4x oversampling through the Annex's
 * 48-tap interpolation filter (4 phases of 12 taps); the true peak is the largest
 * magnitude of the oversampled signal on any channel (and never less than the sample peak).
 */

/** The Annex 2 filter, one row per phase: phase q outputs y = sum_j PHASES[q][j] * x[n - j]. */
export const TRUE_PEAK_PHASES: readonly (readonly number[])[] = [
  [
    0.001708984375, 0.010986328125, -0.0196533203125, 0.033203125, -0.0594482421875, 0.1373291015625, 0.97216796875,
    -0.102294921875, 0.047607421875, -0.026611328125, 0.014892578125, -0.00830078125,
  ],
  [
    -0.0291748046875, 0.029296875, -0.0517578125, 0.089111328125, -0.16650390625, 0.465087890625, 0.77978515625,
    -0.2003173828125, 0.1015625, -0.0582275390625, 0.0330810546875, -0.0189208984375,
  ],
  [
    -0.0189208984375, 0.0330810546875, -0.0582275390625, 0.1015625, -0.2003173828125, 0.77978515625, 0.465087890625,
    -0.16650390625, 0.089111328125, -0.0517578125, 0.029296875, -0.0291748046875,
  ],
  [
    -0.00830078125, 0.014892578125, -0.026611328125, 0.047607421875, -0.102294921875, 0.97216796875, 0.1373291015625,
    -0.0594482421875, 0.033203125, -0.0196533203125, 0.010986328125, 0.001708984375,
  ],
];

const TAPS = 12;
const HISTORY = TAPS - 1;
// Outputs are examined in runs of BLOCK; a run is skipped when even its largest possible value cannot beat the peak so far.
const BLOCK = 16;
/** No phase can output more than GAIN_BOUND times the largest input magnitude under its 12 taps. */
const GAIN_BOUND = Math.max(...TRUE_PEAK_PHASES.map((p) => p.reduce((s, c) => s + Math.abs(c), 0)));
/** A run whose inputs all lie at or below (twice the peak) * HALF_INVERSE_GAIN cannot raise the peak. */
const HALF_INVERSE_GAIN = 1 / (2 * GAIN_BOUND);

// Phase 3 is phase 0 reversed and phase 2 is phase 1 reversed, so each pair is computed
// from the sums s_j = x[n-j] + x[n-11+j] and differences d_j = x[n-j] - x[n-11+j], j < 6:
// (y0 + y3) = sum_j (c0[j] + c0[11-j]) s_j, (y0 - y3) = sum_j (c0[j] - c0[11-j]) d_j, likewise
// for phases 1 and 2, and max(|y0|, |y3|) = (|y0 + y3| + |y0 - y3|) / 2. The folded coefficients
// are written out as literals below (V8 keeps literals in the instruction stream; the unit
// tests check them against TRUE_PEAK_PHASES).

/** Tracks the true peak of all channels of a stream, in constant memory. */
export class TruePeakMeter {
  /** Largest magnitude of the oversampled signal so far (linear). */
  peak = 0;
  /** Largest sample magnitude so far (linear). */
  samplePeak = 0;
  /** Per channel: the last HISTORY samples, then the current chunk. */
  private windows: Float32Array[];
  private blockMax = new Float32Array(0);

  constructor(channelCount: number) {
    this.windows = Array.from({ length: channelCount }, () => new Float32Array(HISTORY + 4096));
  }

  /** Feeds x[c][0, length) for every channel c. The buffers only grow to the largest chunk the decoder hands over. */
  push(channels: readonly Float32Array[], length: number): void {
    if (length <= 0) return;
    const total = HISTORY + length;
    const blocks = Math.ceil(total / BLOCK);
    if (this.blockMax.length < blocks + 1) this.blockMax = new Float32Array(blocks + 1);
    for (let c = 0; c < this.windows.length; c++) {
      let w = this.windows[c]!;
      if (w.length < total) {
        const grown = new Float32Array(total);
        grown.set(w.subarray(0, HISTORY));
        this.windows[c] = w = grown;
      }
      const x = channels[c]!;
      w.set(length === x.length ? x : x.subarray(0, length), HISTORY);
      this.scan(w, length, blocks);
      w.copyWithin(0, length, total);
    }
  }

  private scan(w: Float32Array, length: number, blocks: number): void {
    const total = HISTORY + length;
    const bm = this.blockMax;
    let samplePeak = this.samplePeak;
    for (let b = 0; b < blocks; b++) {
      const end = Math.min(total, (b + 1) * BLOCK);
      let m = 0;
      for (let i = b * BLOCK; i < end; i++) {
        const a = Math.abs(w[i]!);
        if (a > m) m = a;
      }
      bm[b] = m;
      if (m > samplePeak) samplePeak = m;
    }
    bm[blocks] = 0;
    this.samplePeak = samplePeak;

    // The folded sums give twice the larger magnitude of each phase pair.
    let twice = 2 * Math.max(this.peak, samplePeak);
    let floor = twice * HALF_INVERSE_GAIN;
    // Output n uses w[n .. n + 11] (x[n - j] = w[n + 11 - j]), which lies within runs n/BLOCK and n/BLOCK + 1.
    for (let b = 0; b * BLOCK < length; b++) {
      if (bm[b]! <= floor && bm[b + 1]! <= floor) continue;
      const end = Math.min(length, (b + 1) * BLOCK);
      for (let n = b * BLOCK; n < end; n++) {
        const x0 = w[n + 11]!,
          x1 = w[n + 10]!,
          x2 = w[n + 9]!,
          x3 = w[n + 8]!,
          x4 = w[n + 7]!,
          x5 = w[n + 6]!;
        const x6 = w[n + 5]!,
          x7 = w[n + 4]!,
          x8 = w[n + 3]!,
          x9 = w[n + 2]!,
          x10 = w[n + 1]!,
          x11 = w[n]!;
        const s0 = x0 + x11,
          s1 = x1 + x10,
          s2 = x2 + x9,
          s3 = x3 + x8,
          s4 = x4 + x7,
          s5 = x5 + x6;
        const d0 = x0 - x11,
          d1 = x1 - x10,
          d2 = x2 - x9,
          d3 = x3 - x8,
          d4 = x4 - x7,
          d5 = x5 - x6;
        const p03 =
          -0.006591796875 * s0 +
          0.02587890625 * s1 -
          0.0462646484375 * s2 +
          0.080810546875 * s3 -
          0.1617431640625 * s4 +
          1.1094970703125 * s5;
        const m03 =
          0.010009765625 * d0 -
          0.00390625 * d1 +
          0.0069580078125 * d2 -
          0.014404296875 * d3 +
          0.0428466796875 * d4 -
          0.8348388671875 * d5;
        const p12 =
          -0.048095703125 * s0 +
          0.0623779296875 * s1 -
          0.1099853515625 * s2 +
          0.190673828125 * s3 -
          0.3668212890625 * s4 +
          1.244873046875 * s5;
        const m12 =
          -0.01025390625 * d0 -
          0.0037841796875 * d1 +
          0.0064697265625 * d2 -
          0.012451171875 * d3 +
          0.0338134765625 * d4 -
          0.314697265625 * d5;
        const m = Math.max(Math.abs(p03) + Math.abs(m03), Math.abs(p12) + Math.abs(m12));
        if (m > twice) twice = m;
      }
      floor = twice * HALF_INVERSE_GAIN;
    }
    this.peak = twice / 2;
  }
}
