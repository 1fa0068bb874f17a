import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from './security';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves a file of the built page (dist/renderer) over loopback, the same way for the browser host and the
 * chair board: `home` for "/", nothing outside the folder, nothing in `refuse`, always with the page's CSP.
 */
export function servePageFile(
  res: http.ServerResponse,
  rendererDir: string,
  pathname: string,
  home: string,
  refuse: string[] = [],
): void {
  let rel: string;
  try {
    rel = pathname === '/' ? home : decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    rel = ''; // A malformed %-escape names no file: answered 404 below, never a crash.
  }
  const file = path.resolve(rendererDir, rel);
  if (
    !rel ||
    refuse.includes(rel) ||
    !file.startsWith(path.resolve(rendererDir) + path.sep) ||
    !fs.existsSync(file) ||
    !fs.statSync(file).isFile()
  ) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  });
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
