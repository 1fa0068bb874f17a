import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * What the page loads before it can draw the room (the entry script and the files it preloads, from the built
 * index.html): small, and without the rules, report or REMS code that load when opened. A change that pulls one of them
 * into the first files (as a forms-due line once pulled the gate in, tripling the first file) fails here.
 */
const root = path.resolve(import.meta.dirname, '../..');
const dist = path.join(root, 'dist/renderer');
/** Gzipped, in KB: the first files measured 82 KB when this limit was set. */
const FIRST_LOAD_LIMIT_KB = 95;
/** Words of the gate, the REMS filing line and the report, as the built code carries them. */
const LATER_WORDS = ['a MOAA/S score of 5 taken after the last dose', 'Complete: to file', 'Session report'];

function firstFiles(): string[] {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.\/([^"]+\.js)"/g)];
  return refs.map((m) => path.join(dist, m[1]!));
}

describe("the page's first files", () => {
  it(`stay under ${FIRST_LOAD_LIMIT_KB} KB gzipped`, () => {
    const files = firstFiles();
    expect(files.length).toBeGreaterThan(0);
    const kb = files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0) / 1024;
    expect(kb, files.map((f) => path.basename(f)).join(', ')).toBeLessThanOrEqual(FIRST_LOAD_LIMIT_KB);
  });

  it('carry none of the discharge rules, the REMS forms or the report: they load when opened', () => {
    const text = firstFiles()
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    for (const words of LATER_WORDS) expect(text.includes(words), words).toBe(false);
    // The check reads real words: each is in one of the files that load when opened.
    const later = fs
      .readdirSync(path.join(dist, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(dist, 'assets', f), 'utf8'))
      .join('\n');
    for (const words of LATER_WORDS) expect(later.includes(words), words).toBe(true);
  });
});
