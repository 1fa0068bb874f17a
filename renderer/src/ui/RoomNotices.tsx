import { lazy, Suspense } from 'react';
import { NotAnswering } from './NotAnswering';

// Rare: loaded only to ask the room, so the first screen is not slowed.
const RecoveryNotice = lazy(() => import('./RecoveryNotice').then((m) => ({ default: m.RecoveryNotice })));

/** What the room must say above everything else: a room that is not answering, damaged records and their backup. */
export function RoomNotices() {
  return (
    <>
      <NotAnswering />
      <Suspense fallback={null}>
        <RecoveryNotice />
      </Suspense>
    </>
  );
}
