import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BUNDLE_LIMITS,
  exportBundle,
  extractFiles,
  openBundle,
  planFiles,
  type BundleLimits,
} from '../../main/core/music-admin/bundle';
import { parseMusicSet } from '../../main/core/music/set-format';
import { tempDataDir } from '../support/host-process';
import { readZipEntries, writeZip } from '../support/zip';

/** Shared-set bundles cannot fill the disk, flood the library or overwrite by a repeated name; write failures say what happened. */

const root = path.resolve(import.meta.dirname, '../..');
afterEach(() => vi.restoreAllMocks());

/** A real exported bundle of the fixture set, its audio random bytes of the given size each. */
async function exportedBundle(bytesEach = 4096): Promise<string> {
  const parsed = parseMusicSet(
    fs.readFileSync(path.join(root, 'test/fixtures/music-sets/valid.json'), 'utf8'),
    'valid.json',
  );
  if (!parsed.ok) throw new Error(parsed.errors[0]);
  const library = tempDataDir('room-bundle-src-');
  for (const phase of Object.values(parsed.set.phases)) {
    for (const track of phase) {
      const file = path.join(library, ...track.file.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, crypto.randomBytes(bytesEach));
    }
  }
  const out = path.join(tempDataDir('room-bundle-'), 'evening-tide.roomset.zip');
  await exportBundle(parsed.set, [library], out);
  return out;
}

/** The bundle's entries, altered, written again. */
async function crafted(
  from: string,
  alter: (entries: [string, Buffer][]) => [string, Buffer][],
  options: { compress?: boolean } = {},
): Promise<string> {
  return writeZip(
    alter(await readZipEntries(from)),
    path.join(tempDataDir('room-crafted-'), 'crafted.roomset.zip'),
    options,
  );
}

const limits = (over: Partial<BundleLimits>): BundleLimits => ({ ...BUNDLE_LIMITS, ...over });
const libraryFiles = (dir: string): string[] =>
  fs.existsSync(dir)
    ? (fs.readdirSync(dir, { recursive: true }) as string[])
        .filter((f) => fs.statSync(path.join(dir, f)).isFile())
        .sort()
    : [];

describe('bundle caps, checked from the zip before anything is written', () => {
  it('refuses a zip that would unpack past the total cap (a deflate bomb) and accepts the same set under it', async () => {
    const bundle = await exportedBundle();
    // Zeros compress a thousandfold: a small file that unpacks large.
    const bomb = await crafted(bundle, (e) => [...e, ['audio/padding.bin', Buffer.alloc(4 * 1024 * 1024)]]);
    expect(fs.statSync(bomb).size).toBeLessThan(200 * 1024);
    await expect(openBundle(bomb, limits({ maxTotalBytes: 1024 * 1024 }))).rejects.toThrow(
      /crafted\.roomset\.zip was not imported: it would unpack to more than 1 MB\. Nothing was added/,
    );
    await expect(openBundle(bundle, limits({ maxTotalBytes: 1024 * 1024 }))).resolves.toMatchObject({
      set: { id: 'evening-tide' },
    });
  });

  it('refuses a file larger than the per-file cap', async () => {
    const bundle = await exportedBundle();
    const big = await crafted(bundle, (e) => [...e, ['audio/huge.mp3', Buffer.alloc(3 * 1024 * 1024)]]);
    await expect(openBundle(big, limits({ maxFileBytes: 2 * 1024 * 1024 }))).rejects.toThrow(
      /audio\/huge\.mp3 would unpack to 3 MB, more than the 2 MB one file may be/,
    );
  });

  it('refuses more entries than the cap', async () => {
    const bundle = await exportedBundle();
    const many = await crafted(bundle, (e) => [
      ...e,
      ...Array.from({ length: 30 }, (_, i): [string, Buffer] => [`audio/extra-${i}.mp3`, Buffer.from('x')]),
    ]);
    await expect(openBundle(many, limits({ maxEntries: 20 }))).rejects.toThrow(/it holds more than 20 files/);
    await expect(openBundle(bundle, limits({ maxEntries: 20 }))).resolves.toBeTruthy();
  });

  it('refuses a zip that holds the same name twice, instead of letting the second overwrite the first', async () => {
    const bundle = await exportedBundle();
    const twice = await crafted(bundle, (e) => {
      const shore = e.find(([n]) => n === 'audio/evening-tide/shore.mp3')!;
      return [...e, [shore[0], crypto.randomBytes(shore[1].length)]];
    });
    await expect(openBundle(twice)).rejects.toThrow(/it holds audio\/evening-tide\/shore\.mp3 twice/);
  });
});

