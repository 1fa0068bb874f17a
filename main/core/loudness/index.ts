/**
 * Even loudness: measure tracks (ITU-R BS.1770-4 / EBU R128) and level them to one target.
 *
 * For callers (the admin import, the music library):
 *
 *   const outcomes = await analyzeFiles(absolutePaths, {
 *     cacheDir: path.join(dataDir, 'loudness-cache'), // results kept by content hash: a file seen before is not measured again
 *     targetLufs: settings.music.targetLufs,          // default DEFAULT_TARGET_LUFS (-20)
 *     onProgress: ({ done, total, outcome }) => ...,  // once per file, as each finishes (not in input order)
 *     pool,                                           // optional: a long-lived LoudnessPool; else one is started and stopped per call
 *   });
 *
 * It never rejects for a bad file: outcomes come back in the order of the paths, each either
 *   { ok: true, file, integratedLufs, truePeakDbtp, maxShortTermRiseLu, durationSec, gainDb, riseFlagged, hash, fromCache, ... }
 * (gainDb and riseFlagged are what MusicTrackView carries), or
 *   { ok: false, file, error }  with `error` a sentence for the admin (missing, unreadable or undecodable file).
 * Silent tracks read integratedLufs = truePeakDbtp = -Infinity and gainDb 0.
 * Measuring runs in worker threads (min(2, cores)); the compiled worker is dist/loudness/loudness-worker.js,
 * found beside the calling bundle or in ../host/, or given as `workerUrl`.
 */
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
