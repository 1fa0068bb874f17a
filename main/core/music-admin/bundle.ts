/**
 * A music set as one shareable file: a zip (yazl / yauzl) of the set, its audio under audio/<library path>,
 * and a manifest with each file's sha256, so what arrives is checked byte for byte. Importing first
 * previews what will be added; a set with the same id or name, or a different file at the same path,
 * is shown and resolved by the admin's choice, never overwritten silently.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { z } from 'zod';
import { settleDurably } from '../durable-file';
import { RoomError } from '../pure/errors';
import { findLibraryFile } from '../music/media';
import { libraryPathProblem } from '../music/library-path';
import { formatMusicSet, MAX_SET_FILE_BYTES, parseMusicSet, PHASES, type MusicSet } from '../music/set-format';
import { freeLibraryPath, sha256File, type CatalogueTrack } from './catalogue';
import type { BundleFileStatus } from '../pure/music-admin/view';

export const BUNDLE_FORMAT = 'session-room/music-set-bundle';
export const BUNDLE_EXTENSION = '.roomset.zip';
const SET_ENTRY = 'set.json';
const MANIFEST_ENTRY = 'manifest.json';
const AUDIO_PREFIX = 'audio/';

const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(1),
  files: z
    .array(
      z.object({
        file: z.string().refine((f) => libraryPathProblem(f) === null),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        bytes: z.number().int().min(0),
      }),
    )
    .max(5000),
});
type Manifest = z.infer<typeof manifestSchema>;

/**
 * What a shared set may unpack to, checked from the zip's directory before a byte is written, so a deflate bomb
 * or a flood of entries cannot fill the disk the clinical records live on. yauzl's validateEntrySizes stops any
 * entry whose bytes run past the size its header gave.
 */
export interface BundleLimits {
  maxEntries: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  /** Kept free on the disk after extracting, for the records. */
  freeSpaceMarginBytes: number;
  /** Free bytes on the disk holding `dir`. */
  freeBytes: (dir: string) => Promise<number>;
}

export const BUNDLE_LIMITS: BundleLimits = {
  maxEntries: 5000 + 2 + 1000,
  maxFileBytes: 2 * 1024 ** 3,
  maxTotalBytes: 16 * 1024 ** 3,
  freeSpaceMarginBytes: 512 * 1024 ** 2,
  freeBytes: async (dir) => {
    let probe = path.resolve(dir);
    while (!fs.existsSync(probe) && path.dirname(probe) !== probe) probe = path.dirname(probe);
    const stats = await fs.promises.statfs(probe);
    return stats.bavail * stats.bsize;
  },
};

const megabytes = (bytes: number) => `${Math.ceil(bytes / 1024 ** 2).toLocaleString('en')} MB`;

const distinctFiles = (set: MusicSet) => [...new Set(PHASES.flatMap((p) => set.phases[p].map((t) => t.file)))];

