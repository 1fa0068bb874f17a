import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { RoomInfo } from '@core/contract/contract';
import type { RecorderView, StaffView } from '@core/staff/view';
import { bridge } from '../bridge/bridge';
import { RoomStaffContext, SWITCH_KEY, type RoomStaff, type Signed } from './room-staff';
import { SignDialog, type SigningRequest } from './signing';
import { SwitchDialog } from './SwitchDialog';

/**
 * Who is on the staff list and who is recording, for every screen, and the two dialogs that prove who someone is: the
 * signature of a clinician's act, and "Switch person" (Alt+S). While either is open, the page behind is inert.
 * `people` comes from the room's RoomInfo; `onPeople` takes a newer one (a switch here, a refresh after a signature,
 * the room's note that someone else switched in).
 */
export function StaffProvider({
  people,
  onPeople,
  refreshPeople,
  children,
}: {
  people: { staff: StaffView[]; recorder: RecorderView | null };
  onPeople: (info: RoomInfo) => void;
  refreshPeople: () => Promise<void>;
  children: ReactNode;
}) {
  const [switching, setSwitching] = useState(false);
  const [signing, setSigning] = useState<SigningRequest | null>(null);
  const { staff, recorder } = people;

  const signed = useCallback<Signed>(
    (what, act, meaning = `You sign: ${what}.`, signers) =>
      new Promise((resolve, reject) => {
        setSigning({
          what,
          meaning,
          act,
          ...(signers ? { signers } : {}),
          settle: (outcome) =>
            'error' in outcome
              ? reject(outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error)))
              : resolve(outcome.value as never),
        });
      }),
    [],
  );
  const openSwitch = useCallback(() => setSwitching(true), []);

  // Someone switched in on another screen of this room, or a test's or a script's call did: the session's log says so.
  useEffect(
    () =>
      bridge?.on('session-event', ({ event }) => {
        if (event.kind === 'recorder_changed') void refreshPeople();
      }),
    [refreshPeople],
  );

  // Alt+S opens "Switch person" wherever the room is, once it has a staff list (without one, the session view's own
  // picker takes the key).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.code !== SWITCH_KEY.code || staff.length === 0) return;
      if (switching || signing) return;
      e.preventDefault();
      setSwitching(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [staff.length, switching, signing]);

  const value = useMemo<RoomStaff>(
    () => ({ staff, recorder, refresh: refreshPeople, openSwitch, signed }),
    [staff, recorder, refreshPeople, openSwitch, signed],
  );
  const covered = switching || signing !== null;

  return (
    <RoomStaffContext.Provider value={value}>
      <div className="modal-scope" inert={covered}>
        {children}
      </div>
      {switching && (
        <SwitchDialog
          staff={staff}
          recorderName={recorder?.name ?? null}
          onSwitched={onPeople}
          onClose={() => setSwitching(false)}
        />
      )}
      {signing && (
        <SignDialog
          request={signing}
          staff={staff}
          recorderName={recorder?.name ?? null}
          onClose={() => {
            setSigning(null);
            // A first PIN chosen, or a person locked: the staff list on screen follows.
            void refreshPeople();
          }}
        />
      )}
    </RoomStaffContext.Provider>
  );
}
