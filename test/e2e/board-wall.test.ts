import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoard } from '../../main/board/server';
import { throwawayCluster, type ThrowawayCluster } from '../support/clinic-db';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { chromiumWithHosts } from '../support/room-page';
import { threeRooms } from '../support/wall-rooms';
import { seriousAxeProblems } from '../support/axe';

const { browser, hosts } = chromiumWithHosts();
let cluster: ThrowawayCluster;

beforeAll(async () => {
  cluster = await throwawayCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.destroy();
});

async function connectedRoom(name: string): Promise<HostProcess> {
  const dataDir = tempDataDir('room-wall-');
  await cluster.connectRoomFolder(dataDir, name);
  const host = await startHostProcess(dataDir, { testClock: false });
  hosts.push(host);
  return host;
}

const tile = (page: Page, room: string) => page.getByRole('region', { name: room });
const field = (page: Page, room: string, name: string) =>
  tile(page, room).getByLabel(name, { exact: true }).textContent();
/** The computed font size of an element, in CSS pixels. */
const fontPx = (page: Page, room: string, locate: (t: ReturnType<typeof tile>) => ReturnType<Page['locator']>) =>
  locate(tile(page, room)).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

describe('the chair board on a wall screen', () => {
  it('three rooms at 1920x1080: the screen filled, names, phases and alerts readable at a quarter size, each fault of the first trial gone', async () => {
    await threeRooms(cluster, connectedRoom);

    const board = await startBoard({
      connectionString: cluster.boardUrl,
      ca: cluster.ca,
      rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer'),
      port: 0,
      log: () => undefined,
    });
    try {
      const page = await browser().newPage({ viewport: { width: 1920, height: 1080 } });
      page.on('pageerror', (err) => console.error('page error:', err.message));
      await page.goto(board.url);
      await expect.poll(() => field(page, 'Room 2', 'Elapsed'), { timeout: 20_000 }).toMatch(/^T\+/);
      await expect.poll(() => field(page, 'Room 1', 'Music'), { timeout: 20_000 }).toMatch(/Shoreline/);

      // A chart number is not initials: the letters and the last four, so two patients are told apart.
      expect(await field(page, 'Room 1', 'Patient')).toBe('MRN …9210');
      expect(await field(page, 'Room 2', 'Patient')).toBe('JD');
      // Not dosed: no count of discharge conditions that cannot apply yet.
      expect(await field(page, 'Room 1', 'Discharge readiness')).toBe('Not dosed yet');
      // The board cannot hear the room: it says what the music log said and when, never "Playing".
      expect(await field(page, 'Room 1', 'Music')).toMatch(/^Shoreline started at \d\d:\d\d$/);
      // Who runs the room, and when its record last moved.
      expect(await field(page, 'Room 1', 'Therapist')).toBe('Jo Park');
      expect(await field(page, 'Room 2', 'Therapist')).toBe('Dr Kim');
      expect(await field(page, 'Room 2', 'Last entry')).toMatch(/^\d\d:\d\d$/);
      // The urgent alert by what it is and since when, not a count.
      expect(await field(page, 'Room 2', 'Open alerts')).toMatch(/^URGENT: SpO2 85%.*, since \d\d:\d\d$/);
      expect(await field(page, 'Room 2', 'Open alerts')).not.toContain('.,');
      expect(await field(page, 'Room 1', 'Open alerts')).toBe('No open alerts');

      // The room not reporting stands out: never dimmed, a heavier border than a healthy room's.
      await expect.poll(() => tile(page, 'Room 3').getByRole('status').textContent()).toMatch(/^Not reporting/);
      const style = (room: string) =>
        tile(page, room).evaluate((el) => {
          const s = getComputedStyle(el);
          return { opacity: s.opacity, border: parseFloat(s.borderTopWidth) };
        });
      const silent = await style('Room 3');
      expect(silent.opacity).toBe('1');
      expect(silent.border).toBeGreaterThan((await style('Room 1')).border);

      // The wall screen is filled: the tiles span its width and reach its bottom, with nothing to scroll.
      const box = (await page.locator('.tiles').boundingBox())!;
      expect(box.width).toBeGreaterThan(1920 * 0.95);
      expect(box.y + box.height).toBeGreaterThan(1080 - 40);
      expect(await page.evaluate(() => document.scrollingElement!.scrollHeight)).toBeLessThanOrEqual(1080);
      // Seen at a quarter of its size, the room names, phases, alerts and "not reporting" are still 10 px or more.
      for (const room of ['Room 1', 'Room 2', 'Room 3'])
        expect((await fontPx(page, room, (t) => t.getByRole('heading', { name: room }))) / 4).toBeGreaterThanOrEqual(
          10,
        );
      for (const room of ['Room 1', 'Room 2']) {
        expect((await fontPx(page, room, (t) => t.getByLabel('Phase', { exact: true }))) / 4).toBeGreaterThanOrEqual(
          10,
        );
        expect(
          (await fontPx(page, room, (t) => t.getByLabel('Open alerts', { exact: true }))) / 4,
        ).toBeGreaterThanOrEqual(10);
      }
      expect((await fontPx(page, 'Room 3', (t) => t.getByRole('status'))) / 4).toBeGreaterThanOrEqual(10);
      // The larger type and heavier borders keep the palette's contrast: axe-core finds nothing serious.
      expect(await seriousAxeProblems(page)).toEqual([]);
      await page.close();
    } finally {
      await board.close();
    }
  });
});
