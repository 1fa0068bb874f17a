import { useEffect, useState } from 'react';
import type { SyncState } from '@core/sync/view';
import { bridge, call } from '../bridge/bridge';
import { inlinedSync, usedFirstScreen } from '../bridge/first-screen';

/** One quiet line: whether the room's record has reached the clinic database. Nothing when the room is not connected to one. */
export function SyncLine() {
  // As the page was served; then the room's pushes.
  const [served] = useState(inlinedSync);
  const [state, setState] = useState<SyncState | null>(served ?? null);
  useEffect(() => {
    let live = true;
    if (served) usedFirstScreen('sync');
    else
      void call('getSyncState', {})
        .then((s) => live && setState(s))
        .catch(() => undefined);
    const off = bridge?.on('sync-state', (s) => setState(s));
    return () => {
      live = false;
      off?.();
    };
  }, [served]);
  if (!state || !state.line) return null;
  return (
    <p className={`sync-line sync-${state.status}`} role="status" aria-label="Clinic record">
      {state.line}
    </p>
  );
}
