import { defineConfig } from 'vite';

/** The renderer: built to dist/renderer, loaded over the app's own protocol or the browser host. */
export default defineConfig({
  root: 'renderer',
  base: './',
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
