/**
 * The data folder holds patients' records: it is private to the user who runs the room (folders 0700,
 * files 0600, checked and corrected at every open), and one process at a time has it open.
 *
 * The lock is a file naming its holder's process id, taken with an exclusive create. It is hand-written
 * rather than proper-lockfile because that library judges a lock stale by its age, which would refuse the
 * room's restart for that long after a crash; a holder whose process is gone is known at once here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RoomError } from './pure/errors';

export const LOCK_FILE = 'room.lock';
const MAX_ENTRIES_CHECKED = 20_000;

/** Creates the folder if needed and makes it and everything in it private; returns how many modes it corrected. */
export function makePrivate(dataDir: string): number {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let corrected = 0;
  let seen = 0;
  const fix = (p: string, mode: number, current: number) => {
    if ((current & 0o777) === mode) return;
    fs.chmodSync(p, mode);
    corrected++;
  };
  const walk = (dir: string) => {
    fix(dir, 0o700, fs.statSync(dir).mode);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (++seen > MAX_ENTRIES_CHECKED) return;
      const p = path.join(dir, entry.name);
      try {
        if (entry.isDirectory()) walk(p);
        else if (entry.isFile()) fix(p, 0o600, fs.lstatSync(p).mode);
      } catch {
        // A file that vanished while being checked needs no correcting.
      }
    }
  };
  try {
    walk(dataDir);
  } catch (err) {
    throw new RoomError(
      'data_folder_private',
      `The room could not make its records folder ${dataDir} private (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check the folder belongs to the user running the room, then start again.`,
    );
  }
  return corrected;
}

interface Holder {
  pid: number;
  who: string;
  since: number;
  host: string;
}

const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): Holder | null {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof value.pid === 'number'
      ? {
          pid: value.pid,
          who: String(value.who ?? 'Session Room'),
          since: Number(value.since ?? 0),
          host: String(value.host ?? ''),
        }
      : null;
  } catch {
    return null;
  }
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Takes the data folder for this process, or refuses with a sentence naming the process that has it.
 * `who` says what this process is ("the browser room", "the Session Room app"), for the sentence another one shows.
 * Taking it again from the same process is allowed (a room reopened in the same process).
 */
export function lockDataFolder(dataDir: string, who: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const mine: Holder = { pid: process.pid, who, since: Date.now(), host: os.hostname() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      heldHere.add(file);
      return () => releaseDataFolder(dataDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new RoomError(
          'data_folder_lock',
          `The room could not take its records folder ${dataDir} (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check the folder is writable, then start again.`,
        );
      }
    }
    const holder = readHolder(file);
    if (!holder) {
      // Being written by another process this instant, or left empty by a crash: look again shortly, then take it.
      if (attempt < 3) pause(50);
      else fs.rmSync(file, { force: true });
      continue;
    }
    if (holder.pid === process.pid) {
      heldHere.add(file);
      return () => releaseDataFolder(dataDir);
    }
    if (holder.host === os.hostname() && !alive(holder.pid)) {
      // Its process ended without letting go (a crash, a power cut): the folder is free.
      fs.rmSync(file, { force: true });
      continue;
    }
    const since = holder.since ? ` since ${new Date(holder.since).toLocaleString()}` : '';
    throw new RoomError(
      'data_folder_in_use',
      `These records (${dataDir}) are already open in ${holder.who} (process ${holder.pid}${holder.host && holder.host !== os.hostname() ? ` on ${holder.host}` : ''}${since}). ` +
        'Use that room, or close it before opening this one: two rooms on one folder would overwrite each other.',
    );
  }
  throw new RoomError(
    'data_folder_lock',
    `The room could not take its records folder ${dataDir}: another process keeps changing it. Close other Session Room windows, then start again.`,
  );
}

/** Lets the folder go, if this process holds it. */
export function releaseDataFolder(dataDir: string): void {
  const file = path.join(dataDir, LOCK_FILE);
  if (!heldHere.has(file)) return;
  heldHere.delete(file);
  if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
}

// A process that ends normally lets its folders go; one that is killed is recognised by its pid being gone.
process.once('exit', () => {
  for (const file of heldHere) {
    try {
      if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // Ending anyway.
    }
  }
});
