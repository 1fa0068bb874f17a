// The project's lint: typescript-eslint's recommended type-checked rules over the code and the tests, React's hooks
// rules over the page, and the rule that keeps route checks on the route table. `npm run lint` (and `npm test`).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A route is asked what it can do (its capabilities in the route table), never compared by its name. */
const ROUTE_NAMES = ['iv', 'im', 'intranasal', 'spravato', 'sublingual', 'oral'];
const routeNameCheck = ROUTE_NAMES.map((name) => ({
  selector: `BinaryExpression[operator=/^[!=]==?$/] > Literal[value='${name}']`,
  message: "Check the route's capabilities (ROUTES / routeOf in main/core/pure/timeline/routes.ts), not its name.",
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'renderer/node_modules/**',
      'screenshots/**',
      'bench/**',
      'test/fixtures/**',
      'playlists/**',
      'assets/**',
      'coverage/**',
      'scripts/*.d.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      // Unused names are errors, except a leading underscore (a deliberately ignored argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-restricted-syntax': ['error', ...routeNameCheck],
      // An event handler given an async function is the page's pattern: each handler catches its own errors and shows them.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The rules of hooks and their dependencies. The React Compiler's purity rules are not used: the page is not
    // compiled by it, and they flag its deliberate reads of the clock and of refs while drawing.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The route table and the presets are where route names belong.
    files: [
      'main/core/pure/timeline/routes.ts',
      'main/core/timeline/presets.ts',
      'main/core/settings/sources.ts',
      'test/**',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tests read JSON, exports and error payloads as plain data to assert on: the assertions check their shape.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Test doubles implement async interfaces with bodies that need no await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
);
