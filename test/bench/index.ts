import fs from 'node:fs';
import path from 'node:path';
import type { Figure } from './figures';
import { benchMusic } from './music';
import { benchImport } from './import';
import { benchLoudness } from './loudness';
import { benchRendererStart } from './renderer-start';
import { benchReport } from './report';
import { benchRawInsert, benchSessionLog } from './session-log';
import { benchKeypressVisible, benchKill9 } from './observations';
import { benchClinic } from './clinic';
import { benchSoak } from './soak';

/** `npm run bench`: every figure the issues name, written to bench/results.json and printed as a table. */
const root = path.resolve(import.meta.dirname, '../..');
const suites: [string, () => Promise<Figure[]>][] = [
  ['session log', async () => [...benchRawInsert(), ...(await benchSessionLog())]],
  ['renderer start', benchRendererStart],
  ['report', benchReport],
  ['music player', benchMusic],
  ['observations keypress', benchKeypressVisible],
  ['observations kill9', benchKill9],
  ['music import', benchImport],
  ['loudness', () => benchLoudness()],
  ['clinic sync and board', benchClinic],
  ['soak', benchSoak],
];
const only = process.argv.slice(2);
const figures: Figure[] = [];
for (const [name, run] of suites) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  console.error(`bench: ${name}...`);
  figures.push(...(await run()));
}
fs.mkdirSync(path.join(root, 'bench'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify({ figures }, null, 2)}\n`);
const width = Math.max(...figures.map((f) => f.name.length));
for (const f of figures) console.log(`${f.name.padEnd(width)}  ${String(f.value).padStart(10)} ${f.unit.padEnd(18)} goal ${f.goal}`);
console.log('written to bench/results.json');
