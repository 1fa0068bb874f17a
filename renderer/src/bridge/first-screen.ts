import type { FirstScreen, SessionView } from '@core/contract/contract';

/** Same id as the core's FIRST_SCREEN_ID (main/core/bridge/first-screen.ts, node-only): the page's inlined state. */
const FIRST_SCREEN_ID = 'room-first-screen';

/** The room's state the page was served with (the browser host and the app's page both inline it), or nothing. */
function readInlined(): FirstScreen | null {
  const block = document.getElementById(FIRST_SCREEN_ID);
  if (!block?.textContent) return null;
  block.remove();
  try {
    return JSON.parse(block.textContent) as FirstScreen;
  } catch {
    // A page without it asks the room over the bridge, as before.
    return null;
  }
}

const inlined = readInlined();

/**
 * Each part serves its first mount only: once a screen has drawn from it (its effect ran), a later mount (leaving a
 * session, a new one) asks the room. Read without being used up until then, as a render React discards and starts
 * again (a part of the screen still loading) reads it anew.
 */
const used = new Set<keyof FirstScreen>();
function take<K extends keyof FirstScreen>(part: K): FirstScreen[K] | undefined {
  if (!inlined || used.has(part)) return undefined;
  return inlined[part];
}
/** Called from the effect of the screen that drew from the part. */
export function usedFirstScreen(part: keyof FirstScreen): void {
  used.add(part);
}

export const inlinedRoom = () => take('room') ?? undefined;
export const inlinedSync = () => take('sync') ?? undefined;
/** The damaged-records notice as served: null when the records are sound, undefined when the page must ask. */
export const inlinedRecovery = () => take('recovery');
/** The active session's events as served, for that session only. */
export function inlinedSession(sessionId: string): SessionView | undefined {
  if (inlined?.session?.session.id !== sessionId) return undefined;
  return take('session') ?? undefined;
}
