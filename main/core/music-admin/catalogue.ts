/**
 * The clinic's imported audio: one entry per file copied into <data>/music, with what the import learnt
 * of it (title, artist, length, embedded ReplayGain, measured loudness, content hash). Kept as one JSON
 * file beside the library, written whole through a temporary name so a crash never leaves half of it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { trackLoudnessSchema } from '../music/set-schema';
import { writeFileDurably } from '../durable-file';

export const catalogueTrackSchema = z.object({
  /** Path inside the music library (<data>/music). */
  file: z.string().min(1),
  title: z.string(),
  artist: z.string(),
  durationSec: z.number().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(0),
  /** Embedded ReplayGain track gain, when the file carries one. */
  replayGainDb: z.number().nullable(),
  loudness: trackLoudnessSchema.nullable(),
  /** The file's name where it came from. */
  originalName: z.string(),
  importedAt: z.number(),
});
export type CatalogueTrack = z.infer<typeof catalogueTrackSchema>;

const catalogueFileSchema = z.object({ version: z.literal(1), tracks: z.array(catalogueTrackSchema) });

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

export class MusicCatalogue {
  private tracks: CatalogueTrack[] | null = null;

  constructor(readonly file: string) {}

  all(): CatalogueTrack[] {
    if (!this.tracks) {
      this.tracks = this.read();
    }
    return this.tracks;
  }

  /**
   * The catalogue as stored. A damaged file is never silently replaced: a copy is kept beside it
   * (catalogue.broken-<time>.json) and every entry that still reads is kept.
   */
  private read(): CatalogueTrack[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const whole = catalogueFileSchema.safeParse(safeJson(text));
    if (whole.success) return whole.data.tracks;
    fs.copyFileSync(
      this.file,
      this.file.replace(/\.json$/, '') + `.broken-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    const entries = (safeJson(text) as { tracks?: unknown } | null)?.tracks;
    return Array.isArray(entries)
      ? entries.flatMap((t) => {
          const one = catalogueTrackSchema.safeParse(t);
          return one.success ? [one.data] : [];
        })
      : [];
  }

  byFile(file: string): CatalogueTrack | undefined {
    return this.all().find((t) => t.file === file);
  }

  byHash(sha256: string): CatalogueTrack | undefined {
    return this.all().find((t) => t.sha256 === sha256);
  }

  add(tracks: CatalogueTrack[]): void {
    if (tracks.length === 0) return;
    const files = new Set(tracks.map((t) => t.file));
    this.tracks = [...this.all().filter((t) => !files.has(t.file)), ...tracks];
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileDurably(this.file, JSON.stringify({ version: 1, tracks: this.tracks }));
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A file name safe in a library path: letters, digits, '-', '_' and '.', no leading dot. */
export function safeFileName(name: string): string {
  const ext = path.extname(name).toLowerCase();
  const stem = path
    .basename(name, path.extname(name))
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 100);
  return `${stem || 'track'}${ext}`;
}

/** The first free library path like `folder/name.ext`, `folder/name-2.ext`, ... under `root`. */
export function freeLibraryPath(
  root: string,
  folder: string,
  name: string,
  taken: (libraryPath: string) => boolean = () => false,
): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = `${folder}/${n === 1 ? stem : `${stem}-${n}`}${ext}`;
    if (!taken(candidate) && !fs.existsSync(path.join(root, ...candidate.split('/')))) return candidate;
  }
}