/** Writes the set and every file it plays into `out`. Refuses a set whose files are not all here. */
export async function exportBundle(set: MusicSet, roots: readonly string[], out: string): Promise<void> {
  const zip = new yazl.ZipFile();
  const files: Manifest['files'] = [];
  for (const file of distinctFiles(set)) {
    const found = await findLibraryFile(roots, file);
    if (!found.ok)
      throw new RoomError(
        'track_missing',
        `The set '${set.name}' plays ${file}, which is not in this room's music library, so it cannot be shared whole. Import the file again or remove the track.`,
      );
    files.push({ file, sha256: await sha256File(found.absPath), bytes: found.size });
    // Audio is already compressed: stored as it is.
    zip.addFile(found.absPath, `${AUDIO_PREFIX}${file}`, { compress: false });
  }
  zip.addBuffer(Buffer.from(formatMusicSet(set)), SET_ENTRY);
  zip.addBuffer(
    Buffer.from(JSON.stringify({ format: BUNDLE_FORMAT, version: 1, files } satisfies Manifest, null, 2)),
    MANIFEST_ENTRY,
  );
  zip.end();
  await fs.promises.mkdir(path.dirname(out), { recursive: true });
  const temp = `${out}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  await pipeline(zip.outputStream, fs.createWriteStream(temp));
  await fs.promises.rename(temp, out);
}

export interface OpenedBundle {
  file: string;
  set: MusicSet;
  manifest: Manifest;
}

const tooLarge = (name: string, why: string) =>
  new RoomError(
    'bundle_too_large',
    `${name} was not imported: ${why}. Nothing was added to the music library. Share the set in smaller parts, or check the file is the set you meant.`,
  );

const notABundle = (name: string, why: string) =>
  new RoomError(
    'invalid_bundle',
    `${name} is not a music set exported from Session Room (${why}). Choose a file ending in ${BUNDLE_EXTENSION}.`,
  );

async function withZip<T>(
  file: string,
  limits: BundleLimits,
  work: (zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>) => Promise<T>,
): Promise<T> {
  const name = path.basename(file);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new RoomError('no_file', `There is no file at ${file}. Check the path and try again.`);
    throw notABundle(name, 'it is not a zip file');
  }
  try {
    const entries = new Map<string, yauzl.Entry>();
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        const refusal =
          entries.size >= limits.maxEntries
            ? tooLarge(name, `it holds more than ${limits.maxEntries.toLocaleString('en')} files`)
            : entries.has(entry.fileName)
              ? notABundle(name, `it holds ${entry.fileName} twice`)
              : entry.uncompressedSize > limits.maxFileBytes
                ? tooLarge(
                    name,
                    `${entry.fileName} would unpack to ${megabytes(entry.uncompressedSize)}, more than the ${megabytes(limits.maxFileBytes)} one file may be`,
                  )
                : (total += entry.uncompressedSize) > limits.maxTotalBytes
                  ? tooLarge(name, `it would unpack to more than ${megabytes(limits.maxTotalBytes)}`)
                  : null;
        if (refusal) return reject(refusal);
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.once('end', resolve);
      zip.once('error', reject);
      zip.readEntry();
    }).catch((err: unknown) => {
      if (err instanceof RoomError) throw err;
      throw notABundle(name, 'the zip is damaged');
    });
    return await work(zip, entries);
  } finally {
    zip.close();
  }
}

async function readSmall(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined, name: string): Promise<string> {
  if (!entry) throw notABundle(name, `it has no ${SET_ENTRY} or ${MANIFEST_ENTRY}`);
  if (entry.uncompressedSize > MAX_SET_FILE_BYTES) throw notABundle(name, `its ${entry.fileName} is too large`);
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads and checks a bundle's set and manifest (the audio is checked when it is imported). */
export async function openBundle(file: string, limits: BundleLimits = BUNDLE_LIMITS): Promise<OpenedBundle> {
  const name = path.basename(file);
  return withZip(file, limits, async (zip, entries) => {
    let manifest: Manifest;
    try {
      manifest = manifestSchema.parse(JSON.parse(await readSmall(zip, entries.get(MANIFEST_ENTRY), name)));
    } catch (err) {
      if (err instanceof RoomError) throw err;
      throw notABundle(name, 'its manifest is not valid');
    }
    const parsed = parseMusicSet(await readSmall(zip, entries.get(SET_ENTRY), name), `${name} (set.json)`);
    if (!parsed.ok) throw new RoomError('invalid_bundle', parsed.errors[0]!);
    // The manifest, the set and the zip must agree file for file: nothing missing, nothing extra, each listed once.
    const used = new Set(distinctFiles(parsed.set));
    const listed = new Set<string>();
    for (const item of manifest.files) {
      const entry = entries.get(`${AUDIO_PREFIX}${item.file}`);
      if (listed.has(item.file) || !used.has(item.file) || !entry || entry.uncompressedSize !== item.bytes) {
        throw notABundle(name, `its list of audio does not match its set at ${item.file}`);
      }
      listed.add(item.file);
    }
    for (const track of used) {
      if (!listed.has(track) || !entries.has(`${AUDIO_PREFIX}${track}`)) {
        throw new RoomError(
          'invalid_bundle',
          `${name} is missing the audio for ${track}. Export the set again from the room it came from.`,
        );
      }
    }
    return { file, set: parsed.set, manifest };
  });
}

export interface PlannedFile {
  file: string;
  bytes: number;
  sha256: string;
  status: BundleFileStatus;
  /** Where it will be in this room's library: the same path, another name for a different file there, or an identical file already here. */
  storeAs: string;
}

/** What importing the bundle's audio would do here, file by file. */
export async function planFiles(
  bundle: OpenedBundle,
  roots: readonly string[],
  clinicRoot: string,
  byHash: (sha256: string) => CatalogueTrack | undefined,
): Promise<PlannedFile[]> {
  const planned: PlannedFile[] = [];
  const taken = new Set<string>();
  for (const { file, sha256, bytes } of bundle.manifest.files) {
    const here = await findLibraryFile(roots, file);
    if (here.ok && (await sha256File(here.absPath)) === sha256) {
      planned.push({ file, bytes, sha256, status: 'already-there', storeAs: file });
      continue;
    }
    const same = byHash(sha256);
    if (same) {
      planned.push({ file, bytes, sha256, status: 'already-there', storeAs: same.file });
      continue;
    }
    if (here.ok) {
      const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : 'imported';
      const storeAs = freeLibraryPath(
        clinicRoot,
        dir,
        file.slice(file.lastIndexOf('/') + 1),
        (p) => taken.has(p) || roots.some((r) => fs.existsSync(path.join(r, ...p.split('/')))),
      );
      taken.add(storeAs);
      planned.push({ file, bytes, sha256, status: 'renamed', storeAs });
      continue;
    }
    taken.add(file);
    planned.push({ file, bytes, sha256, status: 'new', storeAs: file });
  }
  return planned;
}

/** Disk full and permission problems in their own words; anything else is a damaged bundle. */
function writeProblem(err: unknown, name: string, item: PlannedFile, clinicRoot: string): RoomError {
  if (err instanceof RoomError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new RoomError(
      'disk_full',
      `The disk is full: ${name} could not be imported (it stopped at ${item.file}). The music library is as it was. Free some space on this computer, then import the set again.`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new RoomError(
      'no_permission',
      `The room may not write to its music library (${clinicRoot}), so ${name} could not be imported. The music library is as it was. Check the folder's permissions, then import the set again.`,
    );
  }
  return new RoomError(
    'bundle_damaged',
    `${name}: the audio for ${item.file} is not what the set was exported with (the file is damaged). Export the set again.`,
  );
}

