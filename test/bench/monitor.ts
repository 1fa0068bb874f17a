import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../../main/core/bridge/dispatch';
import { ManualClock, systemClock, type Clock } from '../../main/core/clock';
import { monitorOf, startMonitor } from '../../main/core/monitor/listener';
import { DEFAULT_MONITOR_SETTINGS } from '../../main/core/monitor/settings';
import { MllpClient, pcd01Message } from '../../main/core/monitor/simulator';
import { closeRoom, openRoom } from '../../main/core/open-room';
import { launchChromium } from '../support/browser';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { seedStaff, seedStaffSettings } from '../support/staff';
import { percentile, round, type Figure } from './figures';
import { size } from './size';

const READINGS = size(100, 3);
const STREAM_SECONDS = size(3 * 3600, 600);
const APPENDS = size(2000, 20);

/** The monitor figures: a reading to the screen, three hours of 1 Hz SpO2 and pulse on disk, the room's append beside a stream. */
export async function benchMonitor(): Promise<Figure[]> {
  return [...(await readingToScreen()), ...(await threeHoursOnDisk()), ...(await appendWithStream())];
}

/** The simulator's send (PCD-01 over loopback MLLP) to the value in the vitals panel of the page, through the browser host. */
async function readingToScreen(): Promise<Figure[]> {
  const dataDir = tempDataDir('room-bench-monitor-');
  seedStaffSettings(dataDir, { extra: { monitor: { ...DEFAULT_MONITOR_SETTINGS, enabled: true, port: 0 } } });
  const host = await startHostProcess(dataDir, { testClock: false });
  const browser = await launchChromium();
  try {
    const { session } = await host.value('startSession', { patientRef: 'BENCH', presetId: 'im', plannedDoseMg: 60, therapist: 'Dr Kim', sitter: 'Sam' });
    const port = Number((await host.value('getMonitor', {})).listening!.split(':')[1]);
    const client = await MllpClient.connect({ host: '127.0.0.1', port });
    await client.send(pcd01Message({ controlId: 'B0', time: Date.now(), values: { spo2: 97, heartRate: 70 } }));
    await host.value('confirmMonitor', { sessionId: session.id, author: 'Sam' });
    const page = await browser.newPage();
    await page.goto(host.url);
    const last = page.getByLabel('Monitor last reading');
    await last.waitFor();
    const times: number[] = [];
    for (let i = 0; i < READINGS; i++) {
      const hr = 60 + (i % 60);
      const spo2 = 90 + (i % 10);
      const t0 = performance.now();
      await client.send(pcd01Message({ controlId: `B${i + 1}`, time: Date.now(), values: { spo2, heartRate: hr } }));
      await page.waitForFunction(
        (want) => document.querySelector('[aria-label="Monitor last reading"]')?.textContent?.includes(want),
        `SpO2 ${spo2}%, HR ${hr}`,
        { polling: 'raf' },
      );
      times.push(performance.now() - t0);
    }
    client.close();
    return [{ name: 'monitor_reading_to_screen_p95_ms', value: round(percentile(times, 95)), unit: 'ms', goal: '<= 1000' }];
  } finally {
    await browser.close();
    await host.stop();
  }
}

async function monitoredRoom(clock: Clock) {
  const dataDir = tempDataDir('room-bench-monitor-db-');
  const room = openRoom({ dataDir, clock, settingsBackend: null });
  seedStaff(room);
  room.settings.update({ monitor: { ...DEFAULT_MONITOR_SETTINGS, enabled: true, port: 0 } });
  const listener = await startMonitor(room);
  const started = await dispatch(room.handlers, 'startSession', { patientRef: 'BENCH', presetId: 'oral', plannedDoseMg: 100, therapist: 'Dr Kim' });
  if (!started.ok) throw new Error(started.error.message);
  const sessionId = (started.value as { session: { id: string } }).session.id;
  const client = await MllpClient.connect({ host: '127.0.0.1', port: Number(listener.view().listening!.split(':')[1]) });
  return { dataDir, room, sessionId, listener, client };
}

const dbBytes = (dataDir: string) =>
  ['session-room.db', 'session-room.db-wal']
    .map((f) => path.join(dataDir, f))
    .filter((f) => fs.existsSync(f))
    .reduce((sum, f) => sum + fs.statSync(f).size, 0);

/** 1 Hz SpO2 and pulse for three hours of the monitor's time: what the room's records grow by. */
async function threeHoursOnDisk(): Promise<Figure[]> {
  const start = Date.now();
  const clock = new ManualClock(start);
  const { dataDir, room, sessionId, listener, client } = await monitoredRoom(clock);
  try {
    await client.send(pcd01Message({ controlId: 'D0', time: start, values: { spo2: 97, heartRate: 70 } }));
    listener.feed.confirm(sessionId, { author: 'Sam', authorRole: 'sitter' });
    room.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = dbBytes(dataDir);
    for (let s = 1; s <= STREAM_SECONDS; s++) {
      clock.advance(1000);
      const dip = s % 1800 > 600 && s % 1800 < 630;
      const ack = await client.send(
        pcd01Message({ controlId: `D${s}`, time: start + s * 1000, values: { spo2: dip ? 88 : 96 + (s % 3), heartRate: 68 + (s % 7) } }),
      );
      if (ack.code !== 'AA') throw new Error(`monitor bench: answered ${ack.code} ${ack.text}`);
    }
    room.db.pragma('wal_checkpoint(TRUNCATE)');
    const grownMb = (dbBytes(dataDir) - before) / (1024 * 1024);
    const scale = (3 * 3600) / STREAM_SECONDS;
    return [{ name: 'monitor_3h_db_growth_mb', value: round(grownMb * scale, 2), unit: 'MB', goal: '<= 5' }];
  } finally {
    client.close();
    await monitorOf(room)?.close();
    await closeRoom(room);
  }
}

/** Appends through the bridge, one every 10 ms: without a monitor, then with one streaming SpO2 and pulse at 1 Hz. */
async function appendWithStream(): Promise<Figure[]> {
  const { room, sessionId, listener, client } = await monitoredRoom(systemClock);
  try {
    await client.send(pcd01Message({ controlId: 'A0', time: Date.now(), values: { spo2: 97, heartRate: 70 } }));
    listener.feed.confirm(sessionId, { author: 'Sam', authorRole: 'sitter' });
    const appends = async (): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < APPENDS; i++) {
        const t0 = performance.now();
        const env = await dispatch(room.handlers, 'recordCheckIn', { sessionId, author: 'Sam' }, () => {});
        times.push(performance.now() - t0);
        if (!env.ok) throw new Error(env.error.message);
        await new Promise((r) => setTimeout(r, 10));
      }
      return times;
    };
    const without = await appends();
    let streaming = true;
    let n = 0;
    const stream = (async () => {
      while (streaming) {
        await client.send(pcd01Message({ controlId: `S${++n}`, time: Date.now(), values: { spo2: 97, heartRate: 70 } }));
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    const withStream = await appends();
    streaming = false;
    await stream;
    const p99Without = percentile(without, 99);
    const p99With = percentile(withStream, 99);
    return [
      { name: 'room_append_p99_without_monitor_ms', value: round(p99Without), unit: 'ms', goal: 'reference' },
      { name: 'room_append_p99_with_monitor_ms', value: round(p99With), unit: 'ms', goal: 'within 10 % of without' },
      { name: 'room_append_p99_monitor_ratio', value: round(p99With / p99Without), unit: 'ratio', goal: '<= 1.10' },
    ];
  } finally {
    client.close();
    await monitorOf(room)?.close();
    await closeRoom(room);
  }
}
