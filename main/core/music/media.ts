/**
 * The guard in front of the music library, for any transport (the app's media protocol,
 * the browser host's HTTP server): it finds the audio file a request names inside one of
 * the library folders and answers it whole or as a byte range. It serves regular audio
 * files inside a library folder and nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { libraryPathProblem } from './library-path';

/** The audio types served, by file extension. */
export const AUDIO_MIME_TYPES: Readonly<Record<string, string>> = {
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg; codecs=opus',
  '.flac': 'audio/flac',
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
};

export type MediaFile = { ok: true; absPath: string; size: number; mime: string };
export type MediaRefusal = { ok: false; status: 403 | 404; message: string };

const refuse = (status: 403 | 404, message: string): MediaRefusal => ({ ok: false, status, message });
const NOT_FOUND = 'That track is not in the music library. Check the set, or import the file again.';

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel);
}

async function realpathOrNull(p: string): Promise<string | null> {
  try {
    return await fs.promises.realpath(p);
  } catch {
    return null;
  }
}

/**
 * The file a request names. `requestPath` is the URL's path, still percent-encoded,
 * with or without its leading '/' and without a query ("/night-drones/peak%2001.mp3").
 * It is decoded exactly once; a '%2e%2e' that decodes to '..' is refused like '..'.
 */
export async function resolveMediaFile(
  libraryRoots: readonly string[],
  requestPath: string,
): Promise<MediaFile | MediaRefusal> {
  let decoded: string;
  try {
    // The separating '/' is dropped before decoding, so an encoded one ('%2F...') still reads as an absolute path.
    decoded = decodeURIComponent(requestPath.startsWith('/') ? requestPath.slice(1) : requestPath);
  } catch {
    return refuse(403, 'That track address is not valid. Open the track from its music set.');
  }
  return findLibraryFile(libraryRoots, decoded);
}

/**
 * The guard itself, for a library path already decoded ("night-drones/peak 01.mp3"): the one check
 * behind both serving a track and saying whether a set's track is available.
 * Each library folder is tried in order; the first that holds the file answers.
 * 403: the path tries to leave the library (by '..', an absolute path, or a symlink that
 * resolves outside the folder), or names something not audio.
 * 404: no library folder holds a regular file there (directories included).
 */
export async function findLibraryFile(
  libraryRoots: readonly string[],
  relative: string,
): Promise<MediaFile | MediaRefusal> {
  const problem = libraryPathProblem(relative);
  if (problem) return refuse(403, `That track address ${problem}: only files inside the music library are played.`);
  const mime = AUDIO_MIME_TYPES[path.extname(relative).toLowerCase()];
  if (!mime)
    return refuse(403, 'Only audio files (mp3, ogg, oga, opus, flac, wav, m4a) are played from the music library.');

  for (const root of libraryRoots) {
    const realRoot = await realpathOrNull(path.resolve(root));
    if (!realRoot) continue;
    const candidate = path.join(realRoot, ...relative.split('/'));
    const realFile = await realpathOrNull(candidate);
    if (!realFile) continue;
    if (!isInside(realRoot, realFile)) {
      return refuse(
        403,
        'That track links to a file outside the music library. Copy the file into the library instead of linking to it.',
      );
    }
    const stat = await fs.promises.stat(realFile).catch(() => null);
    if (!stat?.isFile()) return refuse(404, NOT_FOUND);
    return { ok: true, absPath: realFile, size: stat.size, mime };
  }
  return refuse(404, NOT_FOUND);
}

export type ByteRange = 'full' | 'unsatisfiable' | { start: number; end: number };

/**
 * A Range header against a file of `size` bytes: 'full' when there is none or it is not a
 * single byte range this guard understands (which HTTP allows to be ignored), the inclusive
 * byte range asked for (clipped to the file), or 'unsatisfiable' when it starts past the end.
 */
export function parseRange(rangeHeader: string | null | undefined, size: number): ByteRange {
  if (!rangeHeader) return 'full';
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(rangeHeader);
  if (!match) return 'full';
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return 'full';
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return 'full';
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

export interface MediaResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** The bytes to send; null for 416, for HEAD requests and for an empty file. */
  body: Readable | null;
}

/** The answer to a request for a file the guard has found: whole, a byte range, or 416. */
export function mediaResponse(
  file: MediaFile,
  rangeHeader: string | null | undefined,
  options: { head?: boolean } = {},
): MediaResponse {
  const common = { 'Accept-Ranges': 'bytes', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
  const range = parseRange(rangeHeader, file.size);
  if (range === 'unsatisfiable') {
    return {
      status: 416,
      headers: { ...common, 'Content-Range': `bytes */${file.size}`, 'Content-Length': '0' },
      body: null,
    };
  }
  const { start, end } = range === 'full' ? { start: 0, end: file.size - 1 } : range;
  const length = Math.max(0, end - start + 1);
  const headers: Record<string, string> = { ...common, 'Content-Type': file.mime, 'Content-Length': String(length) };
  if (range !== 'full') headers['Content-Range'] = `bytes ${start}-${end}/${file.size}`;
  const body = options.head || length === 0 ? null : fs.createReadStream(file.absPath, { start, end });
  return { status: range === 'full' ? 200 : 206, headers, body };
}
