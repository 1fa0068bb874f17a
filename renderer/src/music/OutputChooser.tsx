import { forwardRef, useEffect, useState } from 'react';
import type { Settings } from '@core/settings/schema';
import { call } from '../bridge/bridge';
import type { MusicController } from './controller';

interface Output {
  deviceId: string;
  label: string;
}

async function audioOutputs(): Promise<Output[]> {
  const devices = (await navigator.mediaDevices?.enumerateDevices?.().catch(() => [])) ?? [];
  return devices
    .filter((d) => d.kind === 'audiooutput' && d.deviceId !== 'default' && d.deviceId !== '')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Audio output ${i + 1}` }));
}

/**
 * The audio output (the patient's headphones or the room speaker), remembered for the room. A device's id
 * can change between runs, so the remembered label finds it again; one not connected stays shown as such.
 */
export const OutputChooser = forwardRef<
  HTMLSelectElement,
  { controller: MusicController; settings: Settings; shortcut: string; onError: (m: string) => void }
>(function OutputChooser({ controller, settings, shortcut, onError }, ref) {
  const [outputs, setOutputs] = useState<Output[]>([]);
  const [chosen, setChosen] = useState<Output | null>(
    settings.music.outputDeviceId
      ? { deviceId: settings.music.outputDeviceId, label: settings.music.outputDeviceLabel ?? 'Remembered output' }
      : null,
  );

  useEffect(() => {
    const refresh = () =>
      void audioOutputs().then((found) => {
        setOutputs(found);
        setChosen((current) => {
          if (!current) return current;
          const match =
            found.find((o) => o.deviceId === current.deviceId) ?? found.find((o) => o.label === current.label);
          if (match) void controller.setOutput(match.deviceId);
          return match ?? current;
        });
      });
    refresh();
    navigator.mediaDevices?.addEventListener?.('devicechange', refresh);
    return () => navigator.mediaDevices?.removeEventListener?.('devicechange', refresh);
  }, [controller]);

  const connected = chosen === null || outputs.some((o) => o.deviceId === chosen.deviceId);

  const choose = async (deviceId: string) => {
    const output = outputs.find((o) => o.deviceId === deviceId) ?? null;
    setChosen(output);
    await controller.setOutput(output?.deviceId ?? '');
    try {
      await call('saveMusicOutput', { deviceId: output?.deviceId ?? null, label: output?.label ?? null });
    } catch (err) {
      onError(`The output was changed but could not be remembered: ${(err as Error).message}`);
    }
  };

  return (
    <label className="music-output">
      Audio output <kbd>{shortcut}</kbd>
      <select
        ref={ref}
        value={chosen?.deviceId ?? ''}
        onChange={(e) => void choose(e.target.value)}
        aria-keyshortcuts={shortcut}
      >
        <option value="">System default</option>
        {outputs.map((o) => (
          <option key={o.deviceId} value={o.deviceId}>
            {o.label}
          </option>
        ))}
        {!connected && chosen && <option value={chosen.deviceId}>{chosen.label} (not connected)</option>}
      </select>
    </label>
  );
});
