import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionView } from '@core/contract/contract';
import type { StoredEvent } from '@core/session/events';
import { foldSession, type SessionState } from '@core/pure/session/fold';
import { bridge, call } from './bridge';
import { inlinedSession, usedFirstScreen } from './first-screen';

/** Re-renders once a second and answers the time at render, so a fresh entry is never drawn against a stale now. */
export function useNow(intervalMs = 1000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return Date.now();
}

/** A session's events as the room has them durably, kept current by the room's pushes, folded into state. */
export interface SessionHandle {
  view: SessionView | null;
  state: SessionState | null;
  error: string | null;
  reload: () => void;
  /** Shows an event the room has just acknowledged (its push, arriving later, is then ignored). */
  accept: (event: StoredEvent) => void;
}

export function useSession(sessionId: string): SessionHandle {
  // The session as the page was served with it draws at once (after a crash, the clock and alerts need no round trip).
  const [served] = useState(() => inlinedSession(sessionId));
  const [view, setView] = useState<SessionView | null>(served ?? null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    call('getSession', { sessionId })
      .then((v) => {
        // The same log as drawn keeps its fold: only a longer one (an event missed meanwhile) replaces it.
        setView((current) => (current && sameLog(current, v) ? current : v));
        setError(null);
      })
      .catch((err: Error) => setError(err.message));
  }, [sessionId]);

  useEffect(() => {
    const off = bridge?.on('session-event', ({ event }) => {
      if (event.sessionId !== sessionId) return;
      setView((current) => appendEvent(current, event, reload));
    });
    if (!served) {
      reload();
      return off;
    }
    usedFirstScreen('session');
    // Served with the page: once drawn and listening, the room is asked once, in an idle moment, for anything
    // written between the page's serving and the stream's start (no push follows it to show the gap).
    const idle = requestIdleCallback(reload, { timeout: 2000 });
    return () => {
      cancelIdleCallback(idle);
      off?.();
    };
  }, [sessionId, reload, served]);

  const accept = useCallback(
    (event: StoredEvent) => setView((current) => appendEvent(current, event, reload)),
    [reload],
  );
  const state = useMemo(() => (view ? foldSession(view.events) : null), [view]);
  return { view, state, error, reload, accept };
}

function sameLog(a: SessionView, b: SessionView): boolean {
  return a.events.length === b.events.length && a.events.at(-1)?.seq === b.events.at(-1)?.seq;
}

/** Adds an event the room acknowledged; a gap in sequence means a missed push, so the whole log is fetched again. */
export function appendEvent(current: SessionView | null, event: StoredEvent, reload: () => void): SessionView | null {
  if (!current) return current;
  const last = current.events[current.events.length - 1]?.seq ?? 0;
  if (event.seq <= last) return current;
  if (event.seq !== last + 1) {
    reload();
    return current;
  }
  return { ...current, events: [...current.events, event] };
}
