import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionView } from '@core/contract/contract';
import type { StoredEvent } from '@core/session/events';
import { foldSession, type SessionState } from '@core/pure/session/fold';
import { bridge, call } from './bridge';

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
  const [view, setView] = useState<SessionView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    call('getSession', { sessionId })
      .then((v) => {
        setView(v);
        setError(null);
      })
      .catch((err: Error) => setError(err.message));
  }, [sessionId]);

  useEffect(() => {
    reload();
    return bridge?.on('session-event', ({ event }) => {
      if (event.sessionId !== sessionId) return;
      setView((current) => appendEvent(current, event, reload));
    });
  }, [sessionId, reload]);

  const accept = useCallback(
    (event: StoredEvent) => setView((current) => appendEvent(current, event, reload)),
    [reload],
  );
  const state = useMemo(() => (view ? foldSession(view.events) : null), [view]);
  return { view, state, error, reload, accept };
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
