import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/** Writes the list of modules in the page's bundle beside it (dist/renderer-modules.json, not served):
 * the boundary test reads it to prove no zod and no node built-in reached the page. The board's build adds to the room's. */
function moduleList(addToExisting: boolean): Plugin {
  const ids = new Set<string>();
  return {
    name: 'room-module-list',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle))
        if (chunk.type === 'chunk') for (const id of Object.keys(chunk.modules)) ids.add(id);
    },
    writeBundle(options) {
      const root = path.resolve(import.meta.dirname);
      const file = path.join(path.dirname(options.dir ?? 'dist/renderer'), 'renderer-modules.json');
      const list = new Set(
        addToExisting && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as string[]) : [],
      );
      for (const id of ids) list.add(path.isAbsolute(id) ? path.relative(root, id) : id);
      fs.writeFileSync(file, JSON.stringify([...list].sort(), null, 1));
    },
  };
}

/**
 * The renderer: built to dist/renderer, loaded over the app's own protocol or the browser host. The chair board's
 * small page is its own build (mode "board", into the same folder after the room's): built together, the code the two
 * pages share (React) went to chunks of its own, which the room's first screen then waited on as well.
 */
export default defineConfig(({ mode }) => ({
  root: 'renderer',
  base: './',
  plugins: [moduleList(mode === 'board')],
  resolve: { alias: { '@core': path.resolve(import.meta.dirname, 'main/core') } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: mode !== 'board',
    // The room's chunks and what each imports (.vite/manifest.json): a page served mid-session names the session view's.
    manifest: mode !== 'board',
    target: 'chrome130',
    // The strict CSP forbids inline scripts; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // The room's page, or the chair board's own small page (served by main/board).
    rollupOptions: {
      input: { [mode === 'board' ? 'board' : 'index']: `renderer/${mode === 'board' ? 'board' : 'index'}.html` },
    },
  },
  logLevel: 'warn',
}));
