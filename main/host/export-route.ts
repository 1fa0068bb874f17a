import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { BUNDLE_EXTENSION } from '../core/music-admin/bundle';

export const EXPORTS_PREFIX = '/exports/';

/** GET /exports/<name>.roomset.zip: a shared set the admin just exported, as a download. Nothing else in the folder. */
export function serveExport(res: http.ServerResponse, rawPath: string, exportsDir: string): void {
  let name: string;
  try {
    name = decodeURIComponent(rawPath.slice(EXPORTS_PREFIX.length));
  } catch {
    name = '';
  }
  const file = path.join(exportsDir, name);
  if (
    !/^[a-z0-9][a-z0-9-]{0,63}\.roomset\.zip$/.test(name) ||
    !name.endsWith(BUNDLE_EXTENSION) ||
    !fs.existsSync(file)
  ) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('That export is not here. Export the set again.');
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'application/zip',
    'Content-Length': fs.statSync(file).size,
    'Content-Disposition': `attachment; filename="${name}"`,
  });
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
