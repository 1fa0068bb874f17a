import type http from 'node:http';
import { mediaResponse, resolveMediaFile } from '../core/music/media';

export const MEDIA_PREFIX = '/media/';

/**
 * GET/HEAD /media/<library path>: a music file from the library folders, whole or as a byte range,
 * through the core's one guard. `rawPath` is the request's path as sent (before URL normalisation),
 * so an encoded '..' reaches the guard and is refused there.
 */
export async function serveMedia(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  rawPath: string,
  roots: readonly string[],
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' });
    res.end('Music is only read here.');
    return;
  }
  const file = await resolveMediaFile(roots, rawPath.slice(MEDIA_PREFIX.length));
  if (!file.ok) {
    res.writeHead(file.status, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(file.message);
    return;
  }
  const answer = mediaResponse(file, req.headers.range, { head: req.method === 'HEAD' });
  res.writeHead(answer.status, answer.headers);
  if (!answer.body) {
    res.end();
    return;
  }
  answer.body.on('error', () => res.destroy());
  res.on('close', () => answer.body?.destroy());
  answer.body.pipe(res);
}
