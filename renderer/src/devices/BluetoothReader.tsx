import { useEffect, useRef, useState } from 'react';
import type { BluetoothCandidate } from '@core/monitor/view';
import { bridge, call } from '../bridge/bridge';
import { ErrorLine } from '../ui/ErrorLine';
import { connectBluetooth, webBluetooth, type BluetoothKind } from './web-bluetooth';

/**
 * A Bluetooth cuff or oximeter in the app: the person recording connects it, chooses it in the room's own dialog, and each
 * measurement is recorded as a vitals entry with the device as its source. Shown only in the app (Web Bluetooth).
 */
export function BluetoothReader(props: { sessionId: string; author: string }) {
  const [devices, setDevices] = useState<BluetoothCandidate[]>([]);
  const [connected, setConnected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const disconnect = useRef<(() => void) | null>(null);
  useEffect(() => {
    const off = bridge?.on('bluetooth-devices', (p) => setDevices(p.devices));
    return () => {
      off?.();
      disconnect.current?.();
    };
  }, []);
  if (!window.room || !webBluetooth()) return null;
  const connect = async (kind: BluetoothKind) => {
    setError(null);
    try {
      disconnect.current?.();
      disconnect.current = await connectBluetooth(kind, (name, parsed) => {
        if (!parsed.ok) return setError(parsed.problem);
        void call('recordVitals', {
          sessionId: props.sessionId,
          author: props.author,
          values: parsed.measurement.values,
          device: {
            name,
            ...(parsed.measurement.deviceTime !== null ? { deviceTime: parsed.measurement.deviceTime } : {}),
          },
        }).catch((err: Error) => setError(err.message));
      });
      setConnected(kind);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="bluetooth-reader" role="group" aria-label="Bluetooth devices">
      <button type="button" onClick={() => void connect('cuff')}>
        Connect a Bluetooth cuff
      </button>
      <button type="button" onClick={() => void connect('oximeter')}>
        Connect a Bluetooth oximeter
      </button>
      {connected && <p role="status">Bluetooth {connected} connected: its readings are recorded as they come.</p>}
      {devices.length > 0 && (
        <div role="dialog" aria-label="Choose a Bluetooth device" className="bluetooth-choice">
          {devices.map((d) => (
            <button key={d.id} type="button" onClick={() => void call('chooseBluetoothDevice', { deviceId: d.id })}>
              {d.name}
            </button>
          ))}
          <button type="button" onClick={() => void call('chooseBluetoothDevice', { deviceId: null })}>
            None of these
          </button>
        </div>
      )}
      <ErrorLine error={error} />
    </div>
  );
}
