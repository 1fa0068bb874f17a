import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The lint refuses a route-name check outside the route table: the fixture's `preset.id === 'spravato'` linted as if it
 * were a rule in main/core, and the same line in the preset table (where route names belong) passes.
 */
const root = path.resolve(import.meta.dirname, '../..');
const code = fs
  .readFileSync(path.join(root, 'test/fixtures/lint/route-name-check.ts'), 'utf8')
  .replace("'../../../main/core/pure/session/fold'", "'../session/fold'");
// Linted without the type information (the text is not a file of the project); the route rule needs none.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
});
const lint = async (file: string) =>
  (await eslint.lintText(code, { filePath: path.join(root, file) }))[0]!.messages.map(
    (m) => `${m.ruleId}: ${m.message}`,
  );

describe('the lint', () => {
  it('refuses a route compared by its name in a rule, and allows it in the route table', async () => {
    expect(await lint('main/core/pure/rules/route-name-check.ts')).toEqual([
      "no-restricted-syntax: Check the route's capabilities (ROUTES / routeOf in main/core/pure/timeline/routes.ts), not its name.",
    ]);
    expect(await lint('main/core/pure/timeline/routes.ts')).toEqual([]);
  });
});
