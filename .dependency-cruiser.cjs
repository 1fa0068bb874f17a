/** The import rules the structure keeps (docs/ARCHITECTURE.md), checked by test/unit/import-cycles.test.ts. */
/**
 * The folders kept free of folder-level cycles: the parts (the preload, the shell, the host, the board) and the
 * renderer's folders. The pure core's folders are layered instead (pure-layers below). The core's own folders still share
 * its root files (room-api.ts) and type imports both ways, and are left to the module-level rule.
 */
const FOLDERS = '^(preload|main/(shell|host|board)|renderer/src/[^/]+)$';
const PURE = '^main/core/pure/';

/** The pure core in layers, each importing only those before it: vocabulary, the discharge's own, the fold, the rules, the report. */
const pureLayer = (name, from, above) => ({
  name,
  comment: `The pure core imports down its layers only: ${from} never imports ${above}.`,
  severity: 'error',
  from: { path: `${PURE}(${from})/` },
  to: { path: `${PURE}(${above})/` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        "No import cycles: between the preload and the core (the contract is the core's), or inside the core (handlers take a small room interface; the registry takes the handlers).",
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment:
        "No two folders import each other, directly or round a loop: the contract is the core's (the preload imports it), the pure rules import down, and the renderer's screens import shared parts, never each other in a circle.",
      severity: 'error',
      scope: 'folder',
      from: { path: FOLDERS },
      to: { circular: true },
    },
    pureLayer(
      'pure-layers',
      'timeline|observations|settings|staff|music|music-admin',
      'discharge|session|rules|report',
    ),
    pureLayer('pure-layers', 'discharge|care|integration', 'session|rules|report'),
    pureLayer('pure-layers', 'session', 'rules|report'),
    pureLayer('pure-layers', 'rules', 'report'),
    {
      name: 'electron-only-in-shell-and-preload',
      comment:
        'The core, the browser host and the chair board run in plain node: only main/shell and preload/index.ts may import electron.',
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
