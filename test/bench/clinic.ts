import { performance } from 'node:perf_hooks';
import { closeRoom } from '../../main/core/open-room';
import type { NewEvent } from '../../main/core/session/events';
import { launchChromium } from '../support/browser';
import { startBoardProcess } from '../support/board-process';
import { throwawayCluster, type ThrowawayCluster } from '../support/clinic-db';
import { clinicRoom } from '../support/clinic-room';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { percentile, round, type Figure } from './figures';
import { size } from './size';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Its sync worker stopped, then the room closed as the app closes it (its heartbeat stops with it: the suites after this one run in the same process). */
const close = async (r: ReturnType<typeof clinicRoom>) => {
  await r.sync.stop();
  await closeRoom(r.room);
};

/** Entries per room in the append comparison (the first ones untimed); chunks of 100 recorded in the outage; the board's rooms and seconds. */
const APPENDS = size({ warm: 100, timed: 1_400 }, { warm: 20, timed: 180 });
const OUTAGE_CHUNKS = size(100, 3);
const BOARD = size({ rooms: 10, seconds: 40 }, { rooms: 2, seconds: 4 });

/** The clinic figures: the room's append with and without the sync worker, an outage's catch-up, the board's latency. */
export async function benchClinic(): Promise<Figure[]> {
  const cluster = await throwawayCluster();
  try {
    return [...(await appendWithAndWithoutSync(cluster)), ...(await outageCatchUp(cluster)), ...(await boardLatency(cluster))];
  } finally {
    await cluster.destroy();
  }
}

/** The same entries recorded in two rooms in turn, one with its worker pushing every entry, one not connected. */
async function appendWithAndWithoutSync(cluster: ThrowawayCluster): Promise<Figure[]> {
  const login = await cluster.addRoom('Bench Sync');
  const synced = clinicRoom({ log: () => undefined });
  const plain = clinicRoom({ log: () => undefined });
  await synced.connect({ address: cluster.roomAddress, room: 'Bench Sync', login: login.login, password: login.password, ca: cluster.ca });
  const a = await synced.session('BENCH');
  const b = await plain.session('BENCH');
  const withSync: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < APPENDS.warm + APPENDS.timed; i++) {
    for (const [r, id, into] of i % 2 ? ([[synced, a, withSync], [plain, b, without]] as const) : ([[plain, b, without], [synced, a, withSync]] as const)) {
      const t0 = performance.now();
      await r.note(id, `entry ${i}`);
      into.push(performance.now() - t0);
    }
    // Let the worker push in between, as it would between a sitter's entries.
    if (i % 10 === 0) await wait(1);
  }
  const sent = await waitFor(async () => (await countRoom(cluster, 'Bench Sync')) === synced.eventCount(), 30_000);
  await close(synced);
  await close(plain);
  if (!sent) throw new Error('bench: the synced room did not send all its entries');
  const p99With = percentile(withSync.slice(APPENDS.warm), 99);
  const p99Without = percentile(without.slice(APPENDS.warm), 99);
  return [
    { name: 'room_append_p99_without_sync_ms', value: round(p99Without), unit: 'ms', goal: 'reference' },
    { name: 'room_append_p99_with_sync_ms', value: round(p99With), unit: 'ms', goal: 'within 10 % of without' },
    { name: 'room_append_p99_sync_ratio', value: round(p99With / p99Without), unit: 'ratio', goal: '<= 1.10' },
  ];
}

async function countRoom(cluster: ThrowawayCluster, room: string): Promise<number> {
  const owner = await cluster.owner();
  try {
    return (await owner.query('SELECT count(*)::int AS n FROM events WHERE room = $1', [room])).rows[0].n as number;
  } finally {
    await owner.end();
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return true;
    await wait(everyMs);
  }
  return false;
}

