import { useEffect, useRef, useState } from 'react';
import type { StoredEvent } from '@core/session/events';
import { call } from '../bridge/bridge';
import { formatClockSeconds } from '../ui/format';
import { useClockZone } from '../ui/clock';
import { MOMENT_KEY } from './keys';

/**
 * "For integration": one key marks the moment (its time is the key press), and a line beside the tags takes the
 * patient's own words if there are any. Enter saves with the words, "Save without words" saves the moment alone; what
 * was typed stays on screen until the room has written it.
 */
export function MomentKey({
  sessionId,
  author,
  dosed,
  marked,
  onRecorded,
}: {
  sessionId: string;
  author: string;
  dosed: boolean;
  /** How many moments this session has marked so far. */
  marked: number;
  onRecorded: (e: StoredEvent) => void;
}) {
  const [takenAt, setTakenAt] = useState<number | null>(null);
  const [quote, setQuote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const zone = useClockZone();

  const begin = (at: number) => {
    setTakenAt((t) => t ?? at);
    setError(null);
    requestAnimationFrame(() => input.current?.focus());
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.code !== MOMENT_KEY.code) return;
      if (e.target instanceof Element && e.target.closest('[role="dialog"]')) return;
      e.preventDefault();
      if (dosed) begin(Date.now());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const save = async (words: string) => {
    if (takenAt === null || busy) return;
    setBusy(true);
    try {
      const event = await call('recordIntegrationMoment', {
        sessionId,
        occurredAt: takenAt,
        author,
        ...(words.trim() ? { quote: words.trim() } : {}),
      });
      onRecorded(event);
      setTakenAt(null);
      setQuote('');
      setError(null);
    } catch (err) {
      setError(`Moment not saved: ${(err as Error).message} It is still here; save it again.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="moment-key"
        aria-keyshortcuts={MOMENT_KEY.key}
        disabled={!dosed}
        title={dosed ? undefined : 'Moments for integration are marked once the dose is given.'}
        onClick={() => begin(Date.now())}
      >
        <kbd>{MOMENT_KEY.key}</kbd> For integration
      </button>
      {marked > 0 && (
        <span className="hint" aria-label="Moments marked for integration">
          {marked} marked
        </span>
      )}
      {takenAt !== null && (
        <form
          className="moment-form"
          aria-label="Moment for integration"
          onSubmit={(e) => {
            e.preventDefault();
            void save(quote);
          }}
        >
          <label>
            The patient&apos;s words (optional), moment at {formatClockSeconds(takenAt, zone)}
            <input
              ref={input}
              value={quote}
              maxLength={1000}
              onChange={(e) => setQuote(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') void save('');
              }}
            />
          </label>
          <button type="submit" disabled={busy}>
            Save the moment
          </button>
          <button type="button" disabled={busy} onClick={() => void save('')}>
            Save without words
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}