/** Copies the planned audio into the library, each checked against its sha256 before it takes its name. */
export async function extractFiles(
  bundle: OpenedBundle,
  planned: readonly PlannedFile[],
  clinicRoot: string,
  limits: BundleLimits = BUNDLE_LIMITS,
): Promise<void> {
  const name = path.basename(bundle.file);
  const needed = planned.filter((p) => p.status !== 'already-there').reduce((sum, p) => sum + p.bytes, 0);
  if (needed > 0) {
    const free = await limits.freeBytes(clinicRoot);
    if (free < needed + limits.freeSpaceMarginBytes) {
      throw new RoomError(
        'no_space',
        `There is not enough free space for ${name}: its audio needs ${megabytes(needed)} and the disk has ${megabytes(free)} free, of which the room keeps ${megabytes(limits.freeSpaceMarginBytes)} for its records. Free some space, then import the set again.`,
      );
    }
  }
  // Files this import wrote are taken back out if a later one fails, so a refused bundle leaves the library as it was.
  const written: string[] = [];
  const madeFolders: string[] = [];
  await withZip(bundle.file, limits, async (zip, entries) => {
    for (const item of planned) {
      if (item.status === 'already-there') continue;
      const entry = entries.get(`${AUDIO_PREFIX}${item.file}`)!;
      const target = path.join(clinicRoot, ...item.storeAs.split('/'));
      if (fs.existsSync(target))
        throw new RoomError(
          'file_appeared',
          `${item.storeAs} appeared in the music library while importing. Preview the set again.`,
        );
      const temp = `${target}.${crypto.randomBytes(4).toString('hex')}.tmp`;
      const hash = crypto.createHash('sha256');
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        const made = await fs.promises.mkdir(path.dirname(target), { recursive: true });
        if (made) madeFolders.push(made);
        await pipeline(await zip.openReadStreamPromise(entry), tap, fs.createWriteStream(temp));
        if (hash.digest('hex') !== item.sha256) throw new Error('checksum');
        // Flushed and renamed into place with the folder flushed: a power cut leaves no cut-short track.
        await settleDurably(temp, target);
      } catch (err) {
        await fs.promises.rm(temp, { force: true });
        throw writeProblem(err, name, item, clinicRoot);
      }
      written.push(target);
    }
  }).catch(async (err: unknown) => {
    await Promise.all(written.map((f) => fs.promises.rm(f, { force: true })));
    // And the folders it made for them: only this import's files were ever in them.
    await Promise.all(madeFolders.map((d) => fs.promises.rm(d, { recursive: true, force: true })));
    throw err;
  });
}

/** The set with each track pointing at where its file now is. */
export function relinkSet(set: MusicSet, planned: readonly PlannedFile[]): MusicSet {
  const where = new Map(planned.map((p) => [p.file, p.storeAs]));
  const phases = Object.fromEntries(
    PHASES.map((p) => [p, set.phases[p].map((t) => ({ ...t, file: where.get(t.file) ?? t.file }))]),
  ) as MusicSet['phases'];
  return { ...set, phases };
}
