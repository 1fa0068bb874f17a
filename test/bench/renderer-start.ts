import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { launchChromium } from '../support/browser';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { percentile, round, type Figure } from './figures';
import { size } from './size';

const root = path.resolve(import.meta.dirname, '../..');
/** Loads of each page timed, after one untimed load of each. */
const LOADS = size(30, 2);

/** Room start to interactive, as a ratio to a blank React page built the same way, both over loopback HTTP. */
export async function benchRendererStart(): Promise<Figure[]> {
  // The page in a folder of its own: the build writes its module list beside that folder.
  const blankDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'room-blank-')), 'page');
  // The room's own build settings, with the blank page as the only entry (the room's config also names the board's page).
  const blankRoot = path.join(root, 'test/bench/blank');
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    root: blankRoot,
    build: { outDir: blankDir, emptyOutDir: true, rollupOptions: { input: path.join(blankRoot, 'index.html') } },
    logLevel: 'error',
  });
  const server = http.createServer((req, res) => {
    const file = path.join(blankDir, req.url === '/' ? 'index.html' : req.url!.slice(1));
    if (!file.startsWith(blankDir) || !fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const blankUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  const host = await startHostProcess(tempDataDir('room-bench-'));
  const browser = await launchChromium();
  const measure = async (url: string) => {
    const page = await browser.newPage();
    // What went wrong, should the page never be ready: its errors and failed loads.
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('response', (res) => void (res.status() >= 400 && problems.push(`${res.status()} for ${res.url()}`)));
    page.on('requestfailed', (req) => problems.push(`failed: ${req.url()} (${req.failure()?.errorText})`));
    await page.goto(url);
    await page.waitForSelector('[data-ready="true"]').catch((err: Error) => {
      throw new Error(`${url === blankUrl ? 'The blank page' : 'The room'} was not ready: ${err.message.split('\n')[0]}; ${problems.join('; ') || 'no page error'}`);
    });
    const t = await page.evaluate(() => performance.getEntriesByName('room-interactive')[0]?.startTime ?? NaN);
    await page.close();
    return t;
  };
  const room: number[] = [];
  const blank: number[] = [];
  try {
    await measure(host.url);
    await measure(blankUrl);
    for (let i = 0; i < LOADS; i++) {
      room.push(await measure(host.url));
      blank.push(await measure(blankUrl));
    }
  } finally {
    await browser.close();
    await host.stop();
    server.close();
    fs.rmSync(path.dirname(blankDir), { recursive: true, force: true });
  }
  return [
    { name: 'renderer_start_ratio', value: round(percentile(room, 50) / percentile(blank, 50), 2), unit: 'x blank React page', goal: '<= 1.5' },
  ];
}
