import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { BUNDLE_EXTENSION } from '../core/music-admin/bundle';
import { SESSION_EXPORT_NAME } from '../core/report/export-handlers';

export const EXPORTS_PREFIX = '/exports/';

const TYPES: Record<string, string> = {
  '.zip': 'application/zip',
  '.pdf': 'application/pdf',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * GET /exports/<name>: a shared set the admin just exported, or a session's report or export the room just saved, as a
 * download. Only names the room itself makes; nothing else in the folder.
 */
export function serveExport(res: http.ServerResponse, rawPath: string, exportsDir: string): void {
  let name: string;
  try {
    name = decodeURIComponent(rawPath.slice(EXPORTS_PREFIX.length));
  } catch {
    name = '';
  }
  const file = path.join(exportsDir, name);
  const sharedSet = /^[a-z0-9][a-z0-9-]{0,63}\.roomset\.zip$/.test(name) && name.endsWith(BUNDLE_EXTENSION);
  if (!(sharedSet || SESSION_EXPORT_NAME.test(name)) || !fs.existsSync(file)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('That file is not here. Export it again.');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(name)] ?? 'application/octet-stream',
    'Content-Length': fs.statSync(file).size,
    'Content-Disposition': `attachment; filename="${name}"`,
  });
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
