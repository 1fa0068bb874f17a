import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  escapeJsonForHtml,
  FIRST_SCREEN_ID,
  firstScreen,
  inlineFirstScreen,
  sessionViewFiles,
} from '../../main/core/bridge/first-screen';
import { testRoom } from '../support/room';

const PAGE = '<!doctype html><html><head><title>Session Room</title></head><body><div id="root"></div></body></html>';
const HOSTILE = 'calm </script><script>alert(1)</script> <!-- & \u2028\u2029 done';

/** The inlined block's text, as the page's parser would hand it to JSON.parse. */
const blockText = (html: string) =>
  new RegExp(`<script type="application/json" id="${FIRST_SCREEN_ID}">([\\s\\S]*?)</script>`).exec(html)?.[1];

describe("the page's first screen, inlined", () => {
  it('escapes the record so no text can end its block, and reads back the same', () => {
    const text = escapeJsonForHtml({ note: HOSTILE });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ note: HOSTILE });
  });

  it('is what the room answers now: the active session with its log, the settings, the sync and recovery lines', async () => {
    const t = testRoom();
    const sessionId = await t.dosedSession();
    await t.ok('recordObservation', { sessionId, content: { text: HOSTILE }, author: 'Sam' });
    const state = await firstScreen(t.room.handlers, () => {});
    expect(state.room?.activeSessionId).toBe(sessionId);
    expect(state.session?.events.map((e) => e.kind)).toContain('dose');
    expect(state.session?.events.at(-1)).toMatchObject({ kind: 'observation', payload: { text: HOSTILE } });
    expect(state.sync).not.toBeNull();
    expect(state.recovery).toBeNull();

    const html = inlineFirstScreen(PAGE, state);
    // One block, in the head, ended by its own end tag: the hostile note stays inside it as data.
    expect(html.indexOf(FIRST_SCREEN_ID)).toBeLessThan(html.indexOf('</head>'));
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(blockText(html)!)).toEqual(JSON.parse(JSON.stringify(state)));
  });

  it('leaves a room without a session at the start screen: no session inlined', async () => {
    const t = testRoom();
    const state = await firstScreen(t.room.handlers, () => {});
    expect(state.room?.activeSessionId).toBeNull();
    expect(state.session).toBeNull();
  });

  it("served mid-session, names the session view's scripts from the build so they load beside the entry; at the start screen, none", async () => {
    // The real build (the tests' global setup makes it): its manifest names the session view's chunk and its imports.
    const files = sessionViewFiles(path.resolve(import.meta.dirname, '../../dist/renderer'));
    expect(files[0]).toMatch(/^assets\/RoomView-[\w-]+\.js$/);
    const entry = /src="\.\/(assets\/index-[\w-]+\.js)"/.exec(
      fs.readFileSync(path.resolve(import.meta.dirname, '../../dist/renderer/index.html'), 'utf8'),
    )![1];
    expect(files).not.toContain(entry);
    const t = testRoom();
    await t.dosedSession();
    const during = inlineFirstScreen(PAGE, await firstScreen(t.room.handlers, () => {}), files);
    for (const file of files)
      expect(during.slice(0, during.indexOf('</head>'))).toContain(
        `<link rel="modulepreload" crossorigin href="./${file}">`,
      );
    const before = inlineFirstScreen(PAGE, await firstScreen(testRoom().room.handlers, () => {}), files);
    expect(before).not.toContain('modulepreload');
    // A page folder without a manifest: nothing named, the page still fetches the view when it needs it.
    expect(sessionViewFiles(fs.mkdtempSync(path.join(os.tmpdir(), 'room-no-manifest-')))).toEqual([]);
  });
});
