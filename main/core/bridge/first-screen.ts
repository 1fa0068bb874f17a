import fs from 'node:fs';
import path from 'node:path';
import type { FirstScreen } from '../contract/contract';
import type { MethodName } from '../contract/channels';
import type { Handlers } from '../room-api';
import { dispatch } from './dispatch';

/** The id of the page's inlined state: a JSON data block, never run as script. */
export const FIRST_SCREEN_ID = 'room-first-screen';

/**
 * The room's current state for the page's first screen, through the same dispatch as every call (so it is exactly
 * what the page would have asked for); a part that fails is left null and the page asks for it over the bridge.
 */
export async function firstScreen(handlers: Handlers, log?: (line: string) => void): Promise<FirstScreen> {
  const ask = async <T>(method: MethodName, args: unknown): Promise<T | null> => {
    const answer = await dispatch(handlers, method, args, log);
    return answer.ok ? (answer.value as T) : null;
  };
  const room = await ask<FirstScreen['room']>('getRoom', {});
  const session = room?.activeSessionId
    ? await ask<FirstScreen['session']>('getSession', { sessionId: room.activeSessionId })
    : null;
  return {
    room,
    session,
    sync: await ask<FirstScreen['sync']>('getSyncState', {}),
    recovery: await ask<FirstScreen['recovery']>('getRecovery', {}),
  };
}

/**
 * JSON safe inside an HTML element: every `<`, `>` and `&` and the two JavaScript line separators escaped, so no
 * text in the record (a note reading "</script>") can end the block or start markup. The CSP (script-src 'self', no
 * inline script) would refuse to run anything that did.
 */
export function escapeJsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The session view's module in the build's manifest (vite.config.ts writes it, keyed by source from renderer/). */
const SESSION_VIEW = 'src/room/RoomView.tsx';
type Manifest = Record<string, { file: string; imports?: string[] }>;
const sessionViewFilesByDir = new Map<string, string[]>();

/**
 * The session view's script files (its chunk and the chunks it imports, not the entry), read once per page folder from
 * the build's manifest; none when there is no manifest (the page then fetches them as it always could).
 */
export function sessionViewFiles(rendererDir: string): string[] {
  const known = sessionViewFilesByDir.get(rendererDir);
  if (known) return known;
  let files: string[] = [];
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(rendererDir, '.vite/manifest.json'), 'utf8')) as Manifest;
    const seen = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || seen.has(key) || key === 'index.html') return;
      seen.add(key);
      files.push(chunk.file);
      for (const dep of chunk.imports ?? []) visit(dep);
    };
    visit(SESSION_VIEW);
  } catch {
    files = [];
  }
  sessionViewFilesByDir.set(rendererDir, files);
  return files;
}

/**
 * The page with the state inlined as a JSON data block at the end of its head (before its module script runs). Served
 * mid-session (a crash, a reload), the head also names the session view's scripts (`preload`), so they load beside
 * the entry rather than after it has run.
 */
export function inlineFirstScreen(html: string, state: FirstScreen, preload: readonly string[] = []): string {
  const links = state.session
    ? preload.map((file) => `<link rel="modulepreload" crossorigin href="./${encodeURI(file)}">\n`).join('')
    : '';
  const block = `<script type="application/json" id="${FIRST_SCREEN_ID}">${escapeJsonForHtml(state)}</script>`;
  const at = html.indexOf('</head>');
  return at < 0 ? html : `${html.slice(0, at)}${links}${block}\n${html.slice(at)}`;
}
