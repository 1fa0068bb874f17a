import { lazy, Suspense, useEffect, useState } from 'react';
import { NotAnswering } from './NotAnswering';
import { inlinedRecovery, usedFirstScreen } from '../bridge/first-screen';

// Rare: loaded only to ask the room, so the first screen is not slowed.
const RecoveryNotice = lazy(() => import('./RecoveryNotice').then((m) => ({ default: m.RecoveryNotice })));

/** What the room must say above everything else: a room that is not answering, damaged records and their backup. */
export function RoomNotices() {
  // Asked once the first screen is drawn: a lazy part suspending in the first render held the room's first screen back (~20 ms).
  // Served with the page: sound records need no notice at all, damaged ones show theirs at once.
  const [served] = useState(inlinedRecovery);
  const [asked, setAsked] = useState(!!served);
  useEffect(() => {
    if (served !== undefined) return usedFirstScreen('recovery');
    const idle = requestIdleCallback(() => setAsked(true), { timeout: 500 });
    return () => cancelIdleCallback(idle);
  }, [served]);
  return (
    <>
      <NotAnswering />
      {asked && (
        <Suspense fallback={null}>
          <RecoveryNotice served={served ?? undefined} />
        </Suspense>
      )}
    </>
  );
}
