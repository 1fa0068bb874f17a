import { useEffect, useState } from 'react';
import type { MusicCounts, TrackCounts } from '@core/pure/report/music-counts';
import type { Phase } from '@core/pure/timeline/timeline';
import { call } from '../bridge/bridge';

/** Every session's music counts, for the set being edited; null until they arrive (or when they could not be read). */
export function useMusicCounts(adminKey: string): { counts: MusicCounts | null; problem: string | null } {
  const [counts, setCounts] = useState<MusicCounts | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    call('getMusicCounts', { adminKey })
      .then((c) => current && setCounts(c))
      .catch(
        (err: Error) => current && setProblem(`The counts of what the music did could not be read: ${err.message}`),
      );
    return () => {
      current = false;
    };
  }, [adminKey]);
  return { counts, problem };
}

const NONE: TrackCounts = { played: 0, skipped: 0, held: 0, resonated: 0 };

/** Beside a track in the set editor: how often sessions played, skipped, held and marked it as resonating in this phase. */
export function TrackCountsLine({ title, counts, phase }: { title: string; counts: TrackCounts | null; phase: Phase }) {
  const c = counts ?? NONE;
  const skippedMost = c.played > 0 && c.skipped / c.played >= 0.5;
  return (
    <span
      className={skippedMost ? 'track-counts flag' : 'track-counts'}
      aria-label={`What sessions did with ${title} in this phase`}
      data-phase={phase}
    >
      played {c.played} · skipped {c.skipped} · held {c.held} · resonated {c.resonated}
    </span>
  );
}
