import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  RESCUE_ITEMS,
  RESCUE_ITEM_LABELS,
  rescueCheckNotice,
  rescueCheckRefusal,
  rescueDoneText,
  uncheckedItems,
  rescueItemsProblem,
  type RescueCheckView,
  type RescueItem,
} from '@core/pure/care/rescue';
import { useClock } from '../ui/clock';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { useRoomStaff } from '../staff/room-staff';

/** The care team signs the rescue check: a clinician, a therapist or a sitter. */
const SIGNERS = ['clinician', 'therapist', 'sitter'] as const;

/**
 * Today's rescue check for the room, asked of the room on mount and again when `again` changes (a check written into the
 * session from another screen); `take` keeps the view a recording returned.
 */
export function useRescueCheck(again?: unknown): {
  view: RescueCheckView | null;
  take: (view: RescueCheckView) => void;
  error: string | null;
} {
  const [view, setView] = useState<RescueCheckView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    call('getRescueCheck', {})
      .then((v) => current && setView(v))
      .catch((err: Error) => current && setError(err.message));
    return () => {
      current = false;
    };
  }, [again]);
  const take = useCallback((v: RescueCheckView) => setView(v), []);
  return { view, take, error };
}

/**
 * The rescue check before the first patient of the day: whether today's is done, the quiet notice (advised) or the sentence
 * that holds the first dose (required), and the form: each item ticked by the person who checked it, then signed with their
 * name and PIN. Nothing sounds or pops up: the notice is a line of text in the room's own palette.
 */
export function RescueCheckPanel({
  view,
  onRecorded,
  loadError,
}: {
  view: RescueCheckView | null;
  onRecorded: (view: RescueCheckView) => void;
  loadError?: string | null;
}) {
  const clockText = useClock();
  const { signed } = useRoomStaff();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Partial<Record<RescueItem, boolean>>>({});
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!view) return loadError ? <ErrorLine error={loadError} /> : null;
  const refusal = rescueCheckRefusal(view);
  const notice = rescueCheckNotice(view);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // What is not ticked is said at once, before anyone is asked to sign.
    const problem = rescueItemsProblem(items);
    if (problem) return setError(problem);
    setBusy(true);
    try {
      const recorded = await signed(
        'The rescue check',
        (signature) =>
          call('recordRescueCheck', { items, ...(note.trim() ? { note: note.trim() } : {}), ...signature }),
        `You sign that the rescue equipment is checked for today (${view.day}): ${RESCUE_ITEMS.map((i) => RESCUE_ITEM_LABELS[i].toLowerCase()).join('; ')}.`,
        SIGNERS,
      );
      if (!recorded) return;
      onRecorded(recorded);
      setOpen(false);
      setItems({});
      setNote('');
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="rescue-check" aria-label="Rescue check">
      <p className={view.check ? 'hint' : 'warning'} role="status" id="rescue-check-status">
        {view.check ? `Rescue check today: ${rescueDoneText(view.check, clockText)}.` : (refusal ?? notice)}
      </p>
      {!view.check && (
        <button type="button" aria-expanded={open} aria-controls="rescue-check-form" onClick={() => setOpen((o) => !o)}>
          {open ? 'Close the rescue check' : 'Record the rescue check'}
        </button>
      )}
      {open && !view.check && (
        <form
          id="rescue-check-form"
          className="rescue-check-form"
          aria-label="Rescue check form"
          onSubmit={(e) => void submit(e)}
        >
          <fieldset>
            <legend>Checked before the first patient of the day</legend>
            {RESCUE_ITEMS.map((item) => (
              <label key={item} className="check">
                <input
                  type="checkbox"
                  checked={items[item] === true}
                  onChange={(e) => setItems((now) => ({ ...now, [item]: e.target.checked }))}
                />
                {RESCUE_ITEM_LABELS[item]}
              </label>
            ))}
          </fieldset>
          <label>
            Note (optional)
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={300} />
          </label>
          <button type="submit" disabled={busy}>
            Sign the rescue check
          </button>
          {uncheckedItems(items).length > 0 && (
            <p className="hint">
              Tick each item once it is in place and working; the check is signed with your name and PIN.
            </p>
          )}
          <ErrorLine error={error} />
        </form>
      )}
    </section>
  );
}
