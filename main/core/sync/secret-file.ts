import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { syncFolder } from '../durable-file';

/**
 * Writes a secret (a password, a private key) so that no one else ever reads it: a new file beside the target,
 * created with O_EXCL and O_NOFOLLOW at mode 0600 (never an existing file, never through a link someone left
 * there), given to `owner` when one is named, flushed, then renamed over the target, which replaces a file or a
 * link at that name without writing through it. A power cut leaves the old secret or the whole new one.
 */
export function writeSecretFile(
  target: string,
  contents: string | Uint8Array,
  options: { owner?: { uid: number; gid: number }; mode?: number } = {},
): void {
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`,
  );
  const { O_CREAT, O_EXCL, O_WRONLY, O_NOFOLLOW } = fs.constants;
  const fd = fs.openSync(temp, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600);
  try {
    try {
      if (options.owner) fs.fchownSync(fd, options.owner.uid, options.owner.gid);
      // The mode asked for (0600 unless told), whatever the umask.
      fs.fchmodSync(fd, options.mode ?? 0o600);
      fs.writeFileSync(fd, contents);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  syncFolder(path.dirname(target));
}
