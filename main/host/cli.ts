import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OffsetClock, systemClock } from '../core/clock';
import { lockDataFolder, makePrivate } from '../core/data-folder';
import { RoomError } from '../core/pure/errors';
import { encodeLibraryPath } from '../core/music/library-path';
import { closeRoom, openRoom } from '../core/open-room';
import { musicAdminOf } from '../core/music-admin/handlers';
import { setExportLink } from '../core/report/export-handlers';
import { newHostToken, startHost } from './server';
import { openHostSettings } from './settings-backend';
import { startClinicSync } from '../core/sync/handlers';
import { filePasswordStore } from '../core/sync/connection';
import { monitorOf, startMonitor } from '../core/monitor/listener';

const USAGE = 'Usage: npm run room -- --data <folder> [--port <number>]';

function parseArgs(argv: string[]): { dataDir: string; port: number; testClock: boolean } {
  let dataDir: string | undefined;
  let port = 0;
  let testClock = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data') dataDir = argv[++i];
    else if (arg === '--port') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 65535)
        fail(`The port must be a whole number from 0 to 65535. ${USAGE}`);
      port = value;
    } else if (arg === '--test-clock') {
      // The clock the discharge gate reads must not be movable in a real room: tests opt in through the environment too.
      if (process.env.SESSION_ROOM_TEST_CLOCK !== '1')
        fail(
          '--test-clock is for automated tests only and is refused here: it would let anyone with the access key move the clock the discharge checks use. Start the room without it.',
        );
      testClock = true;
    } else fail(`"${arg}" is not an option the room knows. ${USAGE}`);
  }
  if (!dataDir) fail(`Say where the room keeps its records with --data <folder>. ${USAGE}`);
  return { dataDir: path.resolve(dataDir), port, testClock };
}

function fail(sentence: string): never {
  console.error(sentence);
  process.exit(2);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Whatever the room writes is for this user only (folders 0700, files 0600).
  process.umask(0o077);
  // A fault in one request or stream is logged and the room keeps running: a live session must not lose its screen.
  process.on('uncaughtException', (err) =>
    console.error(`room host: unexpected error, the room keeps running: ${err.stack ?? err}`),
  );
  process.on('unhandledRejection', (err) =>
    console.error(
      `room host: unexpected error, the room keeps running: ${(err as Error | undefined)?.stack ?? String(err)}`,
    ),
  );
  const clock = args.testClock ? new OffsetClock(systemClock) : systemClock;
  // The folder is private and this process's before anything in it is read or written, settings included.
  try {
    makePrivate(args.dataDir);
    lockDataFolder(args.dataDir, 'the browser room');
  } catch (err) {
    fail(err instanceof RoomError ? err.message : `The room could not start: ${(err as Error).message}`);
  }
  const settings = openHostSettings(args.dataDir);
  if (settings.problem) console.error(settings.problem);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const token = newHostToken();
  // The shipped playlists/ and assets/music/ sit at the project's root, two folders above dist/host/.
  const music = {
    appDir: path.resolve(here, '../..'),
    mediaUrl: (libraryPath: string) => `/media/${encodeLibraryPath(libraryPath)}?token=${token}`,
  };
  let room;
  try {
    room = openRoom({ dataDir: args.dataDir, clock, settingsBackend: settings, music, holder: 'the browser room' });
  } catch (err) {
    fail(err instanceof RoomError ? err.message : `The room could not start: ${(err as Error).message}`);
  }
  // The browser host runs on the admin's own machine: paths are typed, and exports are downloaded.
  musicAdminOf(room).files = {
    typedPaths: true,
    deliverExport: (file) =>
      Promise.resolve({ url: `/exports/${encodeURIComponent(path.basename(file))}?token=${token}`, savedTo: file }),
  };
  // The reports and exports a person saves come to them as downloads too (a copy stays in the room's exports folder).
  setExportLink(room, (file) => `/exports/${encodeURIComponent(path.basename(file))}?token=${token}`);
  const host = await startHost({
    room,
    token,
    rendererDir: path.resolve(here, '../renderer'),
    port: args.port,
    ...(clock instanceof OffsetClock ? { testClock: clock } : {}),
  }).catch((err: NodeJS.ErrnoException) =>
    fail(
      err.code === 'EADDRINUSE'
        ? `Port ${args.port} is in use. Choose another with --port, or leave it out to pick a free one.`
        : `The room could not start: ${err.message}`,
    ),
  );
  startClinicSync(room, args.dataDir, filePasswordStore(args.dataDir));
  const monitor = await startMonitor(room);
  const monitorView = monitor.view();
  if (monitorView.listening) console.log(`Monitor listener (PCD-01 over MLLP) on ${monitorView.listening}`);
  if (monitorView.problem) console.error(monitorView.problem);
  console.log(`Session Room is open at ${host.url}`);

  // One stop, whichever signal comes first (and a second one while stopping waits for the same stop).
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await host.close();
      await monitorOf(room)?.close();
      await closeRoom(room);
      process.exit(0);
    })());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main();
