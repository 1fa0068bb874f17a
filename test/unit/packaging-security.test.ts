import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** The packaged app's Electron fuses, and electronegativity's review of the app's code, read rather than trusted. */

const root = path.resolve(import.meta.dirname, '../..');

describe('Electron fuses in the packaging config', () => {
  const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
    electronFuses?: Record<string, unknown>;
  };
  const expected: [string, boolean, string][] = [
    ['runAsNode', false, 'ELECTRON_RUN_AS_NODE cannot turn the app into plain Node'],
    ['enableNodeOptionsEnvironmentVariable', false, 'NODE_OPTIONS is ignored'],
    ['enableNodeCliInspectArguments', false, '--inspect and its family are ignored'],
    ['enableEmbeddedAsarIntegrityValidation', true, "the app.asar's integrity is checked when it loads"],
    ['onlyLoadAppFromAsar', true, 'the app loads only from its asar'],
    ['enableCookieEncryption', true, 'the cookie store is encrypted on disk'],
    [
      'grantFileProtocolExtraPrivileges',
      false,
      'a file:// page gets no fetch of other files, no service workers and no reach into its frames beyond a browser',
    ],
  ];
  for (const [fuse, value, meaning] of expected) {
    it(`${fuse} is ${value}: ${meaning}`, () => {
      expect(config.electronFuses?.[fuse]).toBe(value);
    });
  }
});

interface Issue {
  id: string;
  file: string;
  description: string;
  severity: { value: number; name: string };
  location: { line: number };
}

/** electronegativity (pinned) over the app's code, with its network look-ups (translations, Electron releases) refused before they leave. */
async function electronegativity(): Promise<{ issues: Issue[]; parseErrors: unknown[]; networkAsked: string[] }> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@doyensec/electronegativity');
  const fromTool = createRequire(entry);
  const networkAsked: string[] = [];
  const refuse = (url: unknown) => {
    networkAsked.push(String(url));
    return Promise.reject(new Error('no network in tests'));
  };
  // The room makes no network calls, and neither does its test: the tool's HTTP client is replaced before it loads.
  fromTool.cache[fromTool.resolve('got')] = {
    exports: Object.assign(refuse, { default: Object.assign(refuse, { head: refuse }), head: refuse }),
  } as NodeJS.Module;
  const tool = fromTool(entry) as { default?: (o: object) => Promise<{ issues: Issue[]; errors: unknown[] }> };
  const run = (tool.default ?? tool) as (o: object) => Promise<{ issues: Issue[]; errors: unknown[] }>;
  // The app as electronegativity would see it packaged: main process, preload, renderer, package.json.
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'room-electronegativity-'));
  for (const dir of ['main', 'preload', 'renderer/src', 'renderer/index.html'])
    fs.cpSync(path.join(root, dir), path.join(app, dir), { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(app, 'package.json'));
  const electron = (
    JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
  ).devDependencies.electron;
  const quiet = console.log;
  console.log = () => undefined;
  try {
    const result = await run({
      input: app,
      severitySet: 'medium',
      isRelative: true,
      electronVersionOverride: electron,
    });
    return {
      issues: result.issues,
      parseErrors: result.errors.filter((e) => !(e as { tolerable?: boolean }).tolerable),
      networkAsked,
    };
  } finally {
    console.log = quiet;
    fs.rmSync(app, { recursive: true, force: true });
  }
}

describe('electronegativity', () => {
  it('finds nothing of medium severity or more that is neither fixed nor allowed with its reason', async () => {
    const allow = (
      JSON.parse(fs.readFileSync(path.join(root, 'test/security/electronegativity-allowlist.json'), 'utf8')) as {
        allowed: { id: string; file?: string; reason: string }[];
      }
    ).allowed;
    for (const a of allow) expect(a.reason.length, `${a.id} needs its reason`).toBeGreaterThan(40);
    const { issues, parseErrors, networkAsked } = await electronegativity();
    // Its look-ups (translations, Electron's release list) met the stand-in, not the network.
    expect(networkAsked.length).toBeGreaterThan(0);
    // It read the code: every file parsed, and its checks ran (the allowed findings are found, so it is looking).
    expect(parseErrors).toEqual([]);
    expect(issues.length).toBeGreaterThan(0);
    const medium = issues.filter((i) => i.severity.value >= 2);
    const unexplained = medium.filter(
      (i) => !allow.some((a) => a.id === i.id && (!a.file || path.normalize(i.file) === path.normalize(a.file))),
    );
    expect(unexplained.map((i) => `${i.severity.name} ${i.id} ${i.file}:${i.location.line} ${i.description}`)).toEqual(
      [],
    );
  }, 120_000);
});
