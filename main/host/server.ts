import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { guardedServer, keyMatches } from '../core/http-guard';
import { dispatch } from '../core/bridge/dispatch';
import { RequestLedger, storedAnswers } from '../core/bridge/request-ledger';
import type { OffsetClock } from '../core/clock';
import type { Room } from '../core/room';
import { closeLoopback, listenOnLoopback } from '../core/loopback';
import { servePageFile } from '../core/page-files';
import { CONTENT_SECURITY_POLICY } from '../core/security';
import { firstScreen, inlineFirstScreen, sessionViewFiles } from '../core/bridge/first-screen';
import fs from 'node:fs';
import { MEDIA_PREFIX, serveMedia } from './media-route';
import { EXPORTS_PREFIX, serveExport } from './export-route';
import { musicAdminOf } from '../core/music-admin/handlers';

export interface HostOptions {
  room: Room;
  rendererDir: string;
  port: number;
  /** The access key the page must present; a fresh random one when not given. */
  token?: string;
  /** Test-only: lets tests move the room's clock. The Electron app never has it. */
  testClock?: OffsetClock;
  log?: (line: string) => void;
}

export interface RunningHost {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** The bridge over loopback HTTP: the same contract and dispatch as IPC, guarded by a per-run token. */
export function startHost(options: HostOptions): Promise<RunningHost> {
  const { room } = options;
  const token = options.token ?? newHostToken();
  const tokenBytes = Buffer.from(token);
  const streams = new Set<http.ServerResponse>();
  const ledger = new RequestLedger(storedAnswers(room.db));
  const log = options.log ?? ((line: string) => console.error(line));

  const unsubscribe = room.onPush((channel, payload) => {
    const frame = `event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) {
      if (res.destroyed || res.writableEnded) streams.delete(res);
      else res.write(frame);
    }
  });

  const authorised = (req: http.IncomingMessage, url: URL): boolean =>
    keyMatches((req.headers['x-room-token'] as string | undefined) ?? url.searchParams.get('token'), tokenBytes);

  const unauthorised = (res: http.ServerResponse) =>
    sendJson(res, 401, {
      ok: false,
      error: {
        code: 'unauthorised',
        message: "This page is missing the room's access key. Open the address the room printed when it started.",
      },
    });
  const failed = (res: http.ServerResponse, err: unknown, sentence: string) => {
    log(`room host: ${(err as Error)?.stack ?? String(err)}`);
    if (!res.headersSent && !res.destroyed)
      sendJson(res, 500, { ok: false, error: { code: 'internal', message: sentence } });
    else res.destroy();
  };

  function route(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (url.pathname.startsWith('/api/')) {
      if (!authorised(req, url)) return unauthorised(res);
      handleApi(req, res, url).catch((err) => failed(res, err, 'The room could not answer. Try again.'));
      return;
    }
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (rawPath.startsWith(MEDIA_PREFIX)) {
      if (!authorised(req, url)) return unauthorised(res);
      serveMedia(req, res, rawPath, room.music.places.roots).catch((err) =>
        failed(res, err, 'The room could not play that file. Try again.'),
      );
      return;
    }
    if (rawPath.startsWith(EXPORTS_PREFIX) && req.method === 'GET') {
      if (!authorised(req, url)) return unauthorised(res);
      return serveExport(res, rawPath, path.join(musicAdminOf(room).dataDir, 'exports'));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { ok: false, error: { code: 'method', message: 'Not allowed.' } });
    // The page asked for with the access key (the address the room printed) comes with the room's state inlined.
    if ((url.pathname === '/' || url.pathname === '/index.html') && url.searchParams.has('token')) {
      if (!authorised(req, url)) return unauthorised(res);
      servePageWithState(res).catch((err) => failed(res, err, 'The room could not open its page. Reload it.'));
      return;
    }
    return servePageFile(res, options.rendererDir, url.pathname, 'index.html');
  }

  /** index.html with the room's first screen in it: read from the room as it is now, never cached by the browser. */
  async function servePageWithState(res: http.ServerResponse): Promise<void> {
    const html = await fs.promises.readFile(path.join(options.rendererDir, 'index.html'), 'utf8');
    const page = inlineFirstScreen(html, await firstScreen(room.handlers, log), sessionViewFiles(options.rendererDir));
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': 'no-store',
      // The address carries the access key: no other page is ever told it.
      'Referrer-Policy': 'no-referrer',
    });
    res.end(page);
  }

  // Every request is answered or closed, and none can end the room (the one guard the board shares).
  const server = http.createServer();
  let listeningPort = options.port;
  const status = (code: number) => (code === 403 ? 'forbidden' : code === 400 ? 'bad_address' : 'internal');
  guardedServer(
    server,
    () => listeningPort,
    route,
    (res, code, message) => sendJson(res, code, { ok: false, error: { code: status(code), message } }),
    log,
  );

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method !== 'POST')
      return sendJson(res, 405, { ok: false, error: { code: 'method', message: 'Use POST for room calls.' } });
    const read = await readJson(req);
    if (read.tooLarge) {
      res.setHeader('Connection', 'close');
      res.once('finish', () => req.destroy());
      return sendJson(res, 413, {
        ok: false,
        error: {
          code: 'too_large',
          message: 'That request is larger than the room accepts (1 MB). Send less at once.',
        },
      });
    }
    const body = read.value;
    if (body === undefined)
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'invalid_json', message: 'The request was not valid JSON.' },
      });
    if (url.pathname === '/api/test/clock') {
      if (!options.testClock)
        return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'Not found.' } });
      const { advanceMs, setMs } = (body ?? {}) as { advanceMs?: unknown; setMs?: unknown };
      const now =
        typeof setMs === 'number'
          ? options.testClock.set(setMs)
          : options.testClock.advance(typeof advanceMs === 'number' ? advanceMs : 0);
      return sendJson(res, 200, { ok: true, value: { now } });
    }
    const method = url.pathname.slice('/api/call/'.length);
    if (!url.pathname.startsWith('/api/call/'))
      return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'Not found.' } });
    const requestId = req.headers['x-room-request'];
    sendJson(
      res,
      200,
      await ledger.run(typeof requestId === 'string' ? requestId : undefined, method, body, () =>
        dispatch(room.handlers, method, body, log),
      ),
    );
  }

  return listenOnLoopback(server, options.port).then((port) => {
    listeningPort = port;
    return {
      // The key in the query, so the page is served with the room's state; the page then hides it from the address.
      url: `http://127.0.0.1:${port}/?token=${token}`,
      token,
      port,
      close: () => {
        unsubscribe();
        return closeLoopback(server, streams);
      },
    };
  });
}

/** A fresh access key for one run of the host. */
export function newHostToken(): string {
  return randomBytes(24).toString('hex');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** The body as JSON: `value` undefined when it is not JSON; `tooLarge` past the cap (the rest is not read). */
function readJson(req: http.IncomingMessage): Promise<{ value: unknown; tooLarge?: boolean }> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return resolve({ value: undefined, tooLarge: true });
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (answer: { value: unknown; tooLarge?: boolean }) => {
      if (done) return;
      done = true;
      resolve(answer);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return finish({ value: undefined, tooLarge: true });
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text === '') return finish({ value: {} });
      try {
        finish({ value: JSON.parse(text) });
      } catch {
        finish({ value: undefined });
      }
    });
    req.on('error', () => finish({ value: undefined }));
    req.on('close', () => finish({ value: undefined }));
  });
}
