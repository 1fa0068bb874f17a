import { useState } from 'react';
import type { AdminSettingsView } from '@core/admin/view';
import { NumberField, Section, typedNumber, type SaveSettings } from './fields';

/**
 * The monitor listener (IHE PCD-01 over MLLP): off by default; its name, where it listens, the sending addresses it
 * takes, and TLS. A change takes effect at once.
 */
export function MonitorSection({ view, save }: { view: AdminSettingsView; save: SaveSettings }) {
  const m = view.settings.monitor;
  const [enabled, setEnabled] = useState(m.enabled);
  const [name, setName] = useState(m.name);
  const [address, setAddress] = useState(m.address);
  const [port, setPort] = useState(String(m.port));
  const [allowlist, setAllowlist] = useState(m.allowlist.join(', '));
  const [cert, setCert] = useState(m.tlsCertFile);
  const [key, setKey] = useState(m.tlsKeyFile);
  return (
    <Section
      title="Monitor"
      onSave={() =>
        save({
          monitor: {
            enabled,
            name,
            address,
            port: typedNumber(port) as number,
            allowlist: allowlist.split(/[,\s]+/).filter((a) => a !== ''),
            tlsCertFile: cert,
            tlsKeyFile: key,
          },
        })
      }
    >
      <div className="row">
        <label>
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Listen for the monitor (PCD-01 over MLLP)
        </label>
        <label>
          Monitor name
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Listen on address
          <input value={address} onChange={(e) => setAddress(e.target.value)} />
        </label>
        <NumberField label="Port" value={port} onChange={setPort} />
        <label>
          Allowed sending addresses
          <input value={allowlist} onChange={(e) => setAllowlist(e.target.value)} size={30} />
        </label>
        <label>
          TLS certificate file
          <input value={cert} onChange={(e) => setCert(e.target.value)} size={30} />
        </label>
        <label>
          TLS key file
          <input value={key} onChange={(e) => setKey(e.target.value)} size={30} />
        </label>
      </div>
    </Section>
  );
}
