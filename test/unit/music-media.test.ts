import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaResponse, parseRange, resolveMediaFile, type MediaFile } from '../../main/core/music/media';

let tmp: string;
let library: string;
let secondLibrary: string;
let outside: string;
const TRACK_BYTES = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

async function readAll(stream: Readable | null): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function found(requestPath: string, roots = [library]): Promise<MediaFile> {
  const result = await resolveMediaFile(roots, requestPath);
  if (!result.ok) throw new Error(`${requestPath} was refused: ${result.message}`);
  return result;
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'session-room-media-'));
  library = path.join(tmp, 'library');
  secondLibrary = path.join(tmp, 'imported');
  outside = path.join(tmp, 'outside');
  fs.mkdirSync(path.join(library, 'still-water'), { recursive: true });
  fs.mkdirSync(path.join(library, 'folder.mp3'));
  fs.mkdirSync(secondLibrary);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(library, 'still-water', 'open water 01.mp3'), TRACK_BYTES);
  fs.writeFileSync(path.join(library, 'still-water', 'notes.txt'), 'not audio');
  fs.writeFileSync(path.join(library, 'empty.wav'), '');
  fs.writeFileSync(path.join(library, '%2e%2e%2fsecret.mp3'), 'a file whose name is literally percent signs');
  fs.writeFileSync(path.join(secondLibrary, 'drone.ogg'), 'ogg bytes');
  fs.writeFileSync(path.join(outside, 'secret.mp3'), 'outside the library');
  fs.writeFileSync(path.join(tmp, 'secret.mp3'), 'next to the library');
  fs.symlinkSync(path.join(outside, 'secret.mp3'), path.join(library, 'escape.mp3'));
  fs.symlinkSync(outside, path.join(library, 'escape-dir'));
  fs.symlinkSync(path.join(library, 'still-water', 'open water 01.mp3'), path.join(library, 'favourite.mp3'));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('media guard: which files are served', () => {
  it('serves an audio file inside the library, percent-decoded, with its size and type', async () => {
    const file = await found('/still-water/open%20water%2001.mp3');
    expect(file).toEqual({
      ok: true,
      absPath: fs.realpathSync(path.join(library, 'still-water', 'open water 01.mp3')),
      size: 1000,
      mime: 'audio/mpeg',
    });
    expect((await found('still-water/open%20water%2001.mp3')).size).toBe(1000);
  });

  it('tries each library folder in turn', async () => {
    expect((await found('/drone.ogg', [library, secondLibrary])).mime).toBe('audio/ogg');
    expect(await resolveMediaFile([path.join(tmp, 'missing-root'), secondLibrary], '/drone.ogg')).toMatchObject({
      ok: true,
    });
  });

  it.each([
    ['../secret.mp3', '/../secret.mp3'],
    ['../ in the middle', '/still-water/../../secret.mp3'],
    ['percent-encoded ../', '/%2e%2e%2fsecret.mp3'],
    ['percent-encoded ../ in capitals', '/still-water/%2E%2E/%2E%2E/secret.mp3'],
    ['encoded backslash', '/..%5csecret.mp3'],
    ['a backslash', '/still-water\\open water 01.mp3'],
    ['an absolute path', '//etc/passwd.mp3'],
    ['an encoded absolute path', '/%2Fetc%2Fpasswd.mp3'],
    ['a drive letter', '/C:/secret.mp3'],
    ['a NUL', '/still-water/open%20water%2001.mp3%00.txt'],
    ['a dot segment', '/./still-water/open%20water%2001.mp3'],
    ['broken percent-encoding', '/still-water/%E0%A4%A.mp3'],
  ])('refuses %s with 403', async (_name, requestPath) => {
    const result = await resolveMediaFile([library], requestPath);
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(result.ok || result.message).toMatch(/\.$/);
  });

  it('decodes once only: a double-encoded ../ names a file literally called %2e%2e%2f...', async () => {
    const file = await found('/%252e%252e%252fsecret.mp3');
    expect(file.absPath).toBe(fs.realpathSync(path.join(library, '%2e%2e%2fsecret.mp3')));
  });

  it('refuses a symlink that escapes the library, file or folder, and serves one that stays inside', async () => {
    expect(await resolveMediaFile([library], '/escape.mp3')).toEqual({
      ok: false,
      status: 403,
      message:
        'That track links to a file outside the music library. Copy the file into the library instead of linking to it.',
    });
    expect(await resolveMediaFile([library], '/escape-dir/secret.mp3')).toMatchObject({ ok: false, status: 403 });
    const inside = await found('/favourite.mp3');
    expect(inside.absPath).toBe(fs.realpathSync(path.join(library, 'still-water', 'open water 01.mp3')));
  });

  it('refuses files that are not audio, directories and missing files', async () => {
    expect(await resolveMediaFile([library], '/still-water/notes.txt')).toMatchObject({ ok: false, status: 403 });
    expect(await resolveMediaFile([library], '/folder.mp3')).toMatchObject({ ok: false, status: 404 });
    expect(await resolveMediaFile([library], '/still-water/')).toMatchObject({ ok: false, status: 403 });
    expect(await resolveMediaFile([library], '/still-water/missing.mp3')).toEqual({
      ok: false,
      status: 404,
      message: 'That track is not in the music library. Check the set, or import the file again.',
    });
  });
});

