import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a file so that a crash or power cut leaves either the old file or the whole new one: a temp file
 * beside it, flushed to disk, renamed over the target, and the folder flushed so the rename itself lasts.
 */
export function writeFileDurably(target: string, contents: string | Uint8Array): void {
  const temp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeFileSync(fd, contents);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, target);
  try {
    const dir = fs.openSync(path.dirname(target), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  } catch {
    // Some file systems cannot flush a folder; the file itself is already on disk.
  }
}
