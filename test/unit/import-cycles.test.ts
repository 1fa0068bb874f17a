import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No import cycles over main/, preload/ and renderer/, type imports included, and electron only in the
 * shell and the preload (.dependency-cruiser.cjs):
 * the contract does not reach back into what imports it, and inside the core the handlers depend on the
 * small room interface (room-api.ts), the registry on the handlers, and Room on the registry.
 */
const root = path.resolve(import.meta.dirname, '../..');

function cruise(...args: string[]): { status: number | null; out: string } {
  return cruiseIn(root, ...args);
}

function cruiseIn(cwd: string, ...args: string[]): { status: number | null; out: string } {
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs'), ...args],
    { cwd, encoding: 'utf8' },
  );
  return { status: result.status, out: `${result.stdout}\n${result.stderr}` };
}

describe('import cycles', () => {
  it('main/, preload/ and renderer/ import in one direction only', () => {
    const { status, out } = cruise(
      'main',
      'preload',
      'renderer',
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'err',
    );
    expect(out).toMatch(/no dependency violations found \(\d+ modules/);
    expect(status).toBe(0);
  });

  it('the check sees a cycle when there is one', () => {
    const { status, out } = cruise(
      'test/fixtures/import-cycle',
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'err',
    );
    expect(out).toMatch(/no-circular: test\/fixtures\/import-cycle\/a\.ts/);
    expect(status).not.toBe(0);
  });

  it('two folders importing each other are refused even when no file imports round a loop', () => {
    const { status, out } = cruiseIn(
      path.join(root, 'test/fixtures/folder-cycle'),
      'renderer',
      '--config',
      path.join(root, '.dependency-cruiser.cjs'),
      '--ts-config',
      path.join(root, 'tsconfig.test.json'),
      '--output-type',
      'err',
    );
    expect(out).toMatch(/no-folder-cycles: renderer\/src\/(parts|screens) →/);
    expect(out).not.toMatch(/no-circular:/);
    expect(status).not.toBe(0);
  });

  it('only the shell and the preload may import electron: core code importing it is refused', () => {
    // The fixture folder mirrors the layout (main/core/...), so the same rule applies to it.
    const { status, out } = cruiseIn(
      path.join(root, 'test/fixtures/import-rules'),
      'main',
      '--config',
      path.join(root, '.dependency-cruiser.cjs'),
      '--ts-config',
      path.join(root, 'tsconfig.test.json'),
      '--output-type',
      'err',
    );
    expect(out).toMatch(
      /electron-only-in-shell-and-preload: main\/core\/uses-electron\.ts → .*node_modules\/electron\//,
    );
    // The pure core imports down its layers: the discharge's vocabulary reaching into the rules is refused.
    expect(out).toMatch(/pure-layers: main\/core\/pure\/discharge\/reads-gate\.ts → main\/core\/pure\/rules\/gate\.ts/);
    expect(status).not.toBe(0);
  });
});
