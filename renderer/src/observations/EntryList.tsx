import { memo, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import type { StoredEvent } from '@core/session/events';
import { describeEntry } from '@core/pure/session/describe';
import type { EntryRecord } from '@core/pure/session/fold';
import { call } from '../bridge/bridge';
import { formatClockSeconds } from '../ui/format';
import { elapsedText } from '@core/pure/time-text';
import { useClock, useClockZone } from '../ui/clock';
import { VitalsForm } from './VitalsForm';
import { ErrorLine } from '../ui/ErrorLine';
import { signedWhenAsked, useRoomStaff } from '../staff/room-staff';
import type { PendingEntry } from './pending';

/** Above this many entries shown, the list draws only those in view. */
const VIRTUAL_FROM = 60;

/**
 * Every entry with T+ and clock time and who recorded it; struck and corrected ones stay visible, struck.
 * Memoised: nothing in it depends on the room's once-a-second tick, only on the entries.
 */
export const EntryList = memo(function EntryList(props: {
  sessionId: string;
  author: string;
  entries: EntryRecord[];
  firstDoseAt: number | null;
  /** Entries drawn at their key press, not yet confirmed by the room: shown first, marked, until the durable one is in. */
  pending?: PendingEntry[];
  onRecorded: (e: StoredEvent) => void;
}) {
  const [tag, setTag] = useState('');
  const [who, setWho] = useState('');
  const [text, setText] = useState('');
  const [amending, setAmending] = useState<{ seq: number; action: 'strike' | 'correct' } | null>(null);
  const zone = useClockZone();
  const clock = useClock();

  const tags = useMemo(
    () => [...new Set(props.entries.flatMap((e) => (e.kind === 'observation' ? e.payload.tags : [])))].sort(),
    [props.entries],
  );
  const authors = useMemo(() => [...new Set(props.entries.map((e) => e.author))].sort(), [props.entries]);
  const shown = props.entries
    .filter((e) => !tag || (e.kind === 'observation' && e.payload.tags.includes(tag)))
    .filter((e) => !who || e.author === who)
    .filter((e) => !text || describeEntry(e).toLowerCase().includes(text.toLowerCase()))
    .slice()
    .reverse();

  // A pending line whose durable entry already came (by the room's push, before the call's answer) is not drawn twice.
  const recent = props.entries.slice(-20);
  const waiting = (props.pending ?? []).filter(
    (p) => !recent.some((e) => e.at === p.at && e.author === p.author && describeEntry(e) === p.text),
  );
  const timeOf = (at: number) =>
    `${props.firstDoseAt !== null && at >= props.firstDoseAt ? `T+${elapsedText(at - props.firstDoseAt, false)}` : 'pre-dose'} · ${formatClockSeconds(at, zone)}`;

  // A long session's list draws only the entries in view (and a few either side), measured as drawn: with thousands,
  // drawing them all made the room slow to open. Short lists are drawn whole.
  const listRef = useRef<HTMLOListElement>(null);
  const virtual = shown.length > VIRTUAL_FROM;
  const rowsOf = useVirtualizer({
    count: virtual ? shown.length : 0,
    getScrollElement: () => listRef.current,
    estimateSize: () => 24,
    overscan: 12,
    getItemKey: (index) => shown[index]?.seq ?? index,
    // An entry being struck or corrected stays drawn when scrolled past, so what was typed in its form is kept.
    rangeExtractor: (range) => {
      const open = amending ? shown.findIndex((e) => e.seq === amending.seq) : -1;
      const drawn = defaultRangeExtractor(range);
      return open < 0 || drawn.includes(open) ? drawn : [...drawn, open].sort((a, b) => a - b);
    },
  });
  /** The entries in view, with space standing for those not drawn (before, between and after them). */
  const drawnRows = () => {
    const lines: ReactNode[] = [];
    let end = 0;
    const space = (height: number, key: string) =>
      height > 0 && lines.push(<li key={key} role="none" className="entry-spacer" style={{ height }} />);
    for (const row of rowsOf.getVirtualItems()) {
      space(row.start - end, `space-${row.index}`);
      lines.push(entryLine(shown[row.index]!, { index: row.index, measure: rowsOf.measureElement }));
      end = row.end;
    }
    space(rowsOf.getTotalSize() - end, 'space-end');
    return lines;
  };

  /** One entry's line; in a long list, its place among all the entries shown (for screen readers) and its measure. */
  const entryLine = (e: EntryRecord, place?: { index: number; measure: (el: Element | null) => void }) => {
    const amended = e.struck ?? e.correctedBy;
    return (
      <li
        key={e.seq}
        className={amended ? 'entry struck' : 'entry'}
        data-seq={e.seq}
        {...(place
          ? {
              ref: place.measure,
              'data-index': place.index,
              'aria-posinset': place.index + 1,
              'aria-setsize': shown.length,
            }
          : {})}
      >
        <span className="entry-time">{timeOf(e.at)}</span> <span className="entry-author">{e.author}</span>{' '}
        {amended ? (
          <del className="entry-text">{describeEntry(e)}</del>
        ) : (
          <span className="entry-text">{describeEntry(e)}</span>
        )}
        {e.late && <span className="late"> · late entry, recorded {clock(e.recordedAt)}</span>}
        {e.corrects !== undefined && <span className="hint"> · correction</span>}
        {e.struck && (
          <span className="hint">
            {' '}
            · struck by {e.struck.by}: {e.struck.reason}
          </span>
        )}
        {e.correctedBy && (
          <span className="hint">
            {' '}
            · corrected by {e.correctedBy.by}: {e.correctedBy.reason}
          </span>
        )}
        {!amended && (
          <span className="entry-actions">
            <button
              type="button"
              onClick={() => setAmending({ seq: e.seq, action: 'strike' })}
              aria-label={`Strike: ${describeEntry(e)}`}
            >
              Strike
            </button>
            {e.kind !== 'check_in' && (
              <button
                type="button"
                onClick={() => setAmending({ seq: e.seq, action: 'correct' })}
                aria-label={`Correct: ${describeEntry(e)}`}
              >
                Correct
              </button>
            )}
          </span>
        )}
        {amending?.seq === e.seq && (
          <AmendForm {...props} entry={e} action={amending.action} onDone={() => setAmending(null)} />
        )}
      </li>
    );
  };

  return (
    <section aria-label="Entries" className="entries">
      <h2>Entries</h2>
      <div className="filters">
        <label>
          Tag
          <select value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="">all tags</option>
            {tags.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Recorded by
          <select value={who} onChange={(e) => setWho(e.target.value)}>
            <option value="">everyone</option>
            {authors.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          Search entries
          <input value={text} onChange={(e) => setText(e.target.value)} type="search" />
        </label>
      </div>
      <ol className="entry-list" aria-label="Entry list" ref={listRef}>
        {waiting
          .slice()
          .reverse()
          .map((p) => (
            <li key={`pending-${p.key}`} className={`entry pending ${p.status.replace(' ', '-')}`} data-pending="">
              <span className="entry-time">{timeOf(p.at)}</span> <span className="entry-author">{p.author}</span>{' '}
              <span className="entry-text">{p.text}</span>{' '}
              <span className="entry-state" role={p.status === 'saving' ? undefined : 'status'}>
                {p.status === 'saving'
                  ? '· saving…'
                  : p.status === 'not answering'
                    ? '· not saved yet: the room is not answering. It stays here; "Try again" at the top of the screen sends it again.'
                    : `· not saved: ${p.message ?? ''}`}
              </span>
              {p.retry && (
                <span className="entry-actions">
                  <button type="button" onClick={p.retry} aria-label={`Try again: ${p.text}`}>
                    Try again
                  </button>
                  <button type="button" onClick={p.discard} aria-label={`Discard: ${p.text}`}>
                    Discard
                  </button>
                </span>
              )}
            </li>
          ))}
        {virtual ? drawnRows() : shown.map((e) => entryLine(e))}
      </ol>
    </section>
  );
});

function AmendForm(props: {
  sessionId: string;
  author: string;
  entry: EntryRecord;
  action: 'strike' | 'correct';
  onRecorded: (e: StoredEvent) => void;
  onDone: () => void;
}) {
  const { entry } = props;
  const [reason, setReason] = useState('');
  const [note, setNote] = useState(entry.kind === 'observation' ? (entry.payload.text ?? '') : '');
  const [score, setScore] = useState(
    entry.kind === 'score' && entry.payload.content.scale === 'moaas' ? String(entry.payload.content.score) : '',
  );
  const [error, setError] = useState<string | null>(null);
  const { signed } = useRoomStaff();

  /**
   * Strikes or corrects the entry. A reading that raised an alert or holds the dose or the discharge is a clinician's
   * to change: the room says so, and the signature dialog asks for it. Resolves to null when the signature was cancelled
   * (the form stays open with what was typed).
   */
  const amend = async (replacement?: unknown): Promise<StoredEvent | null> => {
    if (!reason.trim()) throw new Error('Give a reason for the correction.');
    const text = describeEntry(entry);
    const event = await signedWhenAsked(
      signed,
      `${props.action === 'strike' ? 'Strike' : 'Correct'}: ${text}`,
      (signature) =>
        call('amendEntry', {
          sessionId: props.sessionId,
          targetSeq: entry.seq,
          action: props.action,
          reason,
          author: props.author,
          ...(replacement !== undefined ? { replacement } : {}),
          ...(signature ?? {}),
        }),
      `You ${props.action === 'strike' ? 'strike' : 'correct'} "${text}" because: ${reason.trim()}. The original stays in the record, struck.`,
    );
    if (!event) return null;
    props.onRecorded(event);
    props.onDone();
    return event;
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      if (props.action === 'strike') await amend();
      else if (entry.kind === 'observation') await amend({ text: note, tags: entry.payload.tags });
      else if (entry.kind === 'score' && entry.payload.content.scale === 'moaas')
        await amend({ scale: 'moaas', score: Number(score) });
      else setError('Strike this entry and record it again.');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const verb = props.action === 'strike' ? 'Strike' : 'Correct';
  return (
    <div className="amend">
      <label>
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      </label>
      {props.action === 'correct' && entry.kind === 'vitals' ? (
        <VitalsForm
          label="Corrected vitals"
          initial={entry.payload.values}
          submitLabel="Save correction"
          onSubmit={(values) => amend(values)}
          onRecorded={() => {}}
        />
      ) : (
        <form onSubmit={submit} aria-label={`${verb} entry`}>
          {props.action === 'correct' && entry.kind === 'observation' && (
            <label>
              Corrected note
              <input value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
          )}
          {props.action === 'correct' && entry.kind === 'score' && (
            <label>
              Corrected MOAA/S
              <input value={score} onChange={(e) => setScore(e.target.value)} size={2} />
            </label>
          )}
          <button type="submit">{props.action === 'strike' ? 'Strike entry' : 'Save correction'}</button>
        </form>
      )}
      <button type="button" onClick={props.onDone}>
        Cancel
      </button>
      <ErrorLine error={error} />
    </div>
  );
}
