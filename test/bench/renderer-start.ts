import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'vite';
import { launchChromium } from '../support/browser';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { percentile, round, type Figure } from './figures';
import { size } from './size';

const root = path.resolve(import.meta.dirname, '../..');
/** Loads of each page timed, after one untimed load of each. */
const LOADS = size(30, 2);

/** The files a chunk imports statically (minified `from"./x.js"` and bare `import"./x.js"`), not its lazy ones. */
function staticImports(dir: string, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = fs.readFileSync(path.join(dir, file), 'utf8');
  for (const m of code.matchAll(/(?:from|import)\s*["']\.\/([\w.-]+\.js)["']/g)) staticImports(dir, m[1]!, seen);
  return seen;
}

/**
 * The room's bundle, gzipped: what the page loads to draw the session view (the entry, its static imports and
 * stylesheet, and the session view's chunk with its own static imports), never the admin, report, history or CADSS.
 */
export function roomBundleKb(rendererDir = path.join(root, 'dist/renderer')): { kb: number; files: string[] } {
  const assets = path.join(rendererDir, 'assets');
  const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const first = [...html.matchAll(/(?:src|href)="\.\/assets\/([\w.-]+)"/g)].map((m) => m[1]!);
  const roomView = fs.readdirSync(assets).find((f) => /^RoomView-[\w-]+\.js$/.test(f));
  const files = new Set<string>();
  for (const f of [...first, ...(roomView ? [roomView] : [])])
    if (f.endsWith('.js')) staticImports(assets, f, files);
    else files.add(f);
  const bytes = [...files].reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(assets, f))).length, 0);
  return { kb: bytes / 1024, files: [...files].sort() };
}

/**
 * The reference page: a blank React page built with the room's own build settings, served over loopback HTTP by a plain
 * static server; `close` stops it and removes the build.
 */
export async function serveBlankPage(): Promise<{ url: string; close: () => void }> {
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
  return {
    url: blankUrl,
    close: () => {
      server.close();
      fs.rmSync(path.dirname(blankDir), { recursive: true, force: true });
    },
  };
}

/** Room start to interactive, as a ratio to a blank React page built the same way, both over loopback HTTP. */
export async function benchRendererStart(): Promise<Figure[]> {
  const blankPage = await serveBlankPage();
  const blankUrl = blankPage.url;
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
    blankPage.close();
  }
  const bundle = roomBundleKb();
  return [
    { name: 'room_bundle_kb', value: round(bundle.kb, 1), unit: `KB gzip (${bundle.files.length} files)`, goal: 'report' },
    { name: 'renderer_start_ratio', value: round(percentile(room, 50) / percentile(blank, 50), 2), unit: 'x blank React page', goal: '<= 1.5' },
  ];
}
