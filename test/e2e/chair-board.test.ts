import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoard } from '../../main/board/server';
import { answerDayOfChecklist } from '../support/checklist';
import { throwawayCluster, type ThrowawayCluster } from '../support/clinic-db';
import { startBoardProcess } from '../support/board-process';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { chromiumWithHosts } from '../support/room-page';
import { sign } from '../support/staff';

const { browser, hosts } = chromiumWithHosts();
let cluster: ThrowawayCluster;

beforeAll(async () => {
  cluster = await throwawayCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.destroy();
});

/** A room host connected to the clinic database from its first start. */
async function connectedRoom(name: string): Promise<HostProcess> {
  const dataDir = tempDataDir('room-board-');
  await cluster.connectRoomFolder(dataDir, name);
  const host = await startHostProcess(dataDir, { testClock: false });
  hosts.push(host);
  return host;
}

const tile = (page: Page, room: string) => page.getByRole('region', { name: room });
const field = (page: Page, room: string, name: string) =>
  tile(page, room).getByLabel(name, { exact: true }).textContent();

describe('the chair board', () => {
  it('shows one tile per room, computed from the room record, and follows each room live', async () => {
    const host = await connectedRoom('Room 1');
    await connectedRoom('Room 2');
    const { session } = await host.value('startSession', {
      patientRef: 'Jane Doe',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    const board = await startBoardProcess(cluster.boardArgs);
    try {
      // Read-only and guarded: no key, no tiles; nothing but GET.
      expect((await fetch(`${board.origin}/api/tiles`)).status).toBe(401);
      expect((await fetch(`${board.origin}/api/tiles?token=${board.token}`, { method: 'POST' })).status).toBe(405);
      expect(await (await fetch(`${board.origin}/health`)).json()).toMatchObject({ ok: true });

      const page = await browser().newPage();
      page.on('pageerror', (err) => console.error('page error:', err.message));
      await page.goto(board.url);
      await expect.poll(() => field(page, 'Room 1', 'Patient'), { timeout: 20_000 }).toBe('JD');
      await expect.poll(() => tile(page, 'Room 2').textContent()).toMatch(/No session in progress/);
      expect(await tile(page, 'Room 1').textContent()).toMatch(/IM injection/);
      expect(await field(page, 'Room 1', 'Elapsed')).toBe('Not dosed');
      expect(await field(page, 'Room 1', 'Open alerts')).toBe('No open alerts');
      expect(await field(page, 'Room 1', 'Discharge readiness')).toBe('Not dosed yet');

      // The dose in the room: the tile starts counting and shows the phase, without a reload.
      await answerDayOfChecklist((m, a) => host.value(m, a), session.id, 'im');
      await host.value('recordVitals', {
        sessionId: session.id,
        values: { systolic: 120, diastolic: 80, heartRate: 70 },
        author: 'Sam',
      });
      await host.value('recordDose', { sessionId: session.id, mg: 60, booster: false, ...sign('Dr Kim') });
      await expect.poll(() => field(page, 'Room 1', 'Elapsed'), { timeout: 20_000 }).toMatch(/^T\+0:\d\d$/);
      expect(await field(page, 'Room 1', 'Phase')).toMatch(/^Onset; Peak in \d+ min$/);
      // The clinic sees who signed the dose, with their role; never a PIN.
      expect(await field(page, 'Room 1', 'Last signed act')).toMatch(
        /^Dr Kim \(clinician\) at \d\d:\d\d: ordered the dose of 60 mg \(IM injection\)$/,
      );
      expect(await tile(page, 'Room 1').textContent()).not.toContain(sign('Dr Kim').pin);

      // A blood pressure over the clinic's limit: the tile shows an open alert by its level.
      await host.value('recordVitals', {
        sessionId: session.id,
        values: { systolic: 185, diastolic: 112, heartRate: 90 },
        author: 'Sam',
      });
      await expect
        .poll(() => field(page, 'Room 1', 'Open alerts'), { timeout: 20_000 })
        .toMatch(/^(URGENT|Warning): BP .+, since \d\d:\d\d/);
      expect(await page.getByRole('button').count()).toBe(0); // nothing on the board can change a record
    } finally {
      await board.stop();
    }
  });

  it('a room whose last report is older than the limit is shown as not reporting', async () => {
    const login = await cluster.addRoom('Quiet Room');
    const board = await startBoard({
      connectionString: cluster.boardUrl,
      ca: cluster.ca,
      rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer'),
      port: 0,
      silentAfterMs: 3_000,
      log: () => undefined,
    });
    try {
      const page = await browser().newPage();
      await page.goto(board.url);
      await expect.poll(() => tile(page, 'Quiet Room').textContent(), { timeout: 20_000 }).toMatch(/Not reporting/);
      const room = await cluster.asRoom(login.login, login.password);
      await room.query("INSERT INTO room_reports (room) VALUES ('Quiet Room')");
      await expect.poll(() => tile(page, 'Quiet Room').textContent(), { timeout: 10_000 }).not.toMatch(/Not reporting/);
      // Then nothing more from the room: past the limit it reads "not reporting since hh:mm".
      await expect
        .poll(() => tile(page, 'Quiet Room').getByRole('status').textContent(), { timeout: 15_000 })
        .toMatch(/^Not reporting since \d\d:\d\d$/);
    } finally {
      await board.close();
    }
  });

  it('listens again after the clinic database restarts, and the tiles go on following the rooms', async () => {
    const host = await connectedRoom('Room 4');
    const { session } = await host.value('startSession', {
      patientRef: 'Ann Lee',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    const board = await startBoard({
      connectionString: cluster.boardUrl,
      ca: cluster.ca,
      rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer'),
      port: 0,
      log: () => undefined,
    });
    const listening = async () => {
      const owner = await cluster.owner();
      try {
        const { rows } = await owner.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'session-room board (listening)' AND query ILIKE 'LISTEN%'",
        );
        return rows[0].n as number;
      } finally {
        await owner.end();
      }
    };
    try {
      const page = await browser().newPage();
      await page.goto(board.url);
      await expect.poll(() => field(page, 'Room 4', 'Patient'), { timeout: 20_000 }).toBe('AL');
      expect(await listening()).toBe(1);
      await cluster.stop();
      await cluster.start();
      await expect.poll(listening, { timeout: 20_000 }).toBe(1);
      await host.value('recordMusicEvent', {
        sessionId: session.id,
        action: 'start',
        setId: 'evening',
        phase: 'settling',
        title: 'Shoreline',
        author: 'Sam',
      });
      await expect
        .poll(() => field(page, 'Room 4', 'Music'), { timeout: 20_000 })
        .toMatch(/^Shoreline started at \d\d:\d\d$/);
    } finally {
      await board.close();
    }
  });

  it("a room whose record chain was changed behind the database's back shows it on its tile; the others stay clear", async () => {
    const host = await connectedRoom('Chain Room');
    await connectedRoom('Chain Room 2');
    const { session } = await host.value('startSession', {
      patientRef: 'Kim Park',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    await host.value('recordObservation', {
      sessionId: session.id,
      content: { text: 'Settled', tags: [] },
      author: 'Sam',
    });
    const owner = await cluster.owner();
    const arrived = async () =>
      (await owner.query("SELECT count(*)::int AS n FROM events WHERE room = 'Chain Room'")).rows[0].n as number;
    await expect.poll(arrived, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const board = await startBoard({
      connectionString: cluster.boardUrl,
      ca: cluster.ca,
      rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer'),
      port: 0,
      chainCheckMs: 300,
      log: () => undefined,
    });
    try {
      const page = await browser().newPage();
      await page.goto(board.url);
      await expect.poll(() => field(page, 'Chain Room', 'Patient'), { timeout: 20_000 }).toBe('KP');
      expect(await tile(page, 'Chain Room').getByLabel('Record chain').count()).toBe(0);
      // The superuser, with the triggers off, changes the room's first entry.
      await owner.query('SET session_replication_role = replica');
      await owner.query(
        `UPDATE events SET payload = payload || '{"patientRef": "Someone Else"}' WHERE room = 'Chain Room' AND seq = 1`,
      );
      await owner.query('SET session_replication_role = DEFAULT');
      await expect
        .poll(() => tile(page, 'Chain Room').getByLabel('Record chain').textContent(), { timeout: 10_000 })
        .toMatch(
          /^Record chain broken: event 1 \(session_started\) of session [0-9a-f]{8} was changed after it arrived: its payload is no longer the one its digest covers\. Run clinic-db --verify/,
        );
      expect(await tile(page, 'Chain Room 2').getByLabel('Record chain').count()).toBe(0);
    } finally {
      await board.close();
      await owner.end();
    }
  });

  it('shows the chart ID instead of initials when the clinic chooses', async () => {
    const host = await connectedRoom('Room 3');
    await host.value('startSession', {
      patientRef: 'MRN-55012',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    const board = await startBoardProcess([...cluster.boardArgs, '--patient', 'chart']);
    try {
      const page = await browser().newPage();
      await page.goto(board.url);
      await expect.poll(() => field(page, 'Room 3', 'Patient'), { timeout: 20_000 }).toBe('MRN-55012');
    } finally {
      await board.stop();
    }
  });
});
