import { closestCenter, DndContext, type DragEndEvent, type SensorDescriptor, type SensorOptions } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { AdminTrackView } from '@core/pure/music-admin/view';
import { PHASE_LABELS, PHASES, type Phase } from '@core/pure/timeline/timeline';
import { formatCountdown } from '../ui/format';
import { TrackRow, type PlacedTrack } from './TrackRow';
import type { MusicCounts } from '@core/pure/report/music-counts';

/** One phase of the set: its length, and its tracks in order (dragged, or moved by keyboard). */
export function PhaseColumn(props: {
  phase: Phase;
  tracks: PlacedTrack[];
  playing: string | null;
  sensors: SensorDescriptor<SensorOptions>[];
  onDragEnd: (e: DragEndEvent) => void;
  onPreview: (track: AdminTrackView) => void;
  onMove: (key: string, to: Phase) => void;
  onRemove: (key: string) => void;
  /** This set's counts, track by track (what the music did in the room's sessions). */
  counts?: MusicCounts[string] | undefined;
}) {
  const { phase, tracks } = props;
  return (
    <div role="group" aria-label={PHASE_LABELS[phase]}>
      <h3 className="label">
        {PHASE_LABELS[phase]} · {formatCountdown(tracks.reduce((s, t) => s + t.track.durationSec, 0) * 1000)}
      </h3>
      <DndContext sensors={props.sensors} collisionDetection={closestCenter} onDragEnd={props.onDragEnd}>
        <SortableContext items={tracks.map((t) => t.key)} strategy={verticalListSortingStrategy}>
          <ol className="phase-list" aria-label={`${PHASE_LABELS[phase]} tracks`}>
            {tracks.map((item) => (
              <TrackRow
                key={item.key}
                item={item}
                phase={phase}
                playing={props.playing === item.track.file}
                counts={props.counts?.[item.track.file]?.phases[phase] ?? null}
                onPreview={() => props.onPreview(item.track)}
                onMove={(to) => props.onMove(item.key, to)}
                onRemove={() => props.onRemove(item.key)}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
    </div>
  );
}

/** The clinic's imported music: each track's length, loudness and any sudden rise, with a phase to add it to and a preview. */
export function LibraryTable(props: {
  catalogue: AdminTrackView[];
  playing: string | null;
  addTo: Record<string, Phase>;
  onChoosePhase: (file: string, phase: Phase) => void;
  onAdd: (track: AdminTrackView, phase: Phase) => void;
  onPreview: (track: AdminTrackView) => void;
}) {
  return (
    <section aria-label="Music library">
      <h3 className="label">Music library</h3>
      {props.catalogue.length === 0 && <p className="hint">No audio imported yet. Import audio first.</p>}
      <table>
        <tbody>
          {props.catalogue.map((track) => (
            <tr key={track.file}>
              <td>{track.title}</td>
              <td className="hint">{track.artist}</td>
              <td>{formatCountdown(track.durationSec * 1000)}</td>
              <td>{track.integratedLufs === null ? 'not measured' : `${track.integratedLufs.toFixed(1)} LUFS`}</td>
              <td>{track.riseFlagged && <span className="flag">sudden loud rise</span>}</td>
              <td className="row">
                <select
                  aria-label={`Phase for ${track.title}`}
                  value={props.addTo[track.file] ?? 'settling'}
                  onChange={(e) => props.onChoosePhase(track.file, e.target.value as Phase)}
                >
                  {PHASES.map((p) => (
                    <option key={p} value={p}>
                      {PHASE_LABELS[p]}
                    </option>
                  ))}
                </select>
                <button type="button" onClick={() => props.onAdd(track, props.addTo[track.file] ?? 'settling')}>
                  Add {track.title}
                </button>
                <button
                  type="button"
                  onClick={() => props.onPreview(track)}
                  aria-pressed={props.playing === track.file}
                >
                  Preview {track.title}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
