import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/** Writes the list of modules in the page's bundle beside it (dist/renderer-modules.json, not served):
 * the boundary test reads it to prove no zod and no node built-in reached the page. */
function moduleList(): Plugin {
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
      const list = [...ids].map((id) => (path.isAbsolute(id) ? path.relative(root, id) : id)).sort();
      fs.writeFileSync(
        path.join(path.dirname(options.dir ?? 'dist/renderer'), 'renderer-modules.json'),
        JSON.stringify(list, null, 1),
      );
    },
  };
}

/** The renderer: built to dist/renderer, loaded over the app's own protocol or the browser host. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [moduleList()],
  resolve: { alias: { '@core': path.resolve(import.meta.dirname, 'main/core') } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // The strict CSP forbids inline scripts; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // The room's page, and the chair board's own small page (served by main/board).
    rollupOptions: { input: { index: 'renderer/index.html', board: 'renderer/board.html' } },
  },
  logLevel: 'warn',
});
