import { forwardRef, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react';
import type { StoredEvent } from '@core/session/events';
import { call } from '../bridge/bridge';
import { formatClockSeconds } from '../ui/format';
import { useClockZone } from '../ui/clock';

export interface CaptureBarHandle {
  /** Starts a note from a key pressed elsewhere in the room: the time is taken now. */
  begin(at: number): void;
}

/**
 * Type-and-Enter notes. The time recorded is when the first key was pressed, not when Enter was.
 * The text leaves the bar only once the room has written it; on failure it stays, with the reason.
 */
export const CaptureBar = forwardRef<
  CaptureBarHandle,
  { sessionId: string; author: string; onRecorded: (e: StoredEvent) => void }
>(function CaptureBar({ sessionId, author, onRecorded }, ref) {
  const [text, setText] = useState('');
  const [takenAt, setTakenAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const zone = useClockZone();
  const input = useRef<HTMLInputElement>(null);
  // A note on its way to the room, and when the next one was begun if the sitter typed on meanwhile.
  const saving = useRef<string | null>(null);
  const nextAt = useRef<number | null>(null);

  useImperativeHandle(ref, () => ({
    begin(at: number) {
      setTakenAt((t) => t ?? at);
      input.current?.focus();
    },
  }));

  const onKeyDown = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      setText('');
      setTakenAt(null);
      setError(null);
      input.current?.blur();
      return;
    }
    if (e.key !== 'Enter') {
      if (e.key.length === 1) {
        if (saving.current !== null) nextAt.current ??= Date.now();
        else if (takenAt === null) setTakenAt(Date.now());
      }
      return;
    }
    e.preventDefault();
    // One save at a time: Enter again while the room writes the note would send it twice.
    if (!text.trim() || saving.current !== null) return;
    const submitted = text;
    saving.current = submitted;
    const occurredAt = takenAt ?? Date.now();
    try {
      const event = await call('recordObservation', {
        sessionId,
        content: { text: submitted.trim(), tags: [] },
        occurredAt,
        author,
      });
      onRecorded(event);
      // Only the saved note leaves the bar: what was typed after Enter stays, with the time its first key was pressed.
      const rest = (input.current?.value ?? '').startsWith(submitted)
        ? (input.current?.value ?? '').slice(submitted.length).trimStart()
        : (input.current?.value ?? '');
      setText(rest);
      setTakenAt(rest ? (nextAt.current ?? Date.now()) : null);
      setError(null);
      if (!rest) input.current?.blur();
    } catch (err) {
      setError(`Not saved: ${(err as Error).message} The note is still here; press Enter to try again.`);
    } finally {
      saving.current = null;
      nextAt.current = null;
    }
  };

  return (
    <section className="capture" aria-label="Capture a note">
      <label className="capture-label">
        Note
        <input
          ref={input}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="start typing anywhere, Enter saves"
          aria-describedby={error ? 'capture-time capture-error' : 'capture-time'}
          aria-invalid={error ? true : undefined}
        />
      </label>
      <span id="capture-time" className="hint">
        {takenAt !== null ? `time taken ${formatClockSeconds(takenAt, zone)}` : ''}
      </span>
      {error && (
        <p role="alert" className="error" id="capture-error">
          {error}
        </p>
      )}
    </section>
  );
});
