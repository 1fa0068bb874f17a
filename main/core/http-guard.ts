import type http from 'node:http';
import { timingSafeEqual } from 'node:crypto';

/**
 * The one request guard of the room's loopback servers (the browser host and the chair board): every request is
 * answered or closed and none can end the process; the address is parsed without throwing; a page only from this
 * machine's own address (Host and Origin checked, against DNS rebinding); the access key compared in constant time.
 */

/** The request's address, or null when it names none (`//`, an unparsable host): answered 400, never thrown. */
export function requestUrl(raw: string | undefined): URL | null {
  try {
    return new URL(`http://127.0.0.1/${(raw ?? '/').replace(/^\/+/, '')}`);
  } catch {
    return null;
  }
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Host (and Origin, when sent) name this machine on this port: a page from any other name (a rebound DNS name) is refused. */
export function fromThisMachine(req: http.IncomingMessage, port: number): boolean {
  const allowed = new Set(LOOPBACK_NAMES.map((name) => `${name}:${port}`));
  const host = (req.headers.host ?? '').toLowerCase();
  // A bare loopback name (a client that leaves the port out) is still this machine; any other name is not.
  if (!allowed.has(host) && !LOOPBACK_NAMES.includes(host)) return false;
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return true;
  return [...allowed].some((a) => origin.toLowerCase() === `http://${a}`);
}

/** The access key as given (a header or the address), compared in constant time. */
export function keyMatches(given: string | undefined | null, key: Buffer): boolean {
  const bytes = Buffer.from(given ?? '');
  return bytes.length === key.length && timingSafeEqual(bytes, key);
}

/**
 * The server's request listener, guarded: a request from another name gets 403, an address that names nothing 400,
 * whatever `handle` throws is answered 500 (or the connection closed), and a broken stream is let go. Also sets the
 * server's limits and answers what Node cannot parse with 400.
 */
export function guardedServer(
  server: http.Server,
  port: () => number,
  handle: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void,
  send: (res: http.ServerResponse, status: number, message: string) => void,
  log: (line: string) => void,
): void {
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    req.on('error', () => res.destroy());
    res.on('error', () => undefined);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    try {
      if (!fromThisMachine(req, port()))
        return send(res, 403, 'This address only answers pages opened from this computer (127.0.0.1).');
      const url = requestUrl(req.url);
      if (!url)
        return send(
          res,
          400,
          'That address is not one this server serves. Open the address it printed when it started.',
        );
      handle(req, res, url);
    } catch (err) {
      log(`server: ${(err as Error)?.stack ?? String(err)}`);
      if (!res.headersSent && !res.destroyed) send(res, 500, 'The server could not answer. Try again.');
      else res.destroy();
    }
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable && !socket.destroyed)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.maxHeadersCount = 100;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
}
