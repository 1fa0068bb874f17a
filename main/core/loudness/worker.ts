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
import { analyzeTrack, type TrackRequest } from './track';

/** What the pool asks of a worker: a file's loudness, or its tags and length. */
export type WorkerTask =
  { task: 'loudness'; file: string; cacheDir: TrackRequest['cacheDir'] } | { task: 'info'; file: string };
export type WorkerRequest = WorkerTask & { id: number };

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

port.on('message', (request: WorkerRequest) => {
  const reply =
    request.task === 'info'
      ? readTrackInfo(request.file)
      : analyzeTrack({ file: request.file, cacheDir: request.cacheDir });
  void reply.then((r) => port.postMessage({ id: request.id, reply: r }));
});
