import type { SessionReport } from '@core/pure/report/model';
import { tPlus } from './report-text';

/** Every alert and what became of it. */
export function AlertsSection({ r, clock }: { r: SessionReport; clock: (t: number) => string }) {
  return (
    <section className="report-section" aria-label="Alerts">
      <h3>Alerts and acknowledgements</h3>
      {r.alerts.length === 0 ? (
        <p>No alerts.</p>
      ) : (
        <ul>
          {r.alerts.map((a, i) => (
            <li key={i}>
              {clock(a.at)} {a.level.toUpperCase()}: {a.message}{' '}
              {a.acknowledged
                ? `Acknowledged by ${a.acknowledged.by} at ${clock(a.acknowledged.at)}.`
                : a.readingAmended && !a.open
                  ? `Closed: its reading was ${a.readingAmended.how} by ${a.readingAmended.by} at ${clock(a.readingAmended.at)} (${a.readingAmended.reason}).`
                  : 'Not acknowledged.'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The music that played. */
export function MusicSection({ r, clock }: { r: SessionReport; clock: (t: number) => string }) {
  return (
    <section className="report-section" aria-label="Music">
      <h3>Music</h3>
      {r.music.length === 0 ? (
        <p>No music is recorded in this session's log.</p>
      ) : (
        <ul>
          {r.music.map((m) => (
            <li key={m.seq}>
              {clock(m.at)} ({tPlus(m.tPlusMs)}) {m.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The day-of checklist as answered. */
export function ChecklistSection({ r, clock }: { r: SessionReport; clock: (t: number) => string }) {
  return (
    <section className="report-section" aria-label="Day-of checklist">
      <h3>Day-of checklist</h3>
      <table>
        <tbody>
          {r.checklist.map((c) => (
            <tr key={c.label}>
              <td>{c.label}</td>
              <td>
                {c.answer}
                {c.reason && `: ${c.reason}`}
              </td>
              <td>{c.by && c.at !== null ? `${c.by}, ${clock(c.at)}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
