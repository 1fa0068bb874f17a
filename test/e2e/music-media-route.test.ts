import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';

/** The browser host's /media/ route, asked over real HTTP as the player's audio element asks it. */
let host: HostProcess;
let dataDir: string;
const TRACK = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7) % 256));

beforeAll(async () => {
  dataDir = tempDataDir();
  const music = path.join(dataDir, 'music');
  fs.mkdirSync(path.join(music, 'evening tide'), { recursive: true });
  fs.writeFileSync(path.join(music, 'evening tide', 'drift 01.ogg'), TRACK);
  fs.writeFileSync(path.join(music, 'shore.mp3'), 'mp3');
  fs.writeFileSync(path.join(dataDir, 'outside.mp3'), 'a file beside the library, never served');
  fs.symlinkSync(path.join(dataDir, 'outside.mp3'), path.join(music, 'linked.mp3'));
  host = await startHostProcess(dataDir);
});

afterAll(async () => {
  await host?.stop();
});

/** A raw request: the path is sent exactly as written (fetch would normalise '..' away). */
function get(rawPath: string, options: { headers?: Record<string, string>; method?: string; token?: boolean } = {}) {
  const sep = rawPath.includes('?') ? '&' : '?';
  const p = options.token === false ? rawPath : `${rawPath}${sep}token=${host.token}`;
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: Number(new URL(host.origin).port),
        path: p,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('browser host: GET/HEAD /media/<library path>', () => {
  it('serves a library file whole, with its audio type and byte ranges offered', async () => {
    const res = await get('/media/evening%20tide/drift%2001.ogg');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('audio/ogg');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.body.equals(TRACK)).toBe(true);
  });

  it('answers a byte range with 206 and Content-Range, so the player can seek', async () => {
    const res = await get('/media/evening%20tide/drift%2001.ogg', { headers: { Range: 'bytes=1000-1999' } });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe('bytes 1000-1999/4000');
    expect(res.body.equals(TRACK.subarray(1000, 2000))).toBe(true);
    const tail = await get('/media/evening%20tide/drift%2001.ogg', { headers: { Range: 'bytes=-10' } });
    expect(tail.headers['content-range']).toBe('bytes 3990-3999/4000');
    expect(tail.body.equals(TRACK.subarray(3990))).toBe(true);
  });

  it('answers a range past the end with 416 and the file size', async () => {
    const res = await get('/media/evening%20tide/drift%2001.ogg', { headers: { Range: 'bytes=4000-' } });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe('bytes */4000');
  });

  it('answers HEAD with the length and no body', async () => {
    const res = await get('/media/shore.mp3', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('audio/mpeg');
    expect(res.headers['content-length']).toBe('3');
    expect(res.body.length).toBe(0);
  });

  it('refuses a request without the room access key with 401', async () => {
    const res = await get('/media/shore.mp3', { token: false });
    expect(res.status).toBe(401);
    expect((await get(`/media/shore.mp3?token=${'0'.repeat(48)}`, { token: false })).status).toBe(401);
  });

  it.each([
    ['..', '/media/../outside.mp3'],
    ['encoded ..', '/media/%2e%2e/outside.mp3'],
    ['encoded slash and ..', '/media/%2e%2e%2foutside.mp3'],
    ['an encoded absolute path', '/media/%2Fetc%2Fpasswd.mp3'],
  ])('refuses a path that climbs out of the library (%s) with 403', async (_name, rawPath) => {
    const res = await get(rawPath);
    expect(res.status).toBe(403);
    expect(res.body.toString()).not.toContain('never served');
  });

  it('refuses a symlink in the library that points outside it with 403', async () => {
    const res = await get('/media/linked.mp3');
    expect(res.status).toBe(403);
    expect(res.body.toString()).toMatch(/outside the music library/);
  });

  it('answers 404 for a file that is not in the library', async () => {
    expect((await get('/media/evening%20tide/missing.ogg')).status).toBe(404);
  });

  it('lists tracks with addresses the route serves', async () => {
    fs.mkdirSync(path.join(dataDir, 'sets'), { recursive: true });
    fs.writeFileSync(
      path.join(dataDir, 'sets', 'evening.json'),
      JSON.stringify({
        format: 'session-room/music-set',
        version: 1,
        id: 'evening',
        name: 'Evening',
        phases: {
          settling: [{ file: 'evening tide/drift 01.ogg', title: 'Drift', artist: '', durationSec: 60 }],
          onset: [],
          peak: [],
          return: [],
          after: [],
        },
      }),
    );
    const view = await host.value('listMusicSets', {});
    const track = view.sets.find((s) => s.id === 'evening')!.phases.settling[0]!;
    expect(track.available).toBe(true);
    expect(track.url).toBe(`/media/evening%20tide/drift%2001.ogg?token=${host.token}`);
    const res = await get(track.url, { token: false });
    expect(res.status).toBe(200);
    expect(res.body.equals(TRACK)).toBe(true);
  });

  it('lets Chromium play a shipped track from its listed address and seek into it (byte ranges)', async (ctx) => {
    const shipped = (await host.value('listMusicSets', {})).sets.find((s) => s.source === 'shipped');
    const track = shipped?.phases.peak[0];
    if (!track?.available) {
      console.log('skipped: the shipped music has not been made here (npm run make-music needs sox)');
      ctx.skip('assets/music not made');
      return;
    }
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(host.url);
      const heard = await page.evaluate(async (url) => {
        const audio = new Audio(url);
        audio.volume = 0;
        const once = (name: string) =>
          new Promise((resolve, reject) => {
            audio.addEventListener(name, resolve, { once: true });
            audio.addEventListener('error', () => reject(new Error(`audio error ${audio.error?.code}`)), {
              once: true,
            });
          });
        await once('loadedmetadata');
        const duration = audio.duration;
        audio.currentTime = duration - 60;
        await once('seeked');
        await audio.play();
        await new Promise((r) => setTimeout(r, 800));
        const at = audio.currentTime;
        audio.pause();
        return { duration, at, seekable: audio.seekable.length };
      }, track.url);
      expect(Math.abs(heard.duration - track.durationSec)).toBeLessThan(0.5);
      expect(heard.seekable).toBe(1);
      expect(heard.at).toBeGreaterThan(track.durationSec - 60);
    } finally {
      await browser.close();
    }
  });
});
