/**
 * Streaming ITU-R BS.1770-4 / EBU R128 meter: feed it planar Float32 chunks of any
 * size; memory stays constant however long the track is.
 */
import { GatedIntegrator } from './gating';
import { KWeightingFilter } from './kweighting';
import { ShortTermRise } from './rise';
import { TruePeakMeter } from './truepeak';

export interface LoudnessMeasurement {
  /** Gated integrated loudness (LUFS); -Infinity for silence. */
  integratedLufs: number;
  /** True peak (dBTP); -Infinity for digital silence. */
  truePeakDbtp: number;
  /** Sample peak (dBFS). */
  samplePeakDbfs: number;
  /** Loudest 3 s window (LUFS); -Infinity when shorter than 3 s or silent. */
  maxShortTermLufs: number;
  /** Largest short-window rise (LU), see rise.ts. */
  maxShortTermRiseLu: number;
  durationSec: number;
  sampleRate: number;
  channels: number;
}

const toDb = (linear: number): number => 20 * Math.log10(linear);

export class LoudnessMeter {
  private readonly filters: (KWeightingFilter | null)[];
  private readonly peaks: TruePeakMeter;
  private readonly stepEnergy: Float64Array;
  private readonly pair = new Float64Array(2);
  private readonly gating = new GatedIntegrator();
  private readonly shortTerm = new ShortTermRise();
  /** The last four 100 ms steps make one 400 ms gating block (75% overlap). */
  private readonly lastSteps = new Float64Array(8);
  private stepIndex = 0;
  private stepStart = 0;
  private stepEnd: number;
  private samplesSeen = 0;

  constructor(
    readonly sampleRate: number,
    private readonly weights: readonly number[],
  ) {
    if (weights.length === 0) throw new RangeError('a meter needs at least one channel');
    this.filters = weights.map((w) => (w > 0 ? new KWeightingFilter(sampleRate) : null));
    this.peaks = new TruePeakMeter(weights.length);
    this.stepEnergy = new Float64Array(weights.length);
    this.stepEnd = this.boundary(1);
  }

  get channelCount(): number {
    return this.weights.length;
  }

  /** Feeds one chunk: one array per channel, `length` samples each (default: the first array's length). */
  push(channels: readonly Float32Array[], length = channels[0]?.length ?? 0): void {
    if (channels.length !== this.weights.length)
      throw new RangeError(`expected ${this.weights.length} channels, got ${channels.length}`);
    let pos = 0;
    while (pos < length) {
      const take = Math.min(length - pos, this.stepEnd - this.samplesSeen);
      this.filterSpan(channels, pos, pos + take);
      pos += take;
      this.samplesSeen += take;
      if (this.samplesSeen === this.stepEnd) this.closeStep();
    }
    this.peaks.push(channels, length);
  }

  private filterSpan(channels: readonly Float32Array[], start: number, end: number): void {
    const f = this.filters;
    let c = 0;
    // Channels go through in pairs where both count (see KWeightingFilter.sumOfSquaresPair).
    for (; c + 1 < channels.length; c += 2) {
      const fa = f[c];
      const fb = f[c + 1];
      if (fa && fb) {
        KWeightingFilter.sumOfSquaresPair(fa, fb, channels[c]!, channels[c + 1]!, start, end, this.pair);
        this.stepEnergy[c]! += this.pair[0]!;
        this.stepEnergy[c + 1]! += this.pair[1]!;
      } else {
        if (fa) this.stepEnergy[c]! += fa.sumOfSquares(channels[c]!, start, end);
        if (fb) this.stepEnergy[c + 1]! += fb.sumOfSquares(channels[c + 1]!, start, end);
      }
    }
    const last = f[c];
    if (c < channels.length && last) this.stepEnergy[c]! += last.sumOfSquares(channels[c]!, start, end);
  }

  /** The measurement so far (a partial last step is left out, as BS.1770 leaves out incomplete blocks). */
  result(): LoudnessMeasurement {
    return {
      integratedLufs: this.gating.integrated(),
      truePeakDbtp: toDb(this.peaks.peak),
      samplePeakDbfs: toDb(this.peaks.samplePeak),
      maxShortTermLufs: this.shortTerm.maxShortTerm,
      maxShortTermRiseLu: this.shortTerm.maxRise,
      durationSec: this.samplesSeen / this.sampleRate,
      sampleRate: this.sampleRate,
      channels: this.weights.length,
    };
  }

  /** Sample index where 100 ms step `k` ends (exact for rates that are not a multiple of 10). */
  private boundary(k: number): number {
    return Math.round((k * this.sampleRate) / 10);
  }

  private closeStep(): void {
    let energy = 0;
    for (let c = 0; c < this.weights.length; c++) {
      energy += this.weights[c]! * this.stepEnergy[c]!;
      this.stepEnergy[c] = 0;
    }
    const count = this.stepEnd - this.stepStart;
    // lastSteps holds [energy, count] pairs for the last four steps.
    const slot = (this.stepIndex % 4) * 2;
    this.lastSteps[slot] = energy;
    this.lastSteps[slot + 1] = count;
    this.stepIndex++;
    if (this.stepIndex >= 4) {
      const l = this.lastSteps;
      this.gating.add((l[0]! + l[2]! + l[4]! + l[6]!) / (l[1]! + l[3]! + l[5]! + l[7]!));
    }
    this.shortTerm.addStep(energy, count);
    this.stepStart = this.stepEnd;
    this.stepEnd = this.boundary(this.stepIndex + 1);
  }
}
