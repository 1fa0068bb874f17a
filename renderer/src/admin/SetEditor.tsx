import { useMemo, useRef, useState } from 'react';
import { KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { arrayMove, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { coverage } from '@core/pure/music-admin/coverage';
import type { AdminSetView, AdminTrackView, MusicAdminView } from '@core/pure/music-admin/view';
import { PHASES, type Phase } from '@core/pure/timeline/timeline';
import type { RouteId } from '@core/pure/timeline/routes';
import { call, RoomCallError } from '../bridge/bridge';
import { RouteSelect } from './fields';
import { type PlacedTrack } from './TrackRow';
import { LibraryTable, PhaseColumn } from './SetEditorParts';
import { ErrorLine } from '../ui/ErrorLine';
import { useMusicCounts } from './MusicCounts';

type Placed = Record<Phase, PlacedTrack[]>;
let nextKey = 1;
const place = (track: AdminTrackView): PlacedTrack => ({ key: `t${nextKey++}`, track });

/** Edit a set: name, description, tracks placed into phases and ordered (drag or keyboard), coverage for a chosen route. */
export function SetEditor({
  adminKey,
  view,
  set,
  onDone,
  onLocked,
}: {
  adminKey: string;
  view: MusicAdminView;
  set: AdminSetView | null;
  onDone: (saved: string | null) => void;
  /** The admin area locked itself (15 minutes unused): back to the PIN, not a refusal under the set. */
  onLocked: () => void;
}) {
  const [name, setName] = useState(set?.name ?? '');
  const [description, setDescription] = useState(set?.description ?? '');
  const [placed, setPlaced] = useState<Placed>(
    () => Object.fromEntries(PHASES.map((p) => [p, (set?.phases[p] ?? []).map(place)])) as Placed,
  );
  const [routeId, setRouteId] = useState<RouteId>(view.defaultPresetId);
  const [addTo, setAddTo] = useState<Record<string, Phase>>({});
  const [error, setError] = useState<string | null>(null);
  const [playing, setPlaying] = useState<string | null>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const music = useMusicCounts(adminKey);
  const sensors = useSensors(
    useSensor(PointerSensor),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const cover = useMemo(
    () =>
      coverage(
        view.presets[routeId],
        Object.fromEntries(
          PHASES.map((p) => [p, placed[p].reduce((sum, t) => sum + t.track.durationSec, 0)]),
        ) as Record<Phase, number>,
        view.onRunOut,
      ),
    [placed, routeId, view],
  );

  const preview = (track: AdminTrackView) => {
    const el = audio.current;
    if (!el) return;
    if (playing === track.file) {
      el.pause();
      setPlaying(null);
      return;
    }
    el.src = track.url;
    void el
      .play()
      .catch(() => setError(`${track.title} could not be played here. Check the file is still in the music library.`));
    setPlaying(track.file);
  };
  const onDragEnd = (phase: Phase) => (e: DragEndEvent) => {
    if (!e.over || e.active.id === e.over.id) return;
    setPlaced((p) => {
      const list = p[phase];
      const from = list.findIndex((t) => t.key === e.active.id);
      const to = list.findIndex((t) => t.key === e.over!.id);
      return from < 0 || to < 0 ? p : { ...p, [phase]: arrayMove(list, from, to) };
    });
  };
  const move = (phase: Phase, key: string, to: Phase) =>
    setPlaced((p) => {
      const item = p[phase].find((t) => t.key === key);
      return item ? { ...p, [phase]: p[phase].filter((t) => t.key !== key), [to]: [...p[to], item] } : p;
    });
  const save = async () => {
    try {
      await call('saveMusicSet', {
        adminKey,
        set: {
          id: set?.id ?? null,
          name,
          description,
          phases: Object.fromEntries(PHASES.map((p) => [p, placed[p].map((t) => t.track.file)])) as Record<
            Phase,
            string[]
          >,
        },
      });
      onDone(name.trim());
    } catch (err) {
      if (err instanceof RoomCallError && err.code === 'admin_locked') return onLocked();
      setError((err as Error).message);
    }
  };

  return (
    <section className="set-editor" aria-label={set ? `Edit ${set.name}` : 'New set'}>
      <h2>{set ? `Edit ${set.name}` : 'New set'}</h2>
      <audio ref={audio} onEnded={() => setPlaying(null)} />
      <div className="row">
        <label>
          Set name
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Description
          <input value={description} onChange={(e) => setDescription(e.target.value)} size={50} />
        </label>
        <RouteSelect label="Check the length against" presets={view.presets} value={routeId} onChange={setRouteId} />
      </div>
      <ul aria-label="Coverage" className="coverage">
        {cover.map((c) => (
          <li key={c.phase} className={c.short ? 'flag' : 'ok'}>
            {c.sentence}
          </li>
        ))}
      </ul>
      <p className="hint">
        Beside each track, what the room&apos;s sessions did with it in that phase: played, skipped, held and marked as
        resonating (a track skipped in half its plays or more is flagged).
      </p>
      <ErrorLine error={music.problem} />
      <div className="phases">
        {PHASES.map((phase) => (
          <PhaseColumn
            key={phase}
            phase={phase}
            tracks={placed[phase]}
            playing={playing}
            sensors={sensors}
            onDragEnd={onDragEnd(phase)}
            onPreview={preview}
            onMove={(key, to) => move(phase, key, to)}
            onRemove={(key) => setPlaced((p) => ({ ...p, [phase]: p[phase].filter((t) => t.key !== key) }))}
            counts={set ? music.counts?.[set.id] : undefined}
          />
        ))}
      </div>
      <LibraryTable
        catalogue={view.catalogue}
        playing={playing}
        addTo={addTo}
        onChoosePhase={(file, phase) => setAddTo((a) => ({ ...a, [file]: phase }))}
        onAdd={(track, phase) => setPlaced((p) => ({ ...p, [phase]: [...p[phase], place(track)] }))}
        onPreview={preview}
      />
      <ErrorLine error={error} />
      <div className="row">
        <button type="button" onClick={() => void save()}>
          Save set
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Close without saving
        </button>
      </div>
    </section>
  );
}
