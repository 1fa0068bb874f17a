/**
 * The even-loudness gain rule: bring a track to the target loudness, but never so far
 * that its true peak would pass the ceiling.
 */

export const DEFAULT_TARGET_LUFS = -20;
export const TRUE_PEAK_CEILING_DBTP = -1;

/**
 * gainDb = target - integrated, limited so that truePeak + gainDb <= ceiling.
 * A silent track (integrated -Infinity) gets 0 dB: there is nothing to level.
 */
export function evenLoudnessGainDb(
  integratedLufs: number,
  truePeakDbtp: number,
  targetLufs: number = DEFAULT_TARGET_LUFS,
  ceilingDbtp: number = TRUE_PEAK_CEILING_DBTP,
): number {
  if (!Number.isFinite(integratedLufs)) return 0;
  const toTarget = targetLufs - integratedLufs;
  if (!Number.isFinite(truePeakDbtp)) return toTarget;
  return Math.min(toTarget, ceilingDbtp - truePeakDbtp);
}
