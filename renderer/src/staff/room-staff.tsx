import { createContext, useContext } from 'react';
import type { RecorderView, StaffView } from '@core/staff/view';
import type { StaffRole } from '@core/pure/staff/permissions';
import { RoomCallError } from '../bridge/bridge';

/** What a signed call carries: the clinician's name and PIN, given now; `pinAgain` only for a person choosing their first PIN. */
export interface SignatureArgs {
  signer: string;
  pin: string;
  pinAgain?: string;
}

/**
 * Runs a clinician's act in the signature dialog: resolves with what the room recorded, or null when the person cancelled.
 * `signers`: the roles who may sign it, where not a clinician's alone (the rescue check: any of the care team).
 */
export type Signed = <T>(
  what: string,
  act: (signature: SignatureArgs) => Promise<T>,
  meaning?: string,
  signers?: readonly StaffRole[],
) => Promise<T | null>;

/** The room's people as the screen knows them, who is recording, and the two dialogs that prove who someone is. */
export interface RoomStaff {
  staff: StaffView[];
  recorder: RecorderView | null;
  /** Asks the room again (after a switch elsewhere, a lock, a first PIN chosen). */
  refresh: () => Promise<void>;
  /** Opens "Switch person" (Alt+S). */
  openSwitch: () => void;
  signed: Signed;
}

const NOBODY: RoomStaff = {
  staff: [],
  recorder: null,
  refresh: () => Promise.resolve(),
  openSwitch: () => undefined,
  signed: () => Promise.resolve(null),
};

export const RoomStaffContext = createContext<RoomStaff>(NOBODY);

export const useRoomStaff = () => useContext(RoomStaffContext);

/** Switch person: a sitter's change of shift, one key away. */
export const SWITCH_KEY = { key: 'Alt+S', code: 'KeyS' } as const;

/** "Sam (sitter)". */
export const personText = (p: { name: string; role: StaffRole }) => `${p.name} (${p.role})`;

/**
 * The name every unsigned record call carries. With a staff list, it is the person recording: with nobody recording the
 * room refuses the call with its own sentence (say who is recording first), so the name sent then is never written.
 */
export function recordingAuthor(room: Pick<RoomStaff, 'staff' | 'recorder'>, picked: string): string {
  if (room.staff.length === 0) return picked;
  return room.recorder?.name ?? 'nobody recording';
}

/**
 * An act the room may or may not want signed (a correction, an acknowledgement, REMS answers): the room decides. It is
 * tried without a signature first; when the room answers that a clinician must sign, the signature dialog opens and
 * the same act is sent again with the signature. Any other refusal is the caller's to show.
 */
export async function signedWhenAsked<T>(
  signed: Signed,
  what: string,
  act: (signature: SignatureArgs | null) => Promise<T>,
  meaning?: string,
): Promise<T | null> {
  try {
    return await act(null);
  } catch (err) {
    if (err instanceof RoomCallError && err.code === 'signature_needed')
      return signed(what, (signature) => act(signature), meaning);
    throw err;
  }
}