describe('extracting a bundle', () => {
  async function prepared() {
    const bundle = await openBundle(await exportedBundle());
    const clinicRoot = path.join(tempDataDir('room-library-'), 'music');
    const planned = await planFiles(bundle, [clinicRoot], clinicRoot, () => undefined);
    return { bundle, clinicRoot, planned };
  }

  it('checks free space, with the margin kept for the records, before writing anything', async () => {
    const { bundle, clinicRoot, planned } = await prepared();
    const needed = planned.reduce((s, p) => s + p.bytes, 0);
    const tight = limits({ freeSpaceMarginBytes: 1024 * 1024, freeBytes: async () => needed + 1000 });
    await expect(extractFiles(bundle, planned, clinicRoot, tight)).rejects.toThrow(
      /There is not enough free space for evening-tide\.roomset\.zip: its audio needs 1 MB and the disk has 1 MB free, of which the room keeps 1 MB for its records/,
    );
    expect(libraryFiles(clinicRoot)).toEqual([]);
    // With room to spare, the same import goes through.
    await extractFiles(
      bundle,
      planned,
      clinicRoot,
      limits({ freeSpaceMarginBytes: 1024 * 1024, freeBytes: async () => needed + 2 * 1024 * 1024 }),
    );
    expect(libraryFiles(clinicRoot)).toHaveLength(planned.length);
  });

  it('a disk that fills up mid-import gets its own sentence, and the library is left as it was', async () => {
    const { bundle, clinicRoot, planned } = await prepared();
    const real = fs.createWriteStream.bind(fs);
    let opened = 0;
    vi.spyOn(fs, 'createWriteStream').mockImplementation((p: fs.PathLike, o?: unknown) => {
      // The third file meets a full disk, after two were written.
      if (++opened < 3) return real(p, o as never);
      const failing = new Writable({
        write: (_c, _e, done) => done(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })),
      });
      return failing as unknown as fs.WriteStream;
    });
    await expect(extractFiles(bundle, planned, clinicRoot)).rejects.toThrow(
      /^The disk is full: evening-tide\.roomset\.zip could not be imported .* The music library is as it was\. Free some space/,
    );
    expect(libraryFiles(clinicRoot)).toEqual([]);
    // Not even the folders the import made for its files are left.
    expect(fs.existsSync(clinicRoot) ? fs.readdirSync(clinicRoot) : []).toEqual([]);
  });

  it('a library folder the room may not write to gets its own sentence', async () => {
    const { bundle, clinicRoot, planned } = await prepared();
    vi.spyOn(fs.promises, 'mkdir').mockRejectedValue(Object.assign(new Error('permission denied'), { code: 'EACCES' }));
    await expect(extractFiles(bundle, planned, clinicRoot)).rejects.toThrow(
      /^The room may not write to its music library .* Check the folder's permissions/,
    );
    expect(libraryFiles(clinicRoot)).toEqual([]);
  });

  it('damaged audio is still refused as damaged', async () => {
    const { bundle, clinicRoot, planned } = await prepared();
    const wrong = planned.map((p, i) => (i === 1 ? { ...p, sha256: '0'.repeat(64) } : p));
    await expect(extractFiles(bundle, wrong, clinicRoot)).rejects.toThrow(/is not what the set was exported with/);
    expect(libraryFiles(clinicRoot)).toEqual([]);
  });
});