/** 10,000 entries (300 in the smoke run) recorded while the clinic database is stopped; the time for all to be in it once it is back. */
async function outageCatchUp(cluster: ThrowawayCluster): Promise<Figure[]> {
  const login = await cluster.addRoom('Bench Outage');
  const r = clinicRoom({ log: () => undefined });
  await r.connect({ address: cluster.roomAddress, room: 'Bench Outage', login: login.login, password: login.password, ca: cluster.ca });
  const sessionId = await r.session('OUT-1');
  await waitFor(async () => (await countRoom(cluster, 'Bench Outage')) === r.eventCount(), 20_000);
  await cluster.stop();
  for (let chunk = 0; chunk < OUTAGE_CHUNKS; chunk++) {
    const entries: NewEvent[] = Array.from({ length: 100 }, (_, i) => ({ kind: 'check_in', occurredAt: r.clock.now(), author: 'Sam', payload: { note: `outage ${chunk * 100 + i}` } }));
    r.room.recordAll(sessionId, entries);
  }
  await waitFor(async () => r.sync.state().status === 'problem', 20_000);
  const total = r.eventCount();
  await cluster.start();
  const t0 = performance.now();
  const arrived = await waitFor(async () => (await countRoom(cluster, 'Bench Outage')) >= total, 120_000, 50);
  const seconds = (performance.now() - t0) / 1000;
  const owner = await cluster.owner();
  const { rows } = await owner.query<{ n: number; distinct_n: number }>(
    "SELECT count(*)::int AS n, count(DISTINCT (session_id, seq))::int AS distinct_n FROM events WHERE room = 'Bench Outage'",
  );
  await owner.end();
  await close(r);
  const row = rows[0]!;
  return [
    { name: 'outage_catchup_10k_s', value: arrived ? round(seconds, 2) : NaN, unit: 's', goal: '<= 10' },
    { name: 'outage_lost_events', value: total - row.distinct_n, unit: 'events', goal: '0' },
    { name: 'outage_duplicate_events', value: row.n - row.distinct_n, unit: 'events', goal: '0' },
  ];
}

/** 10 room hosts (2 in the smoke run), each recording an entry every 2 s for 40 s (4 s); from the call that writes it to its tile changing in Chromium. */
async function boardLatency(cluster: ThrowawayCluster): Promise<Figure[]> {
  const { rooms: ROOMS, seconds: SECONDS } = BOARD;
  const hosts: { name: string; host: HostProcess; sessionId: string }[] = [];
  const browser = await launchChromium();
  let board: Awaited<ReturnType<typeof startBoardProcess>> | null = null;
  try {
    for (let i = 1; i <= ROOMS; i++) {
      const name = `Bench Room ${i}`;
      const dataDir = tempDataDir('room-bench-board-');
      await cluster.connectRoomFolder(dataDir, name);
      const host = await startHostProcess(dataDir, { testClock: false });
      const { session } = await host.value('startSession', { patientRef: `BR-${i}`, presetId: 'im', plannedDoseMg: 60, therapist: 'Dr Kim', sitter: 'Sam' });
      hosts.push({ name, host, sessionId: session.id });
    }
    board = await startBoardProcess(cluster.boardArgs);
    const page = await browser.newPage();
    await page.goto(board.url);
    await page.getByRole('region', { name: `Bench Room ${ROOMS}` }).getByLabel('Music', { exact: true }).waitFor({ timeout: 30_000 });
    // In the page: when each tile's music line first reads a given track, by the page's clock (the machine's clock).
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { seen: Record<string, number> }).seen = seen;
      new MutationObserver(() => {
        for (const tile of document.querySelectorAll('section.tile')) {
          const music = tile.querySelector('dd[aria-label="Music"]')?.textContent ?? '';
          // The tile writes the music log's last word with its time: "Track 3 started at 14:02"; the key is the track.
          const key = `${tile.getAttribute('aria-label')}|${music.replace(/ started at \d\d:\d\d$/, '')}`;
          if (!(key in seen)) seen[key] = Date.now();
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const sent: { key: string; at: number }[] = [];
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      hosts.map(async ({ name, host, sessionId }, index) => {
        await wait(index * 200); // the rooms' entries spread over the 2 s
        for (let n = 1; Date.now() < until; n++) {
          const title = `Track ${n}`;
          const at = Date.now();
          await host.value('recordMusicEvent', { sessionId, action: 'start', setId: 'bench', phase: 'onset', title, author: 'Sam' });
          sent.push({ key: `${name}|${title}`, at });
          await wait(Math.max(0, at + 2_000 - Date.now()));
        }
      }),
    );
    await wait(3_000);
    const seen = await page.evaluate(() => (window as unknown as { seen: Record<string, number> }).seen);
    const latencies = sent.map((s) => (seen[s.key] === undefined ? Infinity : seen[s.key]! - s.at));
    return [
      { name: 'board_latency_p95_ms', value: round(percentile(latencies, 95), 1), unit: 'ms', goal: '<= 1000' },
      { name: 'board_latency_samples', value: latencies.length, unit: 'entries', goal: 'reference' },
      { name: 'board_latency_missed', value: latencies.filter((l) => l === Infinity).length, unit: 'entries', goal: '0' },
    ];
  } finally {
    await board?.stop();
    await browser.close();
    await Promise.all(hosts.map((h) => h.host.stop()));
  }
}
