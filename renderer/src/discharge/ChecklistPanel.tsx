import { useState } from 'react';
import {
  checklistFor,
  CHECKLIST_LABELS,
  type ChecklistAnswer,
  type ChecklistItemId,
} from '@core/pure/discharge/checklist';
import { presetRules } from '@core/pure/discharge/rules';
import type { StoredEvent } from '@core/session/events';
import type { SessionState } from '@core/pure/session/fold';
import { call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { DriverForm } from './DriverForm';
import { useClock } from '../ui/clock';
import { IntentionField } from '../integration/IntentionField';

/** The day-of checklist, before the dose: every item answered; "no" or a skip says why. Folded away once dosed. */
export function ChecklistPanel({
  state,
  author,
  onRecorded,
}: {
  state: SessionState;
  author: string;
  onRecorded: (e: StoredEvent) => void;
}) {
  const items = checklistFor(state.preset);
  const { critical } = presetRules(state.preset);
  const answered = items.filter((i) => state.discharge.checklist[i]).length;
  const [open, setOpen] = useState(state.doses.length === 0);
  const [asking, setAsking] = useState<{ item: ChecklistItemId; answer: ChecklistAnswer } | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const clock = useClock();

  const answer = async (item: ChecklistItemId, value: ChecklistAnswer, why?: string) => {
    try {
      onRecorded(
        await call('answerChecklist', {
          sessionId: state.id,
          item,
          answer: value,
          author,
          ...(why ? { reason: why } : {}),
        }),
      );
      setAsking(null);
      setReason('');
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="checklist" aria-label="Day-of checklist">
      <h2>
        Day-of checklist: {answered} of {items.length} answered
      </h2>
      <button type="button" className="link" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? 'Hide the day-of checklist' : 'Show the day-of checklist'}
      </button>
      {open && (
        <>
          <ul>
            {items.map((item) => {
              const a = state.discharge.checklist[item];
              const label = CHECKLIST_LABELS[item];
              return (
                <li key={item} className={a ? `checklist-${a.answer}` : 'checklist-open'}>
                  <span className="checklist-label">
                    {label}
                    {critical.has(item) && <span className="hint"> (must be yes for the dose)</span>}
                  </span>
                  <span className="checklist-answer">
                    {a ? `${a.answer}${a.reason ? `: ${a.reason}` : ''} (${a.by}, ${clock(a.at)})` : 'not answered'}
                  </span>
                  <span className="checklist-buttons">
                    <button
                      type="button"
                      aria-label={`${label}: yes`}
                      aria-pressed={a?.answer === 'yes'}
                      onClick={() => void answer(item, 'yes')}
                    >
                      Yes
                    </button>
                    <button
                      type="button"
                      aria-label={`${label}: no`}
                      aria-pressed={a?.answer === 'no'}
                      onClick={() => setAsking({ item, answer: 'no' })}
                    >
                      No
                    </button>
                    <button
                      type="button"
                      aria-label={`${label}: skip`}
                      aria-pressed={a?.answer === 'skipped'}
                      onClick={() => setAsking({ item, answer: 'skipped' })}
                    >
                      Skip
                    </button>
                  </span>
                  {asking?.item === item && (
                    <form
                      className="checklist-reason"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void answer(item, asking.answer, reason);
                      }}
                    >
                      <label>
                        Why {asking.answer === 'no' ? '"no"' : 'skipped'}?
                        <input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
                      </label>
                      <button type="submit">Save answer</button>
                    </form>
                  )}
                </li>
              );
            })}
          </ul>
          <IntentionField state={state} author={author} onRecorded={onRecorded} />
          <DriverForm state={state} author={author} mode="details" onRecorded={onRecorded} />
        </>
      )}
      <ErrorLine error={error} />
    </section>
  );
}
