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
import {
  measureTimeLimitMs,
  MEMORY_EXIT_CODE,
  neededTooMuch,
  READ_TIME_LIMIT_MS,
  tookTooLong,
  WORKER_MEMORY_LIMIT_MB,
} from './limits';
import type { TrackReply } from './track';
import type { InfoReply } from './track-info';
import type { ImportProgress, ImportReply, WorkerTask } from './worker';

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
  /** How long reading a file's tags may take, and the least measuring may (limits.ts; 30 s). */
  timeLimitMs?: number;
  /** The memory one worker may use, in MB (limits.ts; 384). */
  memoryLimitMb?: number;
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

type Request = WorkerTask;
type Reply = TrackReply | InfoReply | ImportReply;

interface Job {
  request: Request;
  timeLimitMs: number;
  resolve: (reply: Reply) => void;
}

interface Slot {
  worker: Worker;
  job: (Job & { id: number }) | null;
  timer: ReturnType<typeof setTimeout> | null;
  /** Why the worker ended while on a job: past its time, past its memory, or of itself. */
  ended: 'time' | 'memory' | null;
}

/**
 * The worker threads that read audio files: each file's tags and length (before it is copied into the library) and its
 * loudness, one file per worker at a time. Each job has a time limit and each worker a memory cap: a file past either
 * ends its worker (a new one takes the next file) and comes back refused in a sentence, and the rest go on.
 */
export class LoudnessPool {
  readonly size: number;
  readonly timeLimitMs: number;
  readonly memoryLimitMb: number;
  private readonly workerUrl: URL;
  private readonly slots: Slot[] = [];
  /** Tags first: reading them lets the import copy the next file while earlier ones are measured. */
  private readonly infoQueue: Job[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(2, os.availableParallelism()));
    this.timeLimitMs = options.timeLimitMs ?? READ_TIME_LIMIT_MS;
    this.memoryLimitMb = options.memoryLimitMb ?? WORKER_MEMORY_LIMIT_MB;
    const given = options.workerUrl;
    this.workerUrl =
      given === undefined ? defaultWorkerUrl() : typeof given === 'string' ? pathToFileURL(path.resolve(given)) : given;
  }

  /**
   * Measures one file (or takes it from the cache in `cacheDir`), within a time that grows with the length the file
   * declares (`durationSec`, from readInfo). Never rejects: failures come back as sentences.
   */
  measure(file: string, cacheDir: string | null = null, durationSec?: number | null): Promise<TrackReply> {
    if (this.closed)
      return Promise.resolve({ ok: false, file, error: 'The loudness analysis has been stopped. Start it again.' });
    return new Promise((resolve) => {
      this.queue.push({
        request: { task: 'loudness', file, cacheDir },
        timeLimitMs: measureTimeLimitMs(this.timeLimitMs, durationSec),
        resolve: resolve as (r: Reply) => void,
      });
      this.pump();
    });
  }

  /** Reads one file's tags and length in a worker, within the time limit. Never rejects: failures come back as sentences. */
  readInfo(file: string): Promise<InfoReply> {
    if (this.closed)
      return Promise.resolve({
        ok: false,
        file,
        error: `${path.basename(file)} could not be read: the import has been stopped. Start it again.`,
      });
    return new Promise((resolve) => {
      this.infoQueue.push({
        request: { task: 'info', file },
        timeLimitMs: this.timeLimitMs,
        resolve: resolve as (r: Reply) => void,
      });
      this.pump();
    });
  }

  /**
   * An imported file in one visit to a worker: its tags and declared length, then its loudness (the import's copying
   * and bookkeeping stay on the room's thread, never between a worker and its next file). Reading the tags has the
   * time limit; measuring, the time its declared length allows. Never rejects: failures come back as sentences.
   */
  importTrack(file: string, cacheDir: string | null, hash: string, maxDurationSec: number): Promise<ImportReply> {
    if (this.closed)
      return Promise.resolve({
        ok: false,
        file,
        error: `${path.basename(file)} could not be read: the import has been stopped. Start it again.`,
      });
    return new Promise((resolve) => {
      this.queue.push({
        request: { task: 'import', file, cacheDir, hash, maxDurationSec },
        timeLimitMs: this.timeLimitMs,
        resolve: resolve as (r: Reply) => void,
      });
      this.pump();
    });
  }

  /** Stops the workers; files still waiting come back as failures. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.infoQueue.splice(0), ...this.queue.splice(0)]) job.resolve(this.stopped(job));
    await Promise.all(
      this.slots.splice(0).map((s) => {
        if (s.timer) clearTimeout(s.timer);
        return s.worker.terminate();
      }),
    );
  }

  private stopped(job: Job): Reply {
    const file = job.request.file;
    return job.request.task !== 'loudness'
      ? { ok: false, file, error: `${path.basename(file)} could not be read: the import was stopped before it.` }
      : { ok: false, file, error: 'The loudness analysis was stopped before this file was measured.' };
  }

  private pump(): void {
    while (this.infoQueue.length > 0 || this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = { ...(this.infoQueue.shift() ?? this.queue.shift()!), id: this.nextId++ };
      slot.job = job;
      slot.worker.ref();
      this.limit(slot, job.timeLimitMs);
      slot.worker.postMessage({ ...job.request, id: job.id });
    }
  }

  /** Past its time the worker is ended (whatever it is doing: a loop, a decoder), and the file refused. */
  private limit(slot: Slot, ms: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      slot.ended ??= 'time';
      void slot.worker.terminate();
    }, ms);
    slot.timer.unref?.();
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerUrl, {
      workerData: { memoryLimitMb: this.memoryLimitMb },
      // V8's own cap on the worker's heap; the worker watches the memory beside it (worker.ts).
      resourceLimits: { maxOldGenerationSizeMb: this.memoryLimitMb },
    });
    const slot: Slot = { worker, job: null, timer: null, ended: null };
    worker.on('message', (message: { id: number; reply: Reply } | ImportProgress) => {
      const job = slot.job;
      if (!job || job.id !== message.id || slot.ended) return;
      // An import's tags are read: its measuring gets the time its declared length allows, from now.
      if (!('reply' in message)) {
        job.timeLimitMs = measureTimeLimitMs(this.timeLimitMs, message.declaredSec);
        return this.limit(slot, job.timeLimitMs);
      }
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
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
      if (slot.timer) clearTimeout(slot.timer);
      const job = slot.job;
      slot.job = null;
      if (job) job.resolve(this.refusal(job, slot.ended));
      if (!this.closed) this.pump();
    };
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') slot.ended ??= 'memory';
      fail();
    });
    worker.on('exit', (code) => {
      if (code === MEMORY_EXIT_CODE) slot.ended ??= 'memory';
      fail();
    });
    this.slots.push(slot);
    return slot;
  }

  /** The sentence for a file whose worker ended under it. */
  private refusal(job: Job, ended: Slot['ended']): Reply {
    const file = job.request.file;
    const name = path.basename(file);
    if (ended === 'time') return { ok: false, file, error: tookTooLong(name, job.timeLimitMs) };
    if (ended === 'memory') return { ok: false, file, error: neededTooMuch(name, this.memoryLimitMb) };
    return job.request.task !== 'loudness'
      ? {
          ok: false,
          file,
          error: `${name} could not be read as audio: the reader stopped unexpectedly. Check it plays in another player, or convert it to MP3, OGG, FLAC or WAV.`,
        }
      : {
          ok: false,
          file,
          error: `The loudness of ${name} could not be measured: the analysis stopped unexpectedly. Try again.`,
        };
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
