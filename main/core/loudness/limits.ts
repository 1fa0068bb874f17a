/**
 * What one audio file may take from the worker threads that read it: a file past these is left out with a sentence,
 * so a broken or hostile file can neither hang an import nor take the room's memory.
 */

/** Reading a file's tags and length, and the least time measuring its loudness may take. */
export const READ_TIME_LIMIT_MS = 30_000;
/** Measuring loudness may take this fraction of the length the file declares, when that is more than READ_TIME_LIMIT_MS (10x real time). */
export const MEASURE_TIME_PER_AUDIO_SECOND_MS = 100;
/** When the file declares no length: the most measuring may take. */
export const MEASURE_TIME_UNKNOWN_LENGTH_MS = 10 * 60_000;
/** The memory one worker may use (its heap, and the buffers and decoders' memory beside it). */
export const WORKER_MEMORY_LIMIT_MB = 384;
/** How a worker that went past its memory cap ends (its 'exit' code). */
export const MEMORY_EXIT_CODE = 75;

/** The time measuring a track of this declared length may take. */
export function measureTimeLimitMs(base: number, durationSec: number | null | undefined): number {
  if (durationSec === null || durationSec === undefined || !Number.isFinite(durationSec))
    return Math.max(base, MEASURE_TIME_UNKNOWN_LENGTH_MS);
  return Math.max(base, Math.ceil(durationSec * MEASURE_TIME_PER_AUDIO_SECOND_MS));
}

const seconds = (ms: number) => (ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(1));

export const tookTooLong = (name: string, ms: number) =>
  `${name}: took longer than ${seconds(ms)} s to read; it was left out.`;
export const neededTooMuch = (name: string, mb: number) =>
  `${name}: needed more than ${mb} MB to read; it was left out.`;
