/** Even loudness: measure tracks (ITU-R BS.1770-4 / EBU R128) and level them to one target. */
export { channelWeights, type ChannelOrder } from './channels';
export { decodeFile, sniffFormat, undecodableSentence, type AudioFormat } from './decode';
export { DEFAULT_TARGET_LUFS, TRUE_PEAK_CEILING_DBTP, evenLoudnessGainDb } from './gain';
export { ABSOLUTE_GATE_LUFS, RELATIVE_GATE_LU } from './gating';
export { kWeightingCoefficients } from './kweighting';
export { measureFile } from './measure-file';
export { LoudnessMeter, type LoudnessMeasurement } from './meter';
export {
  LoudnessPool,
  WORKER_FILE,
  analyzeFiles,
  defaultWorkerUrl,
  type AnalyzeOptions,
  type AnalyzeProgress,
  type TrackFailure,
  type TrackLoudness,
  type TrackOutcome,
} from './pool';
export { RISE_FLAG_LU, RISE_LOOKBACK_SEC, SHORT_TERM_SEC } from './rise';
