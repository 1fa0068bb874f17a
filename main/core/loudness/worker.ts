/**
 * The loudness worker thread: measures one track at a time for the pool in pool.ts.
 * Built by esbuild as its own entry, dist/loudness/loudness-worker.js.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeTrack, type TrackRequest } from './track';

export interface WorkerRequest extends TrackRequest {
  id: number;
}

const port = parentPort;
if (!port) throw new Error('the loudness worker runs only inside a worker thread');

port.on('message', (request: WorkerRequest) => {
  void analyzeTrack(request).then((reply) => port.postMessage({ id: request.id, reply }));
});
