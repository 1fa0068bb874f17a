import { lazy, Suspense } from 'react';

// Rare: loaded only to ask the room, so the first screen is not slowed.
const RecoveryNotice = lazy(() => import('./RecoveryNotice').then((m) => ({ default: m.RecoveryNotice })));

/** What the room must say above everything else: damaged records and their backup. */
export function RoomNotices() {
  return (
    <Suspense fallback={null}>
      <RecoveryNotice />
    </Suspense>
  );
}
