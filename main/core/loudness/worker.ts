/**
 * The loudness worker thread: reads one file at a time for the pool in pool.ts, its tags and length or its loudness.
 * Built by esbuild as its own entry, dist/loudness/loudness-worker.js.
 *
 * Its heap is capped by the pool (resourceLimits); what V8's heap limit does not count (buffers, the decoders' memory)
 * is watched here, and past the cap the thread ends itself with MEMORY_EXIT_CODE (limits.ts), which the pool reports in a sentence.
 */
import v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { MEMORY_EXIT_CODE } from './limits';
import { readTrackInfo } from './track-info';
import { analyzeTrack, type TrackReply, type TrackRequest } from './track';
import type { TrackInfo } from './track-info';

/** What the pool asks of a worker: a file's loudness, its tags and length, or both in one visit (an import). */
export type WorkerTask =
  | { task: 'loudness'; file: string; cacheDir: TrackRequest['cacheDir'] }
  | { task: 'info'; file: string }
  | { task: 'import'; file: string; cacheDir: TrackRequest['cacheDir']; hash: string; maxDurationSec: number };
export type WorkerRequest = WorkerTask & { id: number };

/**
 * An imported file's tags, then (unless it declares a length past `maxDurationSec`) its loudness: `track` null when it
 * was not measured.
 */
export type ImportReply =
  { ok: true; file: string; info: TrackInfo; track: TrackReply | null } | { ok: false; file: string; error: string };

/** Sent while an import job runs, once its tags are read: the length it declares, which sets its measuring time. */
export interface ImportProgress {
  id: number;
  declaredSec: number | null;
}

const port = parentPort;
if (!port) throw new Error('the loudness worker runs only inside a worker thread');

const capBytes = Number((workerData as { memoryLimitMb?: number } | null)?.memoryLimitMb ?? 0) * 1024 * 1024;
if (capBytes > 0) {
  const watch = setInterval(() => {
    const heap = v8.getHeapStatistics();
    if (heap.used_heap_size + heap.external_memory > capBytes) process.exit(MEMORY_EXIT_CODE);
  }, 25);
  watch.unref();
}

async function importTrack(request: Extract<WorkerRequest, { task: 'import' }>): Promise<ImportReply> {
  const read = await readTrackInfo(request.file, { scan: false });
  if (!read.ok) return read;
  const declaredSec = read.info.durationSec;
  port!.postMessage({ id: request.id, declaredSec } satisfies ImportProgress);
  if (declaredSec !== null && declaredSec > request.maxDurationSec)
    return { ok: true, file: request.file, info: read.info, track: null };
  const track = await analyzeTrack({ file: request.file, cacheDir: request.cacheDir, hash: request.hash });
  return { ok: true, file: request.file, info: read.info, track };
}

port.on('message', (request: WorkerRequest) => {
  const reply =
    request.task === 'info'
      ? readTrackInfo(request.file)
      : request.task === 'import'
        ? importTrack(request)
        : analyzeTrack({ file: request.file, cacheDir: request.cacheDir });
  void reply.then((r) => port.postMessage({ id: request.id, reply: r }));
});
