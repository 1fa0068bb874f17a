import { useRef, useState, type FormEvent } from 'react';
import type { RoomInfo } from '@core/contract/contract';
import type { StaffView } from '@core/staff/view';
import { call } from '../bridge/bridge';
import { Modal } from './Modal';
import { personText } from './room-staff';
import { FirstPinFields, PinInput } from './PinInput';

/**
 * "Switch person" (Alt+S): whoever records next proves it with their own PIN (a sitter's change of shift). A person with
 * no PIN yet chooses one here, typed twice. From here each person also changes their own PIN. The PINs go with the dialog.
 */
export function SwitchDialog({
  staff,
  recorderName,
  onSwitched,
  onClose,
}: {
  staff: StaffView[];
  recorderName: string | null;
  onSwitched: (info: RoomInfo) => void;
  onClose: () => void;
}) {
  const [mode, setMode] = useState<'switch' | 'change'>('switch');
  return (
    <Modal label={mode === 'switch' ? 'Switch person' : 'Change my PIN'} onCancel={onClose}>
      {mode === 'switch' ? (
        <SwitchPerson
          staff={staff}
          recorderName={recorderName}
          onSwitched={onSwitched}
          onClose={onClose}
          onChangePin={() => setMode('change')}
        />
      ) : (
        <ChangeOwnPin staff={staff} recorderName={recorderName} onBack={() => setMode('switch')} onClose={onClose} />
      )}
    </Modal>
  );
}

function SwitchPerson({
  staff,
  recorderName,
  onSwitched,
  onClose,
  onChangePin,
}: {
  staff: StaffView[];
  recorderName: string | null;
  onSwitched: (info: RoomInfo) => void;
  onClose: () => void;
  onChangePin: () => void;
}) {
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [refusal, setRefusal] = useState<{ code: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const pinInput = useRef<HTMLInputElement>(null);
  const person = staff.find((s) => s.name === name);
  const firstPin = (person !== undefined && !person.hasPin) || refusal?.code === 'pin_not_set';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!person) {
      setRefusal({ code: 'no_person', message: 'Choose your name from the list, then enter your PIN.' });
      return;
    }
    setBusy(true);
    try {
      onSwitched(await call('switchRecorder', { name: person.name, pin, ...(firstPin ? { pinAgain } : {}) }));
      onClose();
    } catch (err) {
      setRefusal({ code: (err as { code?: string }).code ?? '', message: (err as Error).message });
      setPin('');
      setPinAgain('');
      setBusy(false);
      requestAnimationFrame(() => pinInput.current?.focus());
    }
  };

  return (
    <form className="sign-form" onSubmit={submit}>
      <h2>Switch person</h2>
      <p className="sign-meaning">
        {recorderName ? `${recorderName} is recording now.` : 'Nobody is recording now.'} Whoever records next chooses
        their name and enters their own PIN.
      </p>
      <label>
        Person
        <select value={name} onChange={(e) => setName(e.target.value)} data-autofocus>
          <option value="">Choose your name</option>
          {staff.map((s) => (
            <option key={s.id} value={s.name}>
              {personText(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        PIN
        <PinInput ref={pinInput} value={pin} onValue={setPin} />
      </label>
      {firstPin && <FirstPinFields person={name} value={pinAgain} onValue={setPinAgain} />}
      {refusal && (
        <p role="alert" className="error">
          {refusal.message}
        </p>
      )}
      <div className="modal-actions">
        <button type="submit" disabled={busy}>
          Switch <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={onClose}>
          Cancel <kbd>Esc</kbd>
        </button>
        <button type="button" className="link" onClick={onChangePin}>
          Change my PIN
        </button>
      </div>
    </form>
  );
}

function ChangeOwnPin({
  staff,
  recorderName,
  onBack,
  onClose,
}: {
  staff: StaffView[];
  recorderName: string | null;
  onBack: () => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(() => staff.find((s) => s.name === recorderName)?.name ?? '');
  const [pin, setPin] = useState('');
  const [newPin, setNewPin] = useState('');
  const [newPinAgain, setNewPinAgain] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!name) return setMessage({ ok: false, text: 'Choose your name from the list.' });
    setBusy(true);
    try {
      await call('changeOwnPin', { name, pin, newPin, newPinAgain });
      setMessage({ ok: true, text: `${name}'s PIN is changed: use the new one from now on.` });
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    } finally {
      // Never kept on screen, right or wrong.
      setPin('');
      setNewPin('');
      setNewPinAgain('');
      setBusy(false);
    }
  };

  return (
    <form className="sign-form" onSubmit={submit}>
      <h2>Change my PIN</h2>
      <p className="sign-meaning">
        Your current PIN, then the new one twice (6 to 12 digits). Nobody else, an admin included, ever sees it.
      </p>
      <label>
        Name
        <select value={name} onChange={(e) => setName(e.target.value)} {...(name ? {} : { 'data-autofocus': true })}>
          <option value="">Choose your name</option>
          {staff.map((s) => (
            <option key={s.id} value={s.name}>
              {personText(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Current PIN
        <PinInput value={pin} onValue={setPin} {...(name ? { 'data-autofocus': true } : {})} />
      </label>
      <label>
        New PIN
        <PinInput value={newPin} onValue={setNewPin} />
      </label>
      <label>
        New PIN again
        <PinInput value={newPinAgain} onValue={setNewPinAgain} />
      </label>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'saved' : 'error'}>
          {message.text}
        </p>
      )}
      <div className="modal-actions">
        <button type="submit" disabled={busy}>
          Change PIN <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={onBack}>
          Back to switching person
        </button>
        <button type="button" onClick={onClose}>
          Close <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
