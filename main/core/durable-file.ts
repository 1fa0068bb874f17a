import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const tempBeside = (target: string) => `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;

/** Flushes a folder so a rename into it lasts a power cut. */
export function syncFolder(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems cannot flush a folder; the file itself is already on disk.
  }
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes a file so that a crash or power cut leaves either the old file or the whole new one: a temp file
 * beside it, flushed to disk, renamed over the target, and the folder flushed so the rename itself lasts.
 */
export function writeFileDurably(target: string, contents: string | Uint8Array): void {
  const temp = tempBeside(target);
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeFileSync(fd, contents);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, target);
  syncFolder(path.dirname(target));
}

/** Copies a file the same way: the target is either absent (or as it was) or whole, never cut short. */
export function copyFileDurably(source: string, target: string): void {
  const temp = tempBeside(target);
  try {
    fs.copyFileSync(source, temp);
    syncFile(temp);
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  syncFolder(path.dirname(target));
}

/** The last steps of a durable write, for a temp file already written: flush it, rename it into place, flush the folder. */
export async function settleDurably(temp: string, target: string): Promise<void> {
  const handle = await fs.promises.open(temp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temp, target);
  syncFolder(path.dirname(target));
}

/** copyFileDurably without holding the main thread while the bytes are copied (large audio files). */
export async function copyFileDurablyAsync(source: string, target: string): Promise<void> {
  const temp = tempBeside(target);
  try {
    await fs.promises.copyFile(source, temp);
    await settleDurably(temp, target);
  } catch (err) {
    await fs.promises.rm(temp, { force: true });
    throw err;
  }
}
