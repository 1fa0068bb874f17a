import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { MusicLibraryView, MusicSetView } from '@core/pure/music/view';
import { MUSIC_PLAYER_AUTHOR, type MusicLogPayload } from '@core/pure/music/playback-log';
import type { MusicRecord } from '@core/pure/session/fold';
import type { Settings } from '@core/settings/schema';
import type { Phase } from '@core/pure/timeline/timeline';
import { call } from '../bridge/bridge';
import { MusicController, restoreFromLog } from './controller';

export const MUSIC_SHORTCUTS = {
  play: { key: 'Alt+M', code: 'KeyM' },
  skip: { key: 'Alt+N', code: 'KeyN' },
  hold: { key: 'Alt+H', code: 'KeyH' },
  quiet: { key: 'Alt+Q', code: 'KeyQ' },
  volumeUp: { key: 'Alt+ArrowUp', code: 'ArrowUp' },
  volumeDown: { key: 'Alt+ArrowDown', code: 'ArrowDown' },
  set: { key: 'Alt+L', code: 'KeyL' },
  output: { key: 'Alt+O', code: 'KeyO' },
  resonated: { key: 'Alt+E', code: 'KeyE' },
} as const;
const SHORTCUTS = MUSIC_SHORTCUTS;

/** The set to play: the one last chosen in this session, else the room's default, else the first shipped one. */
function initialSet(sets: MusicSetView[], restoredId: string | null, defaultId: string | null): MusicSetView | null {
  return (
    sets.find((s) => s.id === restoredId) ??
    sets.find((s) => s.id === defaultId) ??
    sets.find((s) => s.source === 'shipped') ??
    sets[0] ??
    null
  );
}

/**
 * The session's music player: the controller (started from the session's music log, so a reload picks up the same
 * track, place and volume), the clinic's library, the volume, and the one-key moves. The panel draws what it returns.
 */
export function useMusicPlayer(props: {
  sessionId: string;
  author: string;
  settings: Settings;
  phaseAt: (now: number) => Phase;
  music: MusicRecord[];
}) {
  const { sessionId, settings } = props;
  const music = settings.music;
  const [library, setLibrary] = useState<MusicLibraryView | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The volume last set in this session (a reload keeps it), else the room's.
  const [volume, setVolume] = useState(() => restoreFromLog(props.music, Date.now()).volume ?? music.volume);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const author = useRef(props.author);
  author.current = props.author;
  const phaseAt = useRef(props.phaseAt);
  phaseAt.current = props.phaseAt;
  const setSelect = useRef<HTMLSelectElement>(null);
  const outputSelect = useRef<HTMLSelectElement>(null);

  const controller = useMemo(
    () =>
      new MusicController({
        phaseNow: () => phaseAt.current(Date.now()),
        log: (payload: MusicLogPayload, byPlayer: boolean) => {
          call('recordMusicEvent', {
            sessionId,
            ...payload,
            author: byPlayer ? MUSIC_PLAYER_AUTHOR : author.current,
          }).catch((err: Error) => setError(`The music log could not be saved: ${err.message}`));
        },
        onChange: redraw,
      }),
    [sessionId],
  );

  useEffect(() => {
    call('listMusicSets', {})
      .then(setLibrary)
      .catch((err: Error) => setError(err.message));
  }, []);

  // Start once the library is here; the log says which set, and whether it was held, paused or quiet.
  const musicLog = useRef(props.music);
  musicLog.current = props.music;
  const volumeNow = useRef(volume);
  volumeNow.current = volume;
  useEffect(() => {
    if (!library) return;
    const restored = restoreFromLog(musicLog.current, Date.now());
    controller.configure(initialSet(library.sets, restored.setId, music.defaultSetId), music, music.quietFadeSec);
    controller.begin(restored, volumeNow.current);
    return () => controller.dispose();
  }, [library, controller, music]);

  // The meters move during fades: redraw a few times a second while anything plays.
  useEffect(() => {
    const timer = setInterval(redraw, 200);
    return () => clearInterval(timer);
  }, []);

  const changeVolume = (v: number) => {
    const next = Math.min(1, Math.max(0, Math.round(v * 100) / 100));
    setVolume(next);
    controller.setVolume(next);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const handlers: Record<string, () => void> = {
        [SHORTCUTS.play.code]: () => controller.togglePause(),
        [SHORTCUTS.skip.code]: () => controller.skip(),
        [SHORTCUTS.resonated.code]: () => controller.resonated(),
        [SHORTCUTS.hold.code]: () => controller.toggleHold(),
        [SHORTCUTS.quiet.code]: () => controller.toggleQuiet(),
        [SHORTCUTS.volumeUp.code]: () => changeVolume(volume + 0.05),
        [SHORTCUTS.volumeDown.code]: () => changeVolume(volume - 0.05),
        [SHORTCUTS.set.code]: () => setSelect.current?.focus(),
        [SHORTCUTS.output.code]: () => outputSelect.current?.focus(),
      };
      const handler = handlers[e.code];
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return { controller, library, error, setError, volume, changeVolume, setSelect, outputSelect };
}
