import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { AdminTrackView } from '@core/pure/music-admin/view';
import { PHASE_LABELS, PHASES, type Phase } from '@core/pure/timeline/timeline';
import { formatCountdown } from '../ui/format';
import type { TrackCounts } from '@core/pure/report/music-counts';
import { TrackCountsLine } from './MusicCounts';

export interface PlacedTrack {
  key: string;
  track: AdminTrackView;
}

/** One track in a phase: a handle to reorder (drag, or Space then arrow keys then Space), its loudness, preview, move, remove. */
export function TrackRow({
  item,
  phase,
  playing,
  onPreview,
  onMove,
  onRemove,
  counts = null,
}: {
  item: PlacedTrack;
  phase: Phase;
  playing: boolean;
  /** What the room's sessions did with this track in this phase of the set; null when none has played it. */
  counts?: TrackCounts | null;
  onPreview: () => void;
  onMove: (to: Phase) => void;
  onRemove: () => void;
}) {
  const { attributes, listeners, setNodeRef, transform, transition } = useSortable({ id: item.key });
  const { track } = item;
  return (
    <li ref={setNodeRef} style={{ transform: CSS.Transform.toString(transform), transition }} aria-label={track.title}>
      <button
        type="button"
        className="drag-handle"
        {...attributes}
        {...listeners}
        aria-label={`Reorder ${track.title}`}
      >
        ⋮⋮
      </button>
      <span>{track.title}</span>
      <span className="hint">{track.artist}</span>
      <span>{formatCountdown(track.durationSec * 1000)}</span>
      <span>{track.integratedLufs === null ? 'not measured' : `${track.integratedLufs.toFixed(1)} LUFS`}</span>
      {track.riseFlagged && <span className="flag">sudden loud rise</span>}
      {!track.available && <span className="flag">file missing</span>}
      <TrackCountsLine title={track.title} counts={counts} phase={phase} />
      <button type="button" onClick={onPreview} aria-pressed={playing}>
        Preview {track.title}
      </button>
      <select aria-label={`Move ${track.title} to`} value={phase} onChange={(e) => onMove(e.target.value as Phase)}>
        {PHASES.map((p) => (
          <option key={p} value={p}>
            {PHASE_LABELS[p]}
          </option>
        ))}
      </select>
      <button type="button" onClick={onRemove}>
        Remove {track.title}
      </button>
    </li>
  );
}
