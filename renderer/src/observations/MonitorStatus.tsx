import { useEffect, useState } from 'react';
import type { MonitorView } from '@core/monitor/view';
import { bridge, call } from '../bridge/bridge';
import { formatClockSeconds } from '../ui/format';
import { useClockZone } from '../ui/clock';
import { ErrorLine } from '../ui/ErrorLine';

const STATE_WORDS: Record<MonitorView['state'], string> = {
  off: 'off',
  waiting: 'waiting for readings',
  connected: 'connected',
  signal_lost: 'SpO2 signal lost',
};

/**
 * The monitor in the vitals panel: its state, its latest values, the confirmation that it is on this patient (its readings
 * wait, shown, until then), and "SpO2 signal lost". Visual only: nothing sounds or pops up.
 */
export function MonitorStatus(props: { sessionId: string; author: string }) {
  const [view, setView] = useState<MonitorView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const zone = useClockZone();
  useEffect(() => {
    let live = true;
    const fetchView = () =>
      void call('getMonitor', {})
        .then((v) => live && setView(v))
        .catch(() => undefined);
    fetchView();
    const off = bridge?.on('monitor-state', (v) => setView(v));
    // Pushed on every change; asked again every 5 s too, so a push missed while the page connected is caught up and
    // "connected" turns back to "waiting" when a cuff stops sending.
    const timer = setInterval(fetchView, 5000);
    return () => {
      live = false;
      off?.();
      clearInterval(timer);
    };
  }, []);
  if (!view || !view.enabled) return null;
  const last = view.last;
  const values = last
    ? [
        last.values.spo2 !== undefined ? `SpO2 ${last.values.spo2}%` : '',
        last.values.heartRate !== undefined ? `HR ${last.values.heartRate}` : '',
        last.values.systolic !== undefined ? `BP ${last.values.systolic}/${last.values.diastolic}` : '',
        last.values.respiratoryRate !== undefined ? `RR ${last.values.respiratoryRate}` : '',
      ].filter(Boolean)
    : [];
  const confirm = view.confirm?.sessionId === props.sessionId ? view.confirm : null;
  const onConfirm = async () => {
    try {
      setView(await call('confirmMonitor', { sessionId: props.sessionId, author: props.author }));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className={`monitor-status monitor-${view.state}`} role="group" aria-label={`Monitor ${view.name}`}>
      <p role="status" aria-label="Monitor state">
        {view.name}: {STATE_WORDS[view.state]}
        {view.problem ? `. ${view.problem}` : ''}
      </p>
      {last && (
        <p aria-label="Monitor last reading">
          Last reading {formatClockSeconds(last.at, zone)}: {values.join(', ')}
          {confirm ? ' (not recorded yet)' : ''}
        </p>
      )}
      {view.state === 'signal_lost' && view.signalLostSince !== null && (
        <p className="monitor-alert alert-urgent" aria-label="Monitor alert">
          SpO2 signal lost since {formatClockSeconds(view.signalLostSince, zone)}: check the probe and the patient.
        </p>
      )}
      {confirm && (
        <div className="monitor-confirm">
          <p>
            {confirm.held} reading{confirm.held === 1 ? '' : 's'} waiting: is {view.name} on {confirm.patientRef}?
          </p>
          <button type="button" onClick={() => void onConfirm()}>
            This monitor is on {confirm.patientRef}
          </button>
        </div>
      )}
      {(view.counts.unknownObservations > 0 || view.lastRefusal) && (
        <p className="monitor-quiet" aria-label="Monitor messages">
          {view.counts.unknownObservations > 0
            ? `${view.counts.unknownObservations} other observations kept out. `
            : ''}
          {view.lastRefusal ? `Last refused: ${view.lastRefusal}` : ''}
        </p>
      )}
      <ErrorLine error={error} />
    </div>
  );
}
