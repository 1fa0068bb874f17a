import { MUSIC_SHORTCUTS } from '../music/MusicPanel';
import { MOMENT_KEY } from '../integration/keys';
import { PALETTE_KEY } from '../ui/palette';

export interface RoomKey {
  key: string;
  label: string;
}

/** Every key of the session view, in one list (opened with its own key, so the screen stays free). */
export function RoomKeys({ keys }: { keys: RoomKey[] }) {
  const all: RoomKey[] = [
    ...keys,
    { key: 'Alt+S', label: 'Switch who is recording' },
    { key: PALETTE_KEY.key, label: 'Night palette on or off' },
    { key: '1-0, F1-F9', label: 'Tags' },
    { key: 'a-z', label: 'Start a note (Enter saves, Esc clears)' },
    { key: MOMENT_KEY.key, label: "A moment for integration, with the patient's words if any" },
    { key: MUSIC_SHORTCUTS.play.key, label: 'Music play/pause' },
    { key: MUSIC_SHORTCUTS.skip.key, label: 'Skip track' },
    { key: MUSIC_SHORTCUTS.resonated.key, label: 'The track playing resonated' },
    { key: MUSIC_SHORTCUTS.hold.key, label: 'Hold this phase' },
    { key: MUSIC_SHORTCUTS.quiet.key, label: 'Quiet' },
    { key: 'Alt+↑/↓', label: 'Music volume' },
    { key: MUSIC_SHORTCUTS.set.key, label: 'Music set' },
    { key: MUSIC_SHORTCUTS.output.key, label: 'Music output' },
  ];
  return (
    <dl className="room-keys" aria-label="Keyboard shortcuts">
      {all.map((k) => (
        <div key={k.key}>
          <dt>
            <kbd>{k.key}</kbd>
          </dt>
          <dd>{k.label}</dd>
        </div>
      ))}
    </dl>
  );
}
