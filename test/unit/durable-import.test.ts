import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../main/core/bridge/dispatch';
import { ManualClock } from '../../main/core/clock';
import { musicAdminOf } from '../../main/core/music-admin/handlers';
import type { ImportJobView } from '../../main/core/pure/music-admin/view';
import { openRoom } from '../../main/core/open-room';
import type { Room } from '../../main/core/room';
import { makeTone } from '../support/audio';
import { tempDataDir } from '../support/host-process';

/** Audio import writes each track as a temp file, flushed, renamed into place, the folder flushed: never a cut-short track under its name. */

const root = path.resolve(import.meta.dirname, '../..');
const rooms: Room[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const r of rooms.splice(0)) r.db.close();
});

async function importOne(source: string): Promise<{ dataDir: string; job: ImportJobView }> {
  const dataDir = tempDataDir('room-durable-');
  const room = openRoom({
    dataDir,
    clock: new ManualClock(Date.now()),
    settingsBackend: null,
    music: { appDir: root },
    log: () => {},
  });
  rooms.push(room);
  musicAdminOf(room).workerUrl = path.join(root, 'dist/loudness/loudness-worker.js');
  // As the browser host does: the admin types the paths of files on this machine.
  musicAdminOf(room).files = { ...musicAdminOf(room).files, typedPaths: true };
  const opened = await dispatch(room.handlers, 'setAdminPin', { pin: '1357' });
  if (!opened.ok) throw new Error(opened.error.message);
  const adminKey = (opened.value as { adminKey: string }).adminKey;
  const started = await dispatch(room.handlers, 'startAudioImport', { adminKey, paths: [source] });
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

const importedFiles = (dataDir: string) => {
  const dir = path.join(dataDir, 'music', 'imported');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe('durable audio import', () => {
  it('copies to a temp file, flushes it, renames it into place, then flushes the folder', async () => {
    const source = makeTone(path.join(tempDataDir('room-src-'), 'calm.wav'), { seconds: 2 });
    const steps: string[] = [];
    const fdPaths = new Map<number, string>();
    const realCopy = fs.promises.copyFile.bind(fs.promises);
    const realOpen = fs.promises.open.bind(fs.promises);
    const realRename = fs.promises.rename.bind(fs.promises);
    const realOpenSync = fs.openSync.bind(fs);
    const realFsyncSync = fs.fsyncSync.bind(fs);
    const inLibrary = (p: unknown) => String(p).includes(`${path.sep}imported`);
    vi.spyOn(fs.promises, 'copyFile').mockImplementation(async (from, to, mode) => {
      if (inLibrary(to)) steps.push(`copy to ${path.basename(String(to)).endsWith('.tmp') ? 'temp' : 'final name'}`);
      return realCopy(from, to, mode);
    });
    vi.spyOn(fs.promises, 'open').mockImplementation(async (p, flags, mode) => {
      const handle = await realOpen(p, flags, mode);
      if (inLibrary(p)) {
        const sync = handle.sync.bind(handle);
        handle.sync = async () => {
          steps.push(`flush ${path.basename(String(p)).endsWith('.tmp') ? 'temp' : 'final name'}`);
          return sync();
        };
      }
      return handle;
    });
    vi.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
      if (inLibrary(to))
        steps.push(
          `rename ${path.basename(String(from)).endsWith('.tmp') ? 'temp' : 'other'} to ${path.basename(String(to))}`,
        );
      return realRename(from, to);
    });
    vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
      const fd = realOpenSync(p, flags ?? 'r', mode);
      fdPaths.set(fd, String(p));
      return fd;
    }) as typeof fs.openSync);
    vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
      const p = fdPaths.get(fd) ?? '';
      if (p.endsWith(`${path.sep}imported`)) steps.push('flush folder');
      return realFsyncSync(fd);
    });

    const { dataDir, job } = await importOne(source);
    expect(job.imported.map((t) => t.file)).toEqual(['imported/calm.wav']);
    expect(steps).toEqual(['copy to temp', 'flush temp', 'rename temp to calm.wav', 'flush folder']);
    // Only the track is there: no temp file left beside it, and its bytes are the source's.
    expect(importedFiles(dataDir)).toEqual(['calm.wav']);
    expect(fs.readFileSync(path.join(dataDir, 'music', 'imported', 'calm.wav')).equals(fs.readFileSync(source))).toBe(
      true,
    );
  });

  it('a copy cut short (the disk filling up) leaves no track under its name and says so', async () => {
    const source = makeTone(path.join(tempDataDir('room-src-'), 'storm.wav'), { seconds: 2 });
    vi.spyOn(fs.promises, 'copyFile').mockImplementation(async (_from, to) => {
      // Half the bytes reach the temp file, then the disk is full.
      fs.writeFileSync(String(to), fs.readFileSync(source).subarray(0, 1000));
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    });
    const { dataDir, job } = await importOne(source);
    expect(job.imported).toEqual([]);
    expect(job.failed[0]?.reason).toMatch(
      /could not be copied into the music library \(ENOSPC\)\. Check there is space on the disk/,
    );
    expect(importedFiles(dataDir)).toEqual([]);
  });
});
