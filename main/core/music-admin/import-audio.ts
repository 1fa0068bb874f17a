/**
 * Importing audio into the clinic's music library: every file is read for its metadata (music-metadata: length,
 * title, artist, embedded ReplayGain), copied into <data>/music/imported/ and measured for loudness. Reading and
 * measuring both run in the meter's worker threads, each file within a time limit and a memory cap, so a broken or
 * hostile file cannot hang the import or the room: it is left out with a sentence, and the import goes on with the
 * next. A file that is not audio Session Room plays, or is broken, is listed with the reason and its copy removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { copyFileDurablyAsync } from '../durable-file';
import { LoudnessPool, toOutcome } from '../loudness/pool';
import type { ImportReply } from '../loudness/worker';
import { AUDIO_MIME_TYPES } from '../music/media';
import { MAX_TRACK_DURATION_SEC } from '../music/set-schema';
import { freeLibraryPath, safeFileName, sha256File, type CatalogueTrack, type MusicCatalogue } from './catalogue';

export const IMPORT_FOLDER = 'imported';
const MAX_FILES = 5000;

export interface ImportFailure {
  name: string;
  reason: string;
}

export interface ImportProgress {
  stage: 'copying' | 'measuring' | 'done';
  /** Steps done of `total` (each file is copied, then measured: two steps). */
  done: number;
  total: number;
  current: string | null;
}

export interface ImportResult {
  imported: CatalogueTrack[];
  /** Files whose exact bytes were already in the library: nothing copied, the existing entry is used. */
  alreadyThere: CatalogueTrack[];
  failed: ImportFailure[];
}

export interface ImportContext {
  libraryRoot: string;
  catalogue: MusicCatalogue;
  cacheDir: string;
  targetLufs: number;
  now: () => number;
  workerUrl?: URL | string;
  /** The time limit and memory cap for reading each file (loudness/limits.ts; tests set small ones). */
  readLimits?: { timeLimitMs?: number; memoryLimitMb?: number };
  onProgress?: (progress: ImportProgress) => void;
}

const AUDIO_EXTENSIONS = new Set(Object.keys(AUDIO_MIME_TYPES));
const PLAYS = 'Session Room plays MP3, OGG, Opus, FLAC and WAV files';

/** Every file under the given files and folders, in name order; hidden files are left out. */
export async function gatherFiles(paths: readonly string[]): Promise<{ files: string[]; failed: ImportFailure[] }> {
  const files: string[] = [];
  const failed: ImportFailure[] = [];
  const walk = async (p: string): Promise<void> => {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(p);
    } catch {
      failed.push({ name: p, reason: 'There is no file or folder at this path. Check the path and try again.' });
      return;
    }
    if (stat.isDirectory()) {
      const names = (await fs.promises.readdir(p)).filter((n) => !n.startsWith('.')).sort((a, b) => a.localeCompare(b));
      for (const name of names) {
        if (files.length >= MAX_FILES) return;
        await walk(path.join(p, name));
      }
    } else if (stat.isFile()) files.push(p);
  };
  for (const p of paths) await walk(path.resolve(p));
  return { files, failed };
}

