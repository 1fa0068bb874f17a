import type { DueItem } from '@core/pure/rules/due';
import { untilText } from '@core/pure/time-text';
import { useClock } from '../ui/clock';

/** What is due, quietly: overdue first, then due, then the next upcoming one. Nothing sounds. */
export function DueList({ items, now }: { items: DueItem[]; now: number }) {
  const clock = useClock();
  const open = items.filter((i) => i.status === 'overdue' || i.status === 'due');
  const next = items.filter((i) => i.status === 'upcoming').sort((a, b) => a.dueAt - b.dueAt)[0];
  const done = items.filter((i) => i.status === 'done').length;
  return (
    <section aria-label="Due" className="due">
      <h2>Due</h2>
      <ul>
        {[
          ...open.filter((i) => i.status === 'overdue'),
          ...open.filter((i) => i.status === 'due'),
          ...(next ? [next] : []),
        ].map((i) => (
          <li key={i.id} className={`due-${i.status}`} aria-label={`${i.label}: ${i.status}`}>
            <span className="due-status">{i.status}</span> {i.label}
            {i.required && <span className="hint"> required</span>}
            <span className="hint">
              {' '}
              {i.status === 'upcoming'
                ? untilText(i.dueAt - now)
                : i.dueAt > now
                  ? `at ${clock(i.dueAt)}`
                  : `since ${clock(i.dueAt)}`}
            </span>
          </li>
        ))}
      </ul>
      <p className="hint">{done} done</p>
    </section>
  );
}
