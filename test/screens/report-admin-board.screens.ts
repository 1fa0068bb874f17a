import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBoard } from '../../main/board/server';
import { throwawayCluster, type ThrowawayCluster } from '../support/clinic-db';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { chromiumWithHosts } from '../support/room-page';
import { spravatoSession } from '../support/report-session';
import { threeRooms } from '../support/wall-rooms';

/** `npm run screenshots`, continued: the printed report page by page, the admin PIN screen, the chair board on a wall. */
const OUT = path.resolve(import.meta.dirname, '../../screenshots');
const { browser, hosts, openRoom } = chromiumWithHosts();
let cluster: ThrowawayCluster | undefined;

beforeAll(() => fs.mkdirSync(OUT, { recursive: true }));
afterAll(async () => {
  await cluster?.destroy();
});

it('the printed report, one PNG per page of its PDF', async () => {
  const host = await startHostProcess(tempDataDir('room-screens-'));
  hosts.push(host);
  await spravatoSession(host);
  const page = await openRoom(host, { viewport: { width: 1366, height: 768 } });
  await page.getByRole('button', { name: 'Session history' }).click();
  await page.getByRole('button', { name: /^Open the report of SP-4471/ }).click();
  await page.locator('[data-report-complete="true"]').waitFor();
  const pdf = path.join(tempDataDir('room-screens-pdf-'), 'report.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  for (const old of fs.readdirSync(OUT).filter((f) => f.startsWith('report-page-'))) fs.rmSync(path.join(OUT, old));
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, path.join(OUT, 'report-page')]);
  const pages = fs.readdirSync(OUT).filter((f) => /^report-page-\d+\.png$/.test(f));
  console.log(`${pages.length} report pages in ${OUT}`);
  expect(pages.length).toBeGreaterThan(2);
  await page.close();
}, 180_000);

it('the admin PIN screen at both sizes', async () => {
  const host = await startHostProcess(tempDataDir('room-screens-'));
  hosts.push(host);
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    const page = await openRoom(host, { viewport: size });
    await page.getByRole('button', { name: 'Admin' }).click();
    await page.getByRole('form', { name: 'Set the admin PIN' }).waitFor();
    await page.screenshot({ path: path.join(OUT, `${size.width}x${size.height}-admin-PIN.png`) });
    await page.close();
  }
}, 120_000);

it('the chair board at 1920x1080, three rooms: one not dosed, one with an urgent alert, one not reporting', async () => {
  cluster = await throwawayCluster();
  const connectedRoom = async (name: string): Promise<HostProcess> => {
    const dataDir = tempDataDir('room-screens-board-');
    await cluster!.connectRoomFolder(dataDir, name);
    const host = await startHostProcess(dataDir, { testClock: false });
    hosts.push(host);
    return host;
  };
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
    await page.goto(board.url);
    await expect
      .poll(() => page.getByRole('region', { name: 'Room 2' }).getByLabel('Open alerts').textContent(), {
        timeout: 20_000,
      })
      .toMatch(/^URGENT/);
    await page.getByRole('region', { name: 'Room 3' }).getByRole('status').waitFor();
    await page.screenshot({ path: path.join(OUT, '1920x1080-chair-board.png') });
    await page.close();
  } finally {
    await board.close();
  }
}, 240_000);
