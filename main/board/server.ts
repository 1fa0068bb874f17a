import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { guardedServer, keyMatches } from '../core/http-guard';
import pg from 'pg';
import { closeLoopback, listenOnLoopback } from '../core/loopback';
import { servePageFile } from '../core/page-files';
import { checkClinicChains } from '../core/sync/chain-check';
import { clinicClientConfig } from '../core/sync/tls';
import { systemTimeZone } from '../core/pure/clinic-time';
import { ClinicFeed } from './feed';
import { roomCare, sessionTile, type PatientLabel, type RoomTile } from './tile';

export interface BoardOptions {
  /** The clinic database, as the board's read-only login (postgres://clinic_board:<password>@host:port/clinic). */
  connectionString: string;
  /** The clinic's CA certificate (PEM): the board connects only over TLS to a server it signed, for the address's name. */
  ca: string;
  rendererDir: string;
  port: number;
  patientLabel?: PatientLabel;
  /** The clinic's time zone (IANA name), in which the tiles write clock times; the board computer's own when not told. */
  timeZone?: string;
  token?: string;
  /** A room silent longer than this is shown as not reporting (2 minutes). */
  silentAfterMs?: number;
  /** How often the board walks every room's hash chain (5 minutes): a record changed behind the database's back shows on its tile. */
  chainCheckMs?: number;
  log?: (line: string) => void;
}

export interface RunningBoard {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The chair board: a read-only page with one tile per room, served on loopback behind an access key like
 * the room host, kept live by the clinic database's notifications and server-sent events.
 */
export async function startBoard(options: BoardOptions): Promise<RunningBoard> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const tokenBytes = Buffer.from(token);
  const silentAfterMs = options.silentAfterMs ?? 2 * 60_000;
  const label = options.patientLabel ?? 'initials';
  const timeZone = options.timeZone ?? systemTimeZone();
  const log = options.log ?? ((line: string) => console.error(line));
  const streams = new Set<http.ServerResponse>();
  const url = new URL(options.connectionString);
  const config = clinicClientConfig(
    url,
    { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
    options.ca,
  );
  const pool = new pg.Pool({
    ...config,
    max: 3,
    connectionTimeoutMillis: 5_000,
    application_name: 'session-room board',
  });
  pool.on('error', () => undefined);
  let databaseProblem: string | null = null;
  let lastFrame = '';
  /** Each room's first broken link, as the last walk of the chains found it. */
  let brokenChains = new Map<string, string>();

  const tiles = (): RoomTile[] => {
    const now = Date.now();
    return [...feed.rooms.entries()].map(([room, { lastReportAt }]) => {
      const events = feed.currentSession(room);
      let session = null;
      try {
        session = events ? sessionTile(events, now, label, timeZone) : null;
      } catch (err) {
        log(`board: the tile for ${room} could not be drawn: ${(err as Error).message}`);
      }
      let care: Pick<RoomTile, 'rescueCheck' | 'followUpsDue'> = {
        rescueCheck: 'Not reported yet today',
        followUpsDue: 0,
      };
      try {
        care = roomCare(feed.sessions.get(room)?.values() ?? [], now, events !== null, timeZone);
      } catch (err) {
        log(`board: the care line for ${room} could not be drawn: ${(err as Error).message}`);
      }
      return {
        room,
        reporting: lastReportAt !== null && now - lastReportAt <= silentAfterMs,
        lastReportAt,
        chain: brokenChains.get(room) ?? null,
        session,
        ...care,
      };
    });
  };
  // The page writes its own clock times ("not reporting since") in the zone the tiles are written in.
  const snapshot = () => JSON.stringify({ tiles: tiles(), problem: databaseProblem, timeZone });
  const broadcast = () => {
    const frame = snapshot();
    if (frame === lastFrame) return;
    lastFrame = frame;
    for (const res of streams) res.write(`event: tiles\ndata: ${frame}\n\n`);
  };

  const feed = new ClinicFeed(pool, () => broadcast());
  try {
    await feed.start(config);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }

  // Every room's chain, walked at start and then every few minutes, off the tiles' path: a walk that fails keeps the last answer.
  let walking: Promise<void> | null = null;
  const walkChains = () => {
    walking ??= checkClinicChains(pool)
      .then((chains) => {
        const broken = new Map(
          chains
            .filter((c) => c.broken)
            .map(
              (c) =>
                [c.room, `${c.broken!.detail} Run clinic-db --verify and compare with the room's own record.`] as const,
            ),
        );
        for (const [room, line] of broken)
          if (brokenChains.get(room) !== line) log(`board: the record chain of room "${room}" is broken: ${line}`);
        brokenChains = broken;
        broadcast();
      })
      .catch(() => undefined)
      .finally(() => (walking = null));
  };
  walkChains();
  const chainTick = setInterval(walkChains, options.chainCheckMs ?? 5 * 60_000);

  // Elapsed times, due items and "not reporting" move with the clock: redraw each second, send only changes.
  const tick = setInterval(broadcast, 1_000);
  const roomsTick = setInterval(() => {
    feed
      .refreshRooms()
      .then(() => {
        if (databaseProblem) log('board: the clinic database answers again.');
        databaseProblem = null;
        feed.refresh();
      })
      .catch((err: Error) => {
        const problem = `The clinic database is not answering (${err.message}); the tiles show what it last said.`;
        if (problem !== databaseProblem) log(`board: ${problem}`);
        databaseProblem = problem;
      });
  }, 5_000);

  const authorised = (req: http.IncomingMessage, url: URL) =>
    keyMatches((req.headers['x-board-token'] as string | undefined) ?? url.searchParams.get('token'), tokenBytes);

  // The same guard as the room's host: any request is answered or closed, and none can end the board.
  const server = http.createServer();
  let listeningPort = options.port;
  guardedServer(
    server,
    () => listeningPort,
    (req, res, url) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'The board is read-only.' });
      // Without the key, only whether the board can read the clinic database: nothing about the rooms.
      if (url.pathname === '/health') return send(res, databaseProblem ? 503 : 200, { ok: !databaseProblem });
      if (url.pathname.startsWith('/api/')) {
        if (!authorised(req, url))
          return send(res, 401, {
            error: "This page is missing the board's access key. Open the address the board printed when it started.",
          });
        if (url.pathname === '/api/tiles') return send(res, 200, JSON.parse(snapshot()));
        if (url.pathname === '/api/stream') {
          res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
          res.write(`event: tiles\ndata: ${snapshot()}\n\n`);
          streams.add(res);
          req.on('close', () => streams.delete(res));
          return;
        }
        return send(res, 404, { error: 'Not found.' });
      }
      servePageFile(res, options.rendererDir, url.pathname, 'board.html', ['index.html']);
    },
    (res, status, message) => send(res, status, { error: message }),
    log,
  );

  const port = await listenOnLoopback(server, options.port);
  listeningPort = port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    port,
    close: async () => {
      clearInterval(tick);
      clearInterval(roomsTick);
      clearInterval(chainTick);
      await walking;
      await closeLoopback(server, streams);
      await feed.stop();
      await pool.end().catch(() => undefined);
    },
  };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
