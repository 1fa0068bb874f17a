import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/core/bridge/dispatch';
import { ManualClock } from '../../main/core/clock';
import { LoudnessPool } from '../../main/core/loudness/pool';
import { musicAdminOf } from '../../main/core/music-admin/handlers';
import type { ImportJobView } from '../../main/core/pure/music-admin/view';
import { openRoom } from '../../main/core/open-room';
import type { Room } from '../../main/core/room';
import { makeTone } from '../support/audio';
import { tempDataDir } from '../support/host-process';

/**
 * Audio files made to hurt the reader: its tags and length are read, and its loudness measured, in worker threads with a
 * time limit and a memory cap; a file past either is left out with a sentence and the import goes on with the next.
 */

const root = path.resolve(import.meta.dirname, '../..');
const WORKER = path.join(root, 'dist/loudness/loudness-worker.js');
const rooms: Room[] = [];
afterEach(() => {
  for (const r of rooms.splice(0)) r.db.close();
});

/**
 * An MP3 that starts with an ID3v2.4 tag declaring `mb` megabytes of frames, all zeros, as a sparse file (it takes no
 * room on the disk). music-metadata reads the whole tag and then swells far beyond it (gigabytes) while it turns the
 * zeros into frames: on the room's own thread it would take the whole app down.
 */
function swellingMp3(file: string, mb: number): string {
  const size = mb * 1024 * 1024;
  const syncsafe = Buffer.from([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f]);
  fs.writeFileSync(file, Buffer.concat([Buffer.from('ID3'), Buffer.from([4, 0, 0]), syncsafe]));
  fs.truncateSync(file, 10 + size + 1_000);
  return file;
}

/** An .mp3 of nothing but zeros (sparse): the reader looks for an MPEG frame byte by byte through all of it. */
function endlessMp3(file: string, mb: number): string {
  fs.writeFileSync(file, '');
  fs.truncateSync(file, mb * 1024 * 1024);
  return file;
}

async function importFolder(
  folder: string,
  readLimits: { timeLimitMs?: number; memoryLimitMb?: number },
): Promise<{ dataDir: string; job: ImportJobView }> {
  const dataDir = tempDataDir('room-hostile-');
  const room = openRoom({
    dataDir,
    clock: new ManualClock(Date.now()),
    settingsBackend: null,
    music: { appDir: root },
    log: () => {},
  });
  rooms.push(room);
  const admin = musicAdminOf(room);
  admin.workerUrl = WORKER;
  admin.readLimits = readLimits;
  admin.files = { ...admin.files, typedPaths: true };
  const opened = await dispatch(room.handlers, 'setAdminPin', { pin: '1357' });
  if (!opened.ok) throw new Error(opened.error.message);
  const adminKey = (opened.value as { adminKey: string }).adminKey;
  const started = await dispatch(room.handlers, 'startAudioImport', { adminKey, paths: [folder] });
  if (!started.ok) throw new Error(started.error.message);
  const { jobId } = started.value as { jobId: string };
  for (;;) {
    const env = await dispatch(room.handlers, 'getAudioImport', { adminKey, jobId });
    if (!env.ok) throw new Error(env.error.message);
    const job = env.value as ImportJobView;
    if (job.stage === 'done' || job.stage === 'failed') return { dataDir, job };
    await new Promise((r) => setTimeout(r, 50));
  }
}

const importedFiles = (dataDir: string) => fs.readdirSync(path.join(dataDir, 'music', 'imported')).sort();

describe('hostile audio files in an import', () => {
  it('a file that makes the reader swell past the memory cap is left out with the sentence; the files before and after it land', async () => {
    const folder = tempDataDir('room-src-');
    makeTone(path.join(folder, 'a-calm.wav'), { seconds: 2 });
    swellingMp3(path.join(folder, 'b-swell.mp3'), 200);
    makeTone(path.join(folder, 'c-storm.wav'), { seconds: 2, hz: 330 });
    const { dataDir, job } = await importFolder(folder, { memoryLimitMb: 128 });
    expect(job.failed).toEqual([
      { name: 'b-swell.mp3', reason: 'b-swell.mp3: needed more than 128 MB to read; it was left out.' },
    ]);
    expect(job.imported.map((t) => t.file).sort()).toEqual(['imported/a-calm.wav', 'imported/c-storm.wav']);
    expect(importedFiles(dataDir)).toEqual(['a-calm.wav', 'c-storm.wav']);
  }, 60_000);

  it('a file that keeps the reader busy past the time limit is left out with the sentence; the others land', async () => {
    const folder = tempDataDir('room-src-');
    makeTone(path.join(folder, 'a-calm.wav'), { seconds: 2 });
    endlessMp3(path.join(folder, 'b-endless.mp3'), 512);
    makeTone(path.join(folder, 'c-storm.wav'), { seconds: 2, hz: 330 });
    const { dataDir, job } = await importFolder(folder, { timeLimitMs: 2_000 });
    expect(job.failed).toEqual([
      { name: 'b-endless.mp3', reason: 'b-endless.mp3: took longer than 2 s to read; it was left out.' },
    ]);
    expect(importedFiles(dataDir)).toEqual(['a-calm.wav', 'c-storm.wav']);
  }, 60_000);
});

describe('the reading workers', () => {
  let pool: LoudnessPool | null = null;
  afterEach(async () => {
    await pool?.close();
    pool = null;
  });

  it('a worker ended for a file is replaced: the next file is read and measured as usual', async () => {
    const dir = tempDataDir('room-hostile-pool-');
    pool = new LoudnessPool({ workerUrl: WORKER, size: 1, memoryLimitMb: 128 });
    const swell = swellingMp3(path.join(dir, 'swell.mp3'), 200);
    const tone = makeTone(path.join(dir, 'tone.wav'), { seconds: 2 });
    const [refused, info] = await Promise.all([pool.readInfo(swell), pool.readInfo(tone)]);
    expect(refused).toEqual({
      ok: false,
      file: swell,
      error: 'swell.mp3: needed more than 128 MB to read; it was left out.',
    });
    expect(info).toMatchObject({ ok: true, info: { durationSec: 2 } });
    expect(await pool.measure(tone, null, 2)).toMatchObject({ ok: true, measurement: { durationSec: 2 } });
    // Measured too, the swelling file is refused the same way (its channel count is read from its tags).
    expect(await pool.measure(swell, null, null)).toEqual({
      ok: false,
      file: swell,
      error: 'swell.mp3: needed more than 128 MB to read; it was left out.',
    });
  }, 60_000);
});
