/**
 * Gated integration of ITU-R BS.1770-4 loudness in constant memory: the 400 ms
 * gating blocks go into a histogram of 0.01 LU bins that keeps each bin's exact
 * energy sum, so only blocks within 0.01 LU of the relative gate can be misjudged.
 */

/** Loudness (LUFS) of a mean-square, channel-weighted energy. */
export const lufs = (energy: number): number => -0.691 + 10 * Math.log10(energy);

export const ABSOLUTE_GATE_LUFS = -70;
export const RELATIVE_GATE_LU = -10;

const BIN_LU = 0.01;
const TOP_LUFS = 10;
const BINS = Math.round((TOP_LUFS - ABSOLUTE_GATE_LUFS) / BIN_LU);

export class GatedIntegrator {
  private readonly energy = new Float64Array(BINS);
  private readonly count = new Uint32Array(BINS);
  private totalEnergy = 0;
  private totalCount = 0;

  /** Adds one gating block's mean-square, channel-weighted energy. */
  add(blockEnergy: number): void {
    const l = lufs(blockEnergy);
    if (!(l > ABSOLUTE_GATE_LUFS)) return;
    const bin = Math.min(BINS - 1, Math.floor((l - ABSOLUTE_GATE_LUFS) / BIN_LU));
    this.energy[bin]! += blockEnergy;
    this.count[bin]! += 1;
    this.totalEnergy += blockEnergy;
    this.totalCount++;
  }

  /** Integrated loudness (LUFS); -Infinity when no block rises above the absolute gate. */
  integrated(): number {
    if (this.totalCount === 0) return -Infinity;
    const gate = lufs(this.totalEnergy / this.totalCount) + RELATIVE_GATE_LU;
    // A bin is kept when its centre lies above the relative gate.
    const first = Math.max(0, Math.floor((gate - ABSOLUTE_GATE_LUFS) / BIN_LU - 0.5) + 1);
    let e = 0;
    let n = 0;
    for (let b = first; b < BINS; b++) {
      e += this.energy[b]!;
      n += this.count[b]!;
    }
    return n === 0 ? -Infinity : lufs(e / n);
  }
}
