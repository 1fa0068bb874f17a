import { useEffect } from 'react';
import type { DueItem } from '@core/pure/rules/due';
import type { AlertSummary } from '@core/pure/rules/open-alerts';
import { PHASE_LABELS, type Timeline } from '@core/pure/timeline/timeline';
import { elapsedText, untilText } from '@core/pure/time-text';

/** The one item to look at next: the first overdue, else the first due, else the next upcoming. */
export function nextDue(items: DueItem[]): DueItem | null {
  return (
    items.find((i) => i.status === 'overdue') ??
    items.find((i) => i.status === 'due') ??
    [...items].filter((i) => i.status === 'upcoming').sort((a, b) => a.dueAt - b.dueAt)[0] ??
    null
  );
}

/**
 * Across the room: the time since the dose, the phase, the time to the next one, what is due next and any
 * alert, in type read from three metres. Any key (or a click) goes back to the session view; that key does
 * nothing else.
 */
export function Glance({
  timeline,
  due,
  alerts,
  now,
  onClose,
}: {
  timeline: Timeline;
  due: DueItem[];
  alerts: AlertSummary;
  now: number;
  onClose: () => void;
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (['Alt', 'Control', 'Shift', 'Meta'].includes(e.key)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      onClose();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  const item = nextDue(due);
  const openCount = alerts.urgent + alerts.warning;
  return (
    <div className="glance" role="dialog" aria-modal="true" aria-label="Glance" onClick={onClose}>
      <div className="glance-clock" role="timer" aria-label="Time since first dose, at a glance">
        {timeline.dosed ? `T+${elapsedText(timeline.elapsedMs)}` : 'Not dosed'}
      </div>
      <div className="glance-phase" aria-label="Phase, at a glance">
        {PHASE_LABELS[timeline.phase]}
        {timeline.next && (
          <span className="glance-next">
            {' '}
            · {PHASE_LABELS[timeline.next.phase]} {untilText(timeline.next.inMs)}
          </span>
        )}
      </div>
      <div className="glance-due" aria-label="Next due, at a glance">
        {item ? (
          <>
            <span className={`glance-status due-${item.status}`}>{item.status}</span> {item.label}
            {item.status === 'upcoming' && ` ${untilText(item.dueAt - now)}`}
          </>
        ) : (
          'Nothing due'
        )}
      </div>
      {alerts.first !== null && (
        <div className={`glance-alert alert-${alerts.urgent ? 'urgent' : 'warning'}`} aria-label="Alert, at a glance">
          {alerts.first}
          {openCount > 1 && ` (+${openCount - 1} more)`}
        </div>
      )}
      {alerts.escalation && (
        <div className="glance-escalation alert-urgent" aria-label="Escalation, at a glance">
          {alerts.escalation}
        </div>
      )}
      <p className="glance-hint">Any key returns</p>
    </div>
  );
}
