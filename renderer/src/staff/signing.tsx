import { useRef, useState, type FormEvent } from 'react';
import type { StaffView } from '@core/staff/view';
import type { StaffRole } from '@core/pure/staff/permissions';
import { RoomCallError } from '../bridge/bridge';
import { Modal } from './Modal';
import type { SignatureArgs } from './room-staff';
import { FirstPinFields, PinInput } from './PinInput';

/** The room's answers about the signature itself: said inside the dialog, which stays open for another try. */
export const SIGNATURE_CODES: ReadonlySet<string> = new Set([
  'signature_needed',
  'not_permitted',
  'wrong_pin',
  'staff_locked',
  'pin_not_set',
  'pin_mismatch',
  'invalid_pin',
]);

export const isSignatureRefusal = (err: unknown): err is RoomCallError =>
  err instanceof RoomCallError && SIGNATURE_CODES.has(err.code);

/** One act waiting for its signature: what it is, what signing it means, and the call that carries the signature. */
export interface SigningRequest {
  what: string;
  meaning: string;
  act: (signature: SignatureArgs) => Promise<unknown>;
  /** Who may sign it, where not a clinician alone (the rescue check: any of the care team). */
  signers?: readonly StaffRole[];
  /** The act's outcome: recorded (its value), cancelled (null), or refused for another reason (the room's error). */
  settle: (outcome: { value: unknown } | { error: unknown }) => void;
}

/** What every signature means, said under the act's own words. */
const SIGNATURE_WORDS =
  'Your name and your personal PIN, given now, are your signature: the record keeps your printed name, your role, the date and time, and what you signed.';

/**
 * The signature dialog: a clinician's act is signed in it, with the clinician's name and personal PIN, whoever is
 * recording. A refusal of the signature (wrong PIN, locked, not a clinician) is said here and the dialog stays open with
 * the PIN cleared; any other outcome closes it and goes back to the form that asked, whose fields are as they were typed.
 * The PIN lives only in this dialog and goes with it.
 */
export function SignDialog({
  request,
  staff,
  recorderName,
  onClose,
}: {
  request: SigningRequest;
  staff: StaffView[];
  recorderName: string | null;
  onClose: () => void;
}) {
  const roles: readonly StaffRole[] = request.signers ?? ['clinician'];
  const byClinician = roles.length === 1 && roles[0] === 'clinician';
  const clinicians = staff.filter((s) => roles.includes(s.role));
  const [signer, setSigner] = useState(
    () => clinicians.find((c) => c.name === recorderName)?.name ?? clinicians[0]?.name ?? '',
  );
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [refusal, setRefusal] = useState<{ code: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const pinInput = useRef<HTMLInputElement>(null);
  const person = clinicians.find((c) => c.name === signer);
  // A person without a PIN yet (a room from before PINs) chooses one now, typed twice.
  const firstPin = (person !== undefined && !person.hasPin) || refusal?.code === 'pin_not_set';

  const cancel = () => {
    // Once sent, the act is the room's to answer: the dialog waits for it rather than say "cancelled" for an act recorded.
    if (busy) return;
    request.settle({ value: null });
    onClose();
  };
  const sign = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !signer) return;
    setBusy(true);
    try {
      const value = await request.act({ signer, pin, ...(firstPin ? { pinAgain } : {}) });
      request.settle({ value });
      onClose();
    } catch (err) {
      if (isSignatureRefusal(err)) {
        setRefusal({ code: err.code, message: err.message });
        setPin('');
        setPinAgain('');
        setBusy(false);
        // Straight back to the PIN, for another try by keyboard.
        requestAnimationFrame(() => pinInput.current?.focus());
        return;
      }
      request.settle({ error: err });
      onClose();
    }
  };

  const title = `Sign: ${request.what}`;
  return (
    <Modal label={title} onCancel={cancel}>
      <form className="sign-form" onSubmit={sign}>
        <h2>{title}</h2>
        <p className="sign-meaning">{request.meaning}</p>
        <p className="hint">{SIGNATURE_WORDS}</p>
        {clinicians.length === 0 ? (
          <p role="alert" className="warning">
            {byClinician
              ? "No clinician is on the room's staff list, so nobody can sign this yet. An admin adds a clinician, with their personal PIN, under Admin, Staff."
              : "Nobody on the room's staff list may sign this yet. An admin adds people, with their personal PINs, under Admin, Staff."}
          </p>
        ) : (
          <>
            <label>
              {byClinician ? 'Clinician' : 'Signed by'}
              <select
                value={signer}
                onChange={(e) => setSigner(e.target.value)}
                {...(clinicians.length > 1 ? { 'data-autofocus': true } : {})}
              >
                {clinicians.map((c) => (
                  <option key={c.id} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              PIN
              <PinInput
                ref={pinInput}
                value={pin}
                onValue={setPin}
                {...(clinicians.length === 1 ? { 'data-autofocus': true } : {})}
              />
            </label>
            {firstPin && <FirstPinFields person={signer} value={pinAgain} onValue={setPinAgain} />}
          </>
        )}
        {refusal && (
          <p role="alert" className="error">
            {refusal.message}
          </p>
        )}
        <div className="modal-actions">
          <button type="submit" disabled={busy || clinicians.length === 0} aria-keyshortcuts="Enter">
            Sign <kbd>Enter</kbd>
          </button>
          <button type="button" onClick={cancel} disabled={busy} aria-keyshortcuts="Escape">
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
