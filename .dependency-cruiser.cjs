/** The import rules the structure keeps (docs/ARCHITECTURE.md), checked by test/unit/import-cycles.test.ts. */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles: between the preload and the core (the contract is the core\'s), or inside the core (handlers take a small room interface; the registry takes the handlers).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment: 'No two folders import each other, directly or round a loop: the contract is the core\'s (the preload imports it), the pure rules import down, and the renderer\'s screens import shared parts, never each other in a circle.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^(preload|main/(shell|host|board)|renderer/src/[^/]+)$' },
      to: { circular: true },
    },
    {
      name: 'electron-only-in-shell-and-preload',
      comment: 'The core, the browser host and the chair board run in plain node: only main/shell and preload/index.ts may import electron.',
      severity: 'error',
      from: { path: '^(main/(core|host|board)|renderer)/' },
      to: { path: '(^|/)node_modules/electron/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