export async function importAudio(paths: readonly string[], ctx: ImportContext): Promise<ImportResult> {
  const gathered = await gatherFiles(paths);
  const failed = [...gathered.failed];
  const alreadyThere: CatalogueTrack[] = [];
  const total = gathered.files.length * 2;
  let done = 0;
  const progress = (stage: ImportProgress['stage'], current: string | null) =>
    ctx.onProgress?.({ stage, done, total, current });

  interface Copied {
    abs: string;
    name: string;
    file: string;
    sha256: string;
    bytes: number;
    importedAt: number;
    read: Promise<ImportReply>;
  }
  const copied: Copied[] = [];
  const takenNow = new Set<string>();
  // The room's thread hashes and copies; each copy goes to a worker for its tags and loudness in one visit, so the
  // workers go from file to file while the next ones are copied, never waiting on the copying.
  const pool = new LoudnessPool({ ...(ctx.workerUrl ? { workerUrl: ctx.workerUrl } : {}), ...ctx.readLimits });
  for (const source of gathered.files) {
    const name = path.basename(source);
    progress('copying', name);
    const step = async (): Promise<void> => {
      if (!AUDIO_EXTENSIONS.has(path.extname(name).toLowerCase())) {
        failed.push({ name, reason: `${name} is not an audio file Session Room plays: ${PLAYS}.` });
        return;
      }
      const sha256 = await sha256File(source);
      const known = ctx.catalogue.byHash(sha256);
      if (known || copied.some((c) => c.sha256 === sha256)) {
        if (known) alreadyThere.push(known);
        return;
      }
      const file = freeLibraryPath(ctx.libraryRoot, IMPORT_FOLDER, safeFileName(name), (p) => takenNow.has(p));
      takenNow.add(file);
      const abs = path.join(ctx.libraryRoot, ...file.split('/'));
      await fs.promises.mkdir(path.dirname(abs), { recursive: true });
      // Temp file, flushed, renamed, folder flushed: a power cut never leaves a cut-short track under its name.
      await copyFileDurablyAsync(source, abs);
      const bytes = (await fs.promises.stat(abs)).size;
      // Read in a worker: a file that makes the reader spin or swell is refused there, in a sentence.
      const read = pool.importTrack(abs, ctx.cacheDir, sha256, MAX_TRACK_DURATION_SEC).then((reply) => {
        done++;
        progress('measuring', name);
        return reply;
      });
      copied.push({ abs, name, file, sha256, bytes, importedAt: ctx.now(), read });
    };
    await step().catch((err: unknown) =>
      failed.push({
        name,
        reason: `${name} could not be copied into the music library (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check there is space on the disk and try again.`,
      }),
    );
    done++;
  }
  // Files that were skipped count their measuring step as done.
  done += gathered.files.length - copied.length;
  let replies: ImportReply[];
  try {
    replies = await Promise.all(copied.map((c) => c.read));
  } finally {
    await pool.close();
  }
  const imported: CatalogueTrack[] = [];
  for (const [i, reply] of replies.entries()) {
    const { abs, name, ...rest } = copied[i]!;
    const refuse = async (reason: string) => {
      await fs.promises.rm(abs, { force: true });
      failed.push({ name, reason: reason.replace(path.basename(abs), name) });
    };
    if (!reply.ok) {
      await refuse(reply.error);
      continue;
    }
    const outcome = reply.track && toOutcome(reply.track, ctx.targetLufs);
    // The length the decoder found (the file's headers only declare one); past the longest a set takes, not measured.
    const durationSec = outcome?.ok ? outcome.durationSec : reply.info.durationSec;
    if (!durationSec || !Number.isFinite(durationSec) || durationSec <= 0 || durationSec > MAX_TRACK_DURATION_SEC) {
      await refuse(`${name} has no playable length: it may be empty or cut short. Check it plays in another player.`);
      continue;
    }
    if (!outcome?.ok || !Number.isFinite(outcome.integratedLufs)) {
      await refuse(
        outcome && !outcome.ok ? outcome.error : `${name} is silent: there is nothing to play. Check the file.`,
      );
      continue;
    }
    const round = (v: number) => Math.round(v * 100) / 100;
    const meta = reply.info;
    imported.push({
      file: rest.file,
      title: meta.title.trim().slice(0, 200) || path.basename(name, path.extname(name)).slice(0, 200),
      artist: meta.artist.trim().slice(0, 200),
      durationSec: Math.round(durationSec * 1000) / 1000,
      sha256: rest.sha256,
      bytes: rest.bytes,
      replayGainDb: meta.replayGainDb,
      originalName: name,
      importedAt: rest.importedAt,
      loudness: {
        integratedLufs: Math.max(-70, round(outcome.integratedLufs)),
        truePeakDbtp: Math.min(12, Math.max(-70, round(outcome.truePeakDbtp))),
        maxShortTermRiseLu: Math.min(100, Math.max(0, round(outcome.maxShortTermRiseLu))),
      },
    });
  }
  // Listed in the files' order, whether refused while copying or once read.
  const order = new Map(gathered.files.map((f, i) => [path.basename(f), i]));
  failed.sort((a, b) => (order.get(a.name) ?? -1) - (order.get(b.name) ?? -1));
  ctx.catalogue.add(imported);
  progress('done', null);
  return { imported, alreadyThere, failed };
}