describe('media guard: byte ranges', () => {
  it.each([
    ['bytes=0-99', 1000, { start: 0, end: 99 }],
    ['bytes=100-', 1000, { start: 100, end: 999 }],
    ['bytes=-50', 1000, { start: 950, end: 999 }],
    ['bytes=-5000', 1000, { start: 0, end: 999 }],
    ['bytes=900-5000', 1000, { start: 900, end: 999 }],
    ['bytes=999-999', 1000, { start: 999, end: 999 }],
    ['bytes=1000-', 1000, 'unsatisfiable'],
    ['bytes=5000-6000', 1000, 'unsatisfiable'],
    ['bytes=-0', 1000, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'],
    [undefined, 1000, 'full'],
    ['', 1000, 'full'],
    ['bytes=0-10,20-30', 1000, 'full'],
    ['items=0-10', 1000, 'full'],
    ['bytes=50-10', 1000, 'full'],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it('no range: 200 with the whole file', async () => {
    const res = mediaResponse(await found('/still-water/open%20water%2001.mp3'), undefined);
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      'Content-Type': 'audio/mpeg',
      'Accept-Ranges': 'bytes',
      'Content-Length': '1000',
    });
    expect(res.headers['Content-Range']).toBeUndefined();
    expect((await readAll(res.body)).equals(TRACK_BYTES)).toBe(true);
  });

  it('bytes=0-99: 206 with exactly those bytes', async () => {
    const res = mediaResponse(await found('/still-water/open%20water%2001.mp3'), 'bytes=0-99');
    expect(res.status).toBe(206);
    expect(res.headers).toMatchObject({
      'Content-Range': 'bytes 0-99/1000',
      'Content-Length': '100',
      'Accept-Ranges': 'bytes',
    });
    expect((await readAll(res.body)).equals(TRACK_BYTES.subarray(0, 100))).toBe(true);
  });

  it('bytes=100- and bytes=-50: 206 with the rest and with the last 50 bytes', async () => {
    const file = await found('/still-water/open%20water%2001.mp3');
    const rest = mediaResponse(file, 'bytes=100-');
    expect(rest.headers['Content-Range']).toBe('bytes 100-999/1000');
    expect((await readAll(rest.body)).equals(TRACK_BYTES.subarray(100))).toBe(true);
    const tail = mediaResponse(file, 'bytes=-50');
    expect(tail.status).toBe(206);
    expect(tail.headers).toMatchObject({ 'Content-Range': 'bytes 950-999/1000', 'Content-Length': '50' });
    expect((await readAll(tail.body)).equals(TRACK_BYTES.subarray(950))).toBe(true);
  });

  it('a range beyond the end: 416 with the size and no body', async () => {
    const res = mediaResponse(await found('/still-water/open%20water%2001.mp3'), 'bytes=1000-1099');
    expect(res).toMatchObject({ status: 416, body: null });
    expect(res.headers['Content-Range']).toBe('bytes */1000');
  });

  it('HEAD and an empty file: headers without a body', async () => {
    const head = mediaResponse(await found('/still-water/open%20water%2001.mp3'), 'bytes=0-9', { head: true });
    expect(head).toMatchObject({ status: 206, body: null, headers: { 'Content-Length': '10' } });
    const empty = mediaResponse(await found('/empty.wav'), undefined);
    expect(empty).toMatchObject({
      status: 200,
      body: null,
      headers: { 'Content-Type': 'audio/wav', 'Content-Length': '0' },
    });
  });

  it('types by extension', async () => {
    for (const [ext, mime] of [
      ['ogg', 'audio/ogg'],
      ['oga', 'audio/ogg'],
      ['opus', 'audio/ogg; codecs=opus'],
      ['flac', 'audio/flac'],
      ['wav', 'audio/wav'],
      ['m4a', 'audio/mp4'],
      ['MP3', 'audio/mpeg'],
    ]) {
      fs.writeFileSync(path.join(secondLibrary, `t.${ext}`), 'x');
      expect((await found(`/t.${ext}`, [secondLibrary])).mime).toBe(mime);
    }
  });
});
