import { useEffect, useState } from 'react';
import type { RoomTile } from '../../../main/board/tile';
import { clockText } from '@core/pure/time-text';

interface Snapshot {
  tiles: RoomTile[];
  problem: string | null;
  /** The clinic's time zone the board was given, in which the tiles' times are written. */
  timeZone: string;
}

/** The chair board: one tile per room, live from the clinic database; nothing on it can change a record. */
export function Board({ token }: { token: string | null }) {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [lost, setLost] = useState(false);
  useEffect(() => {
    if (!token) return;
    const source = new EventSource(`/api/stream?token=${encodeURIComponent(token)}`);
    source.addEventListener('tiles', (e) => {
      setSnapshot(JSON.parse((e as MessageEvent<string>).data) as Snapshot);
      setLost(false);
    });
    source.onerror = () => setLost(true);
    return () => source.close();
  }, [token]);

  if (!token)
    return (
      <main className="centre">
        <p role="alert">
          This page is missing the board&apos;s access key. Open the address the board printed when it started.
        </p>
      </main>
    );
  return (
    <main className="board" aria-label="Chair board" aria-busy={snapshot ? 'false' : 'true'}>
      <h1>Rooms</h1>
      {lost && (
        <p className="warning" role="status">
          The board lost its connection to its server; it reconnects by itself.
        </p>
      )}
      {snapshot?.problem && (
        <p className="warning" role="status">
          {snapshot.problem}
        </p>
      )}
      {snapshot && snapshot.tiles.length === 0 && <p>No room has been set up in the clinic database yet.</p>}
      {snapshot && snapshot.tiles.length > 0 && (
        <FollowUpsDue count={snapshot.tiles.reduce((n, t) => n + (t.followUpsDue ?? 0), 0)} />
      )}
      <div className="tiles" data-columns={columnsFor(snapshot?.tiles.length ?? 1)}>
        {snapshot?.tiles.map((tile) => (
          <Tile key={tile.room} tile={tile} zone={snapshot.timeZone} />
        ))}
      </div>
    </main>
  );
}

/** Columns for a wall screen (16:9): up to three rooms side by side, then two rows, then three. */
const columnsFor = (n: number) => (n <= 3 ? Math.max(n, 1) : n <= 8 ? Math.ceil(n / 2) : Math.ceil(n / 3));

function Tile({ tile, zone }: { tile: RoomTile; zone: string }) {
  const s = tile.session;
  return (
    <section
      className={`tile${tile.reporting ? '' : ' silent'}${(s && s.alerts.urgent) || tile.chain ? ' urgent' : ''}`}
      aria-label={tile.room}
    >
      <header className="tile-head">
        <h2>{tile.room}</h2>
        {s && (
          <span className="elapsed" aria-label="Elapsed">
            {s.elapsed}
          </span>
        )}
      </header>
      {!tile.reporting && (
        <p className="not-reporting" role="status">
          Not reporting{tile.lastReportAt ? ` since ${clockText(tile.lastReportAt, zone)}` : ''}
        </p>
      )}
      {tile.chain && (
        <p className="chain-broken" role="alert" aria-label="Record chain">
          Record chain broken: {tile.chain}
        </p>
      )}
      {!s ? (
        <p className="idle">No session in progress</p>
      ) : (
        <>
          <p className="tile-phase" aria-label="Phase">
            {s.phase}
            {s.next ? `; ${s.next}` : ''}
          </p>
          <div
            aria-label="Open alerts"
            className={`tile-alerts${s.alerts.urgent ? ' alert-urgent-text' : s.alerts.warning ? ' alert-warning-text' : ''}`}
          >
            {s.openAlerts.length === 0 ? (
              'No open alerts'
            ) : (
              <ul>
                {s.openAlerts.map((a, i) => (
                  <li key={i}>
                    {a.level === 'urgent' ? 'URGENT' : 'Warning'}: {a.message}, since {a.since}
                  </li>
                ))}
              </ul>
            )}
          </div>
          {s.alerts.escalation && (
            <p aria-label="Escalation" className="tile-escalation alert-urgent-text">
              {s.alerts.escalation}
            </p>
          )}
        </>
      )}
      <dl>
        {s && (
          <>
            <dt>Patient</dt>
            <dd aria-label="Patient">{s.patient}</dd>
            <dt>Therapist</dt>
            <dd aria-label="Therapist">{s.therapist}</dd>
            <dt>Last entry</dt>
            <dd aria-label="Last entry">{s.lastEntryAt}</dd>
            <dt>Route</dt>
            <dd>{s.route}</dd>
            <dt>Due</dt>
            <dd aria-label="Due">{s.due.length ? s.due.map((d) => d.label).join('; ') : 'Nothing due'}</dd>
            <dt>Discharge</dt>
            <dd aria-label="Discharge readiness">
              {!s.discharge
                ? 'Not dosed yet'
                : s.discharge.ready
                  ? `Ready (${s.discharge.met} of ${s.discharge.total})`
                  : `${s.discharge.met} of ${s.discharge.total} conditions met`}
            </dd>
            <dt>Music</dt>
            <dd aria-label="Music">{s.music}</dd>
            <dt>Recording</dt>
            <dd aria-label="Recording">{s.recording ?? 'Not said'}</dd>
            <dt>Last signed</dt>
            <dd aria-label="Last signed act">{s.lastSignature ?? 'Nothing signed yet'}</dd>
          </>
        )}
        <dt>Rescue check</dt>
        <dd
          aria-label="Rescue check today"
          className={tile.rescueCheck?.startsWith('Done') ? '' : 'alert-warning-text'}
        >
          {tile.rescueCheck ?? 'Not reported yet today'}
        </dd>
        <dt>Follow-up calls</dt>
        <dd aria-label="Follow-up calls due">{followUpText(tile.followUpsDue ?? 0)}</dd>
      </dl>
    </section>
  );
}

const followUpText = (n: number) => (n === 0 ? 'None due' : `${n} due`);

/** Next-day follow-up calls due or overdue across the rooms: a count, quiet, for the lead to share out. */
function FollowUpsDue({ count }: { count: number }) {
  return (
    <p className="follow-ups-due" role="status" aria-label="Follow-up calls due in all rooms">
      Follow-up calls due: {count === 0 ? 'none' : count}
    </p>
  );
}
