import { useEffect, useState } from 'react';
import type { AdminStatus } from '@core/admin/view';
import { call } from '../bridge/bridge';
import './admin.css';
import { PinGate } from './PinGate';
import { MusicAdmin } from './MusicAdmin';
import { SettingsAdmin } from './SettingsAdmin';
import { ClinicAdmin } from './ClinicAdmin';
import { StaffAdmin } from './StaffAdmin';
import { ErrorLine } from '../ui/ErrorLine';

export type AdminTab = 'settings' | 'staff' | 'music' | 'clinic';

/**
 * The admin areas, behind the admin PIN (set on first run). The key the room gives on a right PIN lives
 * only in this component's memory: closing the admin area or 15 minutes without use locks it again.
 */
export function AdminArea({ onClose }: { onClose: () => void }) {
  const [status, setStatus] = useState<AdminStatus | null>(null);
  const [adminKey, setAdminKey] = useState<string | null>(null);
  const [tab, setTab] = useState<AdminTab>('settings');
  const [error, setError] = useState<string | null>(null);
  // Who is making the changes: typed once, kept across the tabs, so no change is logged without a name.
  const [changedBy, setChangedBy] = useState('');

  useEffect(() => {
    call('getAdminStatus', {})
      .then(setStatus)
      .catch((err: Error) => setError(err.message));
  }, []);

  const close = () => {
    if (adminKey) void call('lockAdmin', { adminKey }).catch(() => undefined);
    onClose();
  };

  return (
    <main className="admin" aria-label="Admin">
      <div className="admin-bar">
        <h2>Admin</h2>
        {adminKey && (
          <div role="tablist" aria-label="Admin areas">
            <button type="button" role="tab" aria-selected={tab === 'settings'} onClick={() => setTab('settings')}>
              Room and clinic settings
            </button>
            <button type="button" role="tab" aria-selected={tab === 'staff'} onClick={() => setTab('staff')}>
              Staff
            </button>
            <button type="button" role="tab" aria-selected={tab === 'music'} onClick={() => setTab('music')}>
              Music sets
            </button>
            <button type="button" role="tab" aria-selected={tab === 'clinic'} onClick={() => setTab('clinic')}>
              Clinic database
            </button>
          </div>
        )}
        <button type="button" onClick={close}>
          {adminKey ? 'Lock and close admin' : 'Close admin'}
        </button>
      </div>
      <ErrorLine error={error} />
      {!adminKey && status && <PinGate status={status} onOpen={setAdminKey} />}
      {adminKey && tab === 'settings' && (
        <SettingsAdmin
          adminKey={adminKey}
          onLocked={() => setAdminKey(null)}
          changedBy={changedBy}
          onChangedBy={setChangedBy}
        />
      )}
      {adminKey && tab === 'staff' && (
        <StaffAdmin
          adminKey={adminKey}
          onLocked={() => setAdminKey(null)}
          changedBy={changedBy}
          onChangedBy={setChangedBy}
        />
      )}
      {adminKey && tab === 'music' && <MusicAdmin adminKey={adminKey} onLocked={() => setAdminKey(null)} />}
      {adminKey && tab === 'clinic' && <ClinicAdmin adminKey={adminKey} onLocked={() => setAdminKey(null)} />}
    </main>
  );
}
