import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The recipe in docs/ARCHITECTURE.md, done: temperature added to a copy of the project in vitals.ts alone. The
 * typecheck then names the one other place a new sign needs (its chart colour); with that, the copy typechecks, and
 * the recorded payload, the alerts and the CSV take the new sign without another edit.
 */
const root = path.resolve(import.meta.dirname, '../..');
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'room-recipe-'));
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

function edit(file: string, from: string, to: string) {
  const p = path.join(copy, file);
  const text = fs.readFileSync(p, 'utf8');
  expect(text, `${file} no longer has what the recipe edits`).toContain(from);
  fs.writeFileSync(p, text.replace(from, to));
}

/** The files the typecheck reports errors in, over the node and the web projects. */
function typecheckErrors(): string[] {
  return ['tsconfig.node.json', 'tsconfig.web.json'].flatMap((project) => {
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', project, '--noEmit'],
      { cwd: copy, encoding: 'utf8' },
    );
    return [...r.stdout.matchAll(/^(\S+)\(\d+,\d+\): error/gm)].map((m) => m[1]!);
  });
}

describe('adding a vital sign', () => {
  it('temperature: vitals.ts and one chart colour; the typecheck names the colour, and the record, alerts and CSV follow', async () => {
    for (const part of [
      'main',
      'preload',
      'renderer',
      'tsconfig.base.json',
      'tsconfig.node.json',
      'tsconfig.web.json',
    ]) {
      fs.cpSync(path.join(root, part), path.join(copy, part), { recursive: true });
    }
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));

    const vitals = 'main/core/pure/observations/vitals.ts';
    edit(vitals, '  respiratoryRate?: number;\n}', '  respiratoryRate?: number;\n  temperature?: number;\n}');
    edit(vitals, "  'respiratory_rate',\n  'moaas',\n", "  'respiratory_rate',\n  'temperature',\n  'moaas',\n");
    edit(
      vitals,
      '};\nconst BOUNDS = VITAL_SIGNS;',
      `  temperature: {
    label: 'Temperature', short: 'Temp', unit: '°C', min: 30, max: 45, csvColumn: 'temperature_c', signal: 'temperature', againstBaseline: false,
    fhir: { profile: \`\${FHIR_PROFILE}/bodytemp\`, codings: [{ code: '8310-5', display: 'Body temperature' }], unit: 'C', ucum: 'Cel' },
    alert: (c) => (c >= 38 ? { level: 'warning', message: \`Temperature \${c} °C is 38 or above.\` } : null),
  },
};
const BOUNDS = VITAL_SIGNS;`,
    );
    expect([...new Set(typecheckErrors())]).toEqual(['renderer/src/observations/VitalsChart.tsx']);

    edit(
      'renderer/src/observations/VitalsChart.tsx',
      "respiratoryRate: 'v-rr',",
      "respiratoryRate: 'v-rr',\n  temperature: 'v-temp',",
    );
    expect(typecheckErrors()).toEqual([]);

    // The copy's own code, bundled and run: the payload schema, the alerts and the CSV take the new sign.
    const entry = path.join(copy, 'recipe-check.ts');
    fs.writeFileSync(
      entry,
      `import { vitalsValuesSchema } from './main/core/session/events';
import { vitalsAlerts, vitalsProblem } from './main/core/pure/observations/vitals';
import { DEFAULT_THRESHOLDS } from './main/core/observations/thresholds';
import { vitalsCsv } from './main/core/report/csv';
const values = vitalsValuesSchema.parse({ temperature: 38.4 });
console.log(JSON.stringify({
  values,
  problem: vitalsProblem({ temperature: 52 }),
  alerts: vitalsAlerts(values, DEFAULT_THRESHOLDS, false, 5),
  header: vitalsCsv({ entries: [] } as never).split('\\n')[0],
}));
`,
    );
    const out = path.join(copy, 'recipe-check.mjs');
    await build({
      entryPoints: [entry],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
      absWorkingDir: copy,
    });
    const run = spawnSync(process.execPath, [out], { cwd: copy, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as {
      values: object;
      problem: string;
      alerts: { signal: string; level: string; message: string }[];
      header: string;
    };
    expect(result.values).toEqual({ temperature: 38.4 });
    expect(result.problem).toBe('Temperature 52 °C is not a possible reading (30-45). Check for a typing error.');
    expect(result.alerts).toEqual([
      { signal: 'temperature', level: 'warning', message: 'Temperature 38.4 °C is 38 or above.' },
    ]);
    expect(result.header.split(',')).toContain('temperature_c');
  });
});
