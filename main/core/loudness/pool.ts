/**
 * Loudness analysis off the main thread: a pool of worker threads (two, or one on a
 * single-core machine) each measuring one track at a time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RoomError } from '../pure/errors';
import { DEFAULT_TARGET_LUFS, evenLoudnessGainDb } from './gain';
import type { LoudnessMeasurement } from './meter';
import { RISE_FLAG_LU } from './rise';
import type { TrackReply } from './track';
import type { WorkerRequest } from './worker';

/** The worker's compiled file name; the build writes it in dist/loudness/, beside the loudness command. */
export const WORKER_FILE = 'loudness-worker.js';

export interface TrackLoudness extends LoudnessMeasurement {
  ok: true;
  file: string;
  /** sha256 of the file's bytes; null when analysed without a cache. */
  hash: string | null;
  fromCache: boolean;
  /** Gain that brings the track to the target loudness within the true-peak ceiling. */
  gainDb: number;
  /** True when the largest short-window rise reaches RISE_FLAG_LU. */
  riseFlagged: boolean;
}

export interface TrackFailure {
  ok: false;
  file: string;
  /** A sentence for the person at the screen. */
  error: string;
}

export type TrackOutcome = TrackLoudness | TrackFailure;

export interface PoolOptions {
  /** Worker threads; default min(2, cores). */
  size?: number;
  /** The compiled worker; default: WORKER_FILE in the loudness folder of the build (see defaultWorkerUrl). */
  workerUrl?: URL | string;
}

/**
 * Where the compiled worker is, relative to this module as built: every bundle that holds it (dist/host,
 * dist/shell, dist/loudness) sits one folder below dist/, beside dist/loudness/ where the worker is.
 */
export function defaultWorkerUrl(): URL {
  const url = new URL(`../loudness/${WORKER_FILE}`, import.meta.url);
  const found = fs.existsSync(fileURLToPath(url)) ? url : null;
  if (!found)
    throw new RoomError(
      'loudness-worker-missing',
      `The loudness analysis is missing its worker (${WORKER_FILE}). Build the app again with "npm run build".`,
    );
  return found;
}

interface Job {
  request: Omit<WorkerRequest, 'id'>;
  resolve: (reply: TrackReply) => void;
}

interface Slot {
  worker: Worker;
  job: (Job & { id: number }) | null;
}

export class LoudnessPool {
  readonly size: number;
  private readonly workerUrl: URL;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(2, os.availableParallelism()));
    const given = options.workerUrl;
    this.workerUrl =
      given === undefined ? defaultWorkerUrl() : typeof given === 'string' ? pathToFileURL(path.resolve(given)) : given;
  }

  /** Measures one file (or takes it from the cache in `cacheDir`). Never rejects: failures come back as sentences. */
  measure(file: string, cacheDir: string | null = null): Promise<TrackReply> {
    if (this.closed)
      return Promise.resolve({ ok: false, file, error: 'The loudness analysis has been stopped. Start it again.' });
    return new Promise((resolve) => {
      this.queue.push({ request: { file, cacheDir }, resolve });
      this.pump();
    });
  }

  /** Stops the workers; tracks still waiting come back as failures. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0))
      job.resolve({
        ok: false,
        file: job.request.file,
        error: 'The loudness analysis was stopped before this file was measured.',
      });
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = { ...this.queue.shift()!, id: this.nextId++ };
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ ...job.request, id: job.id } satisfies WorkerRequest);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerUrl);
    const slot: Slot = { worker, job: null };
    worker.on('message', (message: { id: number; reply: TrackReply }) => {
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      slot.job = null;
      // An idle worker does not keep the app running.
      worker.unref();
      job.resolve(message.reply);
      this.pump();
    });
    const fail = () => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      const job = slot.job;
      slot.job = null;
      if (job)
        job.resolve({
          ok: false,
          file: job.request.file,
          error: `The loudness of ${path.basename(job.request.file)} could not be measured: the analysis stopped unexpectedly. Try again.`,
        });
      if (!this.closed) this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    this.slots.push(slot);
    return slot;
  }
}

export interface AnalyzeProgress {
  done: number;
  total: number;
  outcome: TrackOutcome;
}

export interface AnalyzeOptions extends PoolOptions {
  /** Cache folder (JSON files named by content hash); without it nothing is cached. */
  cacheDir?: string;
  targetLufs?: number;
  onProgress?: (progress: AnalyzeProgress) => void;
  /** A running pool to use (it is left open); otherwise one is started and stopped for this call. */
  pool?: LoudnessPool;
}

export function toOutcome(reply: TrackReply, targetLufs: number = DEFAULT_TARGET_LUFS): TrackOutcome {
  if (!reply.ok) return reply;
  const m = reply.measurement;
  return {
    ...m,
    ok: true,
    file: reply.file,
    hash: reply.hash,
    fromCache: reply.fromCache,
    gainDb: evenLoudnessGainDb(m.integratedLufs, m.truePeakDbtp, targetLufs),
    riseFlagged: m.maxShortTermRiseLu >= RISE_FLAG_LU,
  };
}

/** Measures every file off the main thread; outcomes come back in the order of `files`. */
export async function analyzeFiles(files: readonly string[], options: AnalyzeOptions = {}): Promise<TrackOutcome[]> {
  const pool = options.pool ?? new LoudnessPool(options);
  let done = 0;
  try {
    return await Promise.all(
      files.map(async (file) => {
        const outcome = toOutcome(await pool.measure(file, options.cacheDir ?? null), options.targetLufs);
        options.onProgress?.({ done: ++done, total: files.length, outcome });
        return outcome;
      }),
    );
  } finally {
    if (!options.pool) await pool.close();
  }
}
