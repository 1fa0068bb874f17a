import { lazy, Suspense, useEffect, useState } from 'react';
import { NotAnswering } from './NotAnswering';

// Rare: loaded only to ask the room, so the first screen is not slowed.
const RecoveryNotice = lazy(() => import('./RecoveryNotice').then((m) => ({ default: m.RecoveryNotice })));

/** What the room must say above everything else: a room that is not answering, damaged records and their backup. */
export function RoomNotices() {
  // Asked once the first screen is drawn: a lazy part suspending in the first render held the room's first screen back (~20 ms).
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    const idle = requestIdleCallback(() => setAsked(true), { timeout: 500 });
    return () => cancelIdleCallback(idle);
  }, []);
  return (
    <>
      <NotAnswering />
      {asked && (
        <Suspense fallback={null}>
          <RecoveryNotice />
        </Suspense>
      )}
    </>
  );
}
