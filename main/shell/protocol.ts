import { net, protocol } from 'electron';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { mediaResponse, resolveMediaFile } from '../core/music/media';
import { CONTENT_SECURITY_POLICY } from '../core/security';
import { inlineFirstScreen, sessionViewFiles } from '../core/bridge/first-screen';
import type { FirstScreen } from '../core/contract/contract';
import fs from 'node:fs';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://room`;
const MEDIA_PREFIX = '/media/';

/** The address the renderer plays a music library file from: app://room/media/<encoded library path>. */
export const mediaUrlFor = (encodedLibraryPath: string) => `${APP_ORIGIN}${MEDIA_PREFIX}${encodedLibraryPath}`;

/** app://room/media/<library path>: a music file through the core's one guard, whole or as a byte range. */
async function serveMedia(request: Request, encodedPath: string, musicRoots: readonly string[]): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return new Response('Music is only read here.', { status: 405 });
  const file = await resolveMediaFile(musicRoots, encodedPath);
  if (!file.ok) return new Response(file.message, { status: file.status });
  const answer = mediaResponse(file, request.headers.get('range'), { head: request.method === 'HEAD' });
  const body = answer.body ? (Readable.toWeb(answer.body) as unknown as ReadableStream<Uint8Array>) : null;
  return new Response(body, { status: answer.status, headers: answer.headers });
}

/** Must run before the app is ready. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/**
 * Serves the built renderer over app://room/, never file://, and nothing outside its folder;
 * and the music library's files under app://room/media/, nothing outside the library folders.
 */
export function serveRenderer(
  rendererDir: string,
  musicRoots: readonly string[] = [],
  pageState?: () => Promise<FirstScreen>,
): void {
  const rootDir = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'room') return new Response('Not found', { status: 404 });
    if (url.pathname.startsWith(MEDIA_PREFIX))
      return serveMedia(request, url.pathname.slice(MEDIA_PREFIX.length), musicRoots);
    let rel: string;
    try {
      rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const file = path.resolve(rootDir, rel);
    if (!file.startsWith(rootDir + path.sep)) return new Response('Not found', { status: 404 });
    // The page comes with the room's state inlined (escaped, a JSON block the CSP never runs): no round trip first.
    if (rel === 'index.html' && pageState) {
      const html = await fs.promises.readFile(file, 'utf8').catch(() => null);
      if (html === null) return new Response('Not found', { status: 404 });
      return new Response(inlineFirstScreen(html, await pageState(), sessionViewFiles(rootDir)), {
        status: 200,
        headers: {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        },
      });
    }
    const res = await net.fetch(pathToFileURL(file).toString()).catch(() => null);
    if (!res || !res.ok) return new Response('Not found', { status: 404 });
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: 200, headers });
  });
}
