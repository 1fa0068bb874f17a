import { useEffect, useRef } from 'react';
import { dueItems, live } from '@core/pure/rules/due';
import { openAlerts } from '@core/pure/rules/open-alerts';
import type { Settings } from '@core/settings/schema';
import type { SessionState } from '@core/pure/session/fold';
import type { Timeline } from '@core/pure/timeline/timeline';
import { Alerts } from './Alerts';
import { call } from '../bridge/bridge';
import { CaptureBar, type CaptureBarHandle } from './CaptureBar';
import { DueList } from './DueList';
import type { SessionHandle } from '../bridge/hooks';
import { typingInField } from '../ui/recorder';
import { useClockZone } from '../ui/clock';
import { Scores } from './Scores';
import { recordVitals, VitalsForm } from './VitalsForm';
import { MomentKey } from '../integration/MomentKey';
import { MonitorStatus } from './MonitorStatus';
import { BluetoothReader } from '../devices/BluetoothReader';
import type { PendingEntries } from './pending';

/**
 * The sitter's side of the room: capture bar and tag keys, vitals, scores, what is due, alerts. The entries have their own
 * box in the room's grid (RoomView), so the list keeps its height whatever this column holds.
 * Keys: a tag key records that tag at once; any other letter starts a note, timed at that key press.
 */
export function ObservationPanel(props: {
  state: SessionState;
  session: SessionHandle;
  settings: Settings;
  timeline: Timeline;
  author: string;
  now: number;
  /** One-key entries (tags, check-ins) are drawn in the entry list at the key press, before the room confirms them. */
  pending: PendingEntries;
  onError: (m: string | null) => void;
}) {
  const { state, settings, author } = props;
  const capture = useRef<CaptureBarHandle>(null);
  const accept = props.session.accept;
  const zone = useClockZone();

  const record = props.pending.record;
  const recordTag = (label: string, at: number) =>
    record({ text: label, at, author }, () =>
      call('recordObservation', { sessionId: state.id, content: { tags: [label] }, occurredAt: at, author }),
    );
  const checkIn = (at: number) =>
    record({ text: 'Check-in', at, author }, () =>
      call('recordCheckIn', { sessionId: state.id, occurredAt: at, author }),
    );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typingInField(e.target)) return;
      // A key pressed in a tool over the session (CADSS-6, history) is that tool's, not a tag or a note.
      if (e.target instanceof Element && e.target.closest('[role="dialog"]')) return;
      const at = Date.now();
      const tag = settings.tags.find((t) => t.key === e.key);
      if (tag) {
        e.preventDefault();
        recordTag(tag.label, at);
      } else if (e.key.length === 1 && /\S/.test(e.key)) {
        capture.current?.begin(at);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="observations">
      <CaptureBar ref={capture} sessionId={state.id} author={author} onRecorded={accept} />
      <section aria-label="Tags" className="tags">
        {settings.tags.map((t) => (
          <button key={t.key} type="button" aria-keyshortcuts={t.key} onClick={() => recordTag(t.label, Date.now())}>
            <kbd>{t.key}</kbd> {t.label}
          </button>
        ))}
        <button type="button" onClick={() => checkIn(Date.now())}>
          Checked in
        </button>
        <MomentKey
          sessionId={state.id}
          author={author}
          dosed={state.doses.length > 0}
          marked={state.integration.moments.length}
          onRecorded={accept}
        />
      </section>
      <Alerts
        sessionId={state.id}
        author={author}
        alerts={openAlerts(state)}
        amended={amendedSeqs(state)}
        onRecorded={accept}
      />
      <DueList items={dueItems(state, props.timeline, props.now, zone)} now={props.now} />
      <section aria-label="Record vitals" className="vitals">
        <h2>Vitals</h2>
        <MonitorStatus sessionId={state.id} author={author} />
        <BluetoothReader sessionId={state.id} author={author} />
        <VitalsForm withTime onSubmit={recordVitals(state.id, author)} onRecorded={accept} />
      </section>
      <Scores sessionId={state.id} author={author} onRecorded={accept} />
    </div>
  );
}

/** Entries struck or corrected: an urgent alert of one stays open, and says its reading was changed since. */
const amendedSeqs = (state: SessionState) => new Set(state.entries.filter((e) => !live(e)).map((e) => e.seq));
