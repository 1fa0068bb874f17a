import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { StaffAdminView, StaffLogLine, StaffView } from '@core/staff/view';
import { PERMISSIONS, STAFF_ROLES, type StaffRole } from '@core/pure/staff/permissions';
import { clockText } from '@core/pure/time-text';
import { call, RoomCallError } from '../bridge/bridge';
import { dateText } from '../ui/format';
import { useClock, useClockZone } from '../ui/clock';
import { PinInput } from '../staff/PinInput';

const ACTION_WORDS: Record<string, string> = {
  added: 'added',
  renamed: 'renamed',
  role_changed: 'changed the role of',
  removed: 'removed',
  pin_set: 'set the first PIN of',
  pin_reset: 'reset the PIN of',
  pin_changed: 'changed the PIN of',
  locked: 'locked',
};
/** "reset the PIN of Sam (PIN reset by an admin)": a staff log line's what, in words. */
const logWords = (line: StaffLogLine) =>
  `${ACTION_WORDS[line.action] ?? line.action.replace(/_/g, ' ')} ${line.subject}${line.detail ? ` (${line.detail})` : ''}`;

type Editing = { id: string; kind: 'change' | 'pin' | 'remove' };

const NO_CLINICIAN = 'No clinician is listed now: no dose or discharge can be signed until one is added.';

/**
 * Admin, Staff: each person on the room's staff list with their role, whether they have a PIN (never the PIN), and any
 * lock after wrong PINs. The admin adds a person with their first PIN, changes a name or role, resets a PIN or removes
 * someone; each change names the admin in the staff log, shown below with every lock.
 */
export function StaffAdmin({
  adminKey,
  onLocked,
  changedBy,
  onChangedBy,
}: {
  adminKey: string;
  onLocked: () => void;
  /** The admin's name, kept by the admin area across its tabs. */
  changedBy: string;
  onChangedBy: (name: string) => void;
}) {
  const [view, setView] = useState<StaffAdminView | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const zone = useClockZone();
  /** A log line's date and time, in the clinic's time zone. */
  const when = (t: number) => `${dateText(t, zone)} ${clockText(t, zone)}`;

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof RoomCallError && err.code === 'admin_locked') onLocked();
      setMessage({ ok: false, text: (err as Error).message });
    },
    [onLocked],
  );
  useEffect(() => {
    call('getStaffAdmin', { adminKey }).then(setView).catch(failed);
  }, [adminKey, failed]);

  /** Runs one change; true once the room saved it. The admin's name is asked for first: the staff log records it. */
  const change = async (done: string, act: (by: string) => Promise<StaffAdminView>): Promise<boolean> => {
    const by = changedBy.trim();
    if (!by) {
      setMessage({ ok: false, text: 'Enter your name first: the staff log records who made each change.' });
      return false;
    }
    try {
      const saved = await act(by);
      setView(saved);
      setEditing(null);
      // A change that leaves no clinician says so in its own answer: no one could sign a dose or a discharge.
      const clinicianLeft = saved.staff.some((s) => s.role === 'clinician');
      setMessage({ ok: true, text: clinicianLeft ? done : `${done} ${NO_CLINICIAN}` });
      return true;
    } catch (err) {
      failed(err);
      return false;
    }
  };

  if (!view)
    return message ? (
      <p role="alert" className="error">
        {message.text}
      </p>
    ) : (
      <div aria-busy="true" />
    );
  const noClinician = !view.staff.some((s) => s.role === 'clinician');
  return (
    <section className="admin-section staff-admin" aria-label="Staff">
      <h3>Staff</h3>
      <p className="hint">
        Each person has a personal PIN of 6 to 12 digits: they switch in with it to record (Alt+S), and a clinician
        signs with it. Only a clinician may{' '}
        {Object.values(PERMISSIONS)
          .filter((p) => (p.roles as readonly StaffRole[]).every((r) => r === 'clinician'))
          .map((p) => p.what)
          .join('; ')}
        . A clinician, therapist or sitter signs the rescue check before the first patient of the day. Everyone may
        record observations, vitals, scores, check-ins, orthostatic checks and follow-up calls.
      </p>
      <label className="changed-by">
        Your name, for the staff log
        <input value={changedBy} onChange={(e) => onChangedBy(e.target.value)} required aria-required="true" />
      </label>
      {noClinician && (
        <p className="warning" role="status">
          No clinician is listed: no dose can be recorded until one is added.
        </p>
      )}
      {view.staff.length === 0 ? (
        <p className="hint">No one is listed yet.</p>
      ) : (
        <table aria-label="Staff list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>PIN</th>
              <th>Locked until</th>
              <th>Changes</th>
            </tr>
          </thead>
          <tbody>
            {view.staff.map((person) => (
              <StaffRow
                key={person.id}
                person={person}
                editing={editing?.id === person.id ? editing.kind : null}
                onEdit={(kind) => setEditing(kind ? { id: person.id, kind } : null)}
                change={change}
                adminKey={adminKey}
              />
            ))}
          </tbody>
        </table>
      )}
      <AddPerson adminKey={adminKey} change={change} />
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'saved' : 'error'}>
          {message.text}
        </p>
      )}
      <h4>Staff log</h4>
      {view.log.length === 0 ? (
        <p className="hint">Nothing in the staff log yet.</p>
      ) : (
        <table aria-label="Staff log">
          <thead>
            <tr>
              <th>Time</th>
              <th>Who</th>
              <th>What</th>
            </tr>
          </thead>
          <tbody>
            {view.log.map((line, i) => (
              <tr key={`${line.at}-${i}`}>
                <td>{when(line.at)}</td>
                <td>{line.actor}</td>
                <td>{logWords(line)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type Change = (done: string, act: (by: string) => Promise<StaffAdminView>) => Promise<boolean>;

function StaffRow({
  person,
  editing,
  onEdit,
  change,
  adminKey,
}: {
  person: StaffView;
  editing: Editing['kind'] | null;
  onEdit: (kind: Editing['kind'] | null) => void;
  change: Change;
  adminKey: string;
}) {
  const [name, setName] = useState(person.name);
  const [role, setRole] = useState<StaffRole>(person.role);
  const [pin, setPin] = useState('');
  const clock = useClock();
  /** A name or role changed, or (with `pin`) only the PIN reset, the name and role kept as they are. */
  const save = (reset?: { pin: string }) => (by: string) =>
    call('saveStaffMember', {
      adminKey,
      id: person.id,
      name: reset ? person.name : name,
      role: reset ? person.role : role,
      ...(reset ?? {}),
      changedBy: by,
    });

  return (
    <>
      <tr>
        <td>{person.name}</td>
        <td>{person.role}</td>
        <td>{person.hasPin ? 'PIN set' : 'no PIN yet'}</td>
        <td>{person.lockedUntil > 0 ? clock(person.lockedUntil) : ''}</td>
        <td className="row">
          <button
            type="button"
            aria-label={`Change the name or role of ${person.name}`}
            aria-expanded={editing === 'change'}
            onClick={() => onEdit(editing === 'change' ? null : 'change')}
          >
            Name or role
          </button>
          <button
            type="button"
            aria-label={`Reset PIN for ${person.name}`}
            aria-expanded={editing === 'pin'}
            onClick={() => onEdit(editing === 'pin' ? null : 'pin')}
          >
            Reset PIN
          </button>
          <button
            type="button"
            aria-label={`Remove ${person.name}`}
            aria-expanded={editing === 'remove'}
            onClick={() => onEdit(editing === 'remove' ? null : 'remove')}
          >
            Remove
          </button>
        </td>
      </tr>
      {editing && (
        <tr className="staff-edit">
          <td colSpan={5}>
            {editing === 'change' && (
              <form
                aria-label={`Change ${person.name}`}
                className="row"
                onSubmit={(e: FormEvent) => {
                  e.preventDefault();
                  void change(`${name.trim()} is saved as ${role}.`, save());
                }}
              >
                <label>
                  Name of {person.name}
                  <input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
                </label>
                <label>
                  Role of {person.name}
                  <select value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
                    {STAFF_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit">Save {person.name}</button>
                <button type="button" onClick={() => onEdit(null)}>
                  Cancel
                </button>
              </form>
            )}
            {editing === 'pin' && (
              <form
                aria-label={`Reset PIN for ${person.name}`}
                className="row"
                onSubmit={(e: FormEvent) => {
                  e.preventDefault();
                  const typed = pin;
                  setPin('');
                  void change(
                    `${person.name}'s PIN is reset: give it to them in person; they change it to their own (Alt+S, Change my PIN).`,
                    save({ pin: typed }),
                  );
                }}
              >
                <label>
                  New PIN for {person.name} (6 to 12 digits)
                  <PinInput value={pin} onValue={setPin} autoFocus />
                </label>
                <button type="submit">Save the new PIN for {person.name}</button>
                <button type="button" onClick={() => onEdit(null)}>
                  Cancel
                </button>
              </form>
            )}
            {editing === 'remove' && (
              <div className="row" role="group" aria-label={`Remove ${person.name}?`}>
                <span>
                  Remove {person.name} from the staff list? Their PIN goes with them; what they recorded stays in the
                  records.
                </span>
                <button
                  type="button"
                  onClick={() =>
                    void change(`${person.name} is removed from the staff list.`, (by) =>
                      call('removeStaffMember', { adminKey, id: person.id, changedBy: by }),
                    )
                  }
                  autoFocus
                >
                  Yes, remove {person.name}
                </button>
                <button type="button" onClick={() => onEdit(null)}>
                  Keep {person.name}
                </button>
              </div>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

function AddPerson({ adminKey, change }: { adminKey: string; change: Change }) {
  const [name, setName] = useState('');
  // No role until the admin chooses one: what a person may sign follows from it.
  const [role, setRole] = useState<StaffRole | ''>('');
  const [pin, setPin] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const added = await change(
      `${name.trim()} is added as ${role}, with a first PIN: they change it to their own (Alt+S, Change my PIN).`,
      async (by) => {
        if (!role)
          throw new Error(
            `Choose ${name.trim() || 'the new person'}'s role (${STAFF_ROLES.join(', ').replace(/, (?=[^,]*$)/, ' or ')}), then add them again.`,
          );
        return call('saveStaffMember', { adminKey, id: null, name, role, ...(pin ? { pin } : {}), changedBy: by });
      },
    );
    // The first PIN is never kept on screen; the name stays when the room refused it, to be put right.
    setPin('');
    if (added) {
      setName('');
      setRole('');
    }
  };
  return (
    <form className="row staff-add" aria-label="Add a person" onSubmit={submit}>
      <label>
        New person's name
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        New person's role
        <select value={role} onChange={(e) => setRole(e.target.value as StaffRole | '')}>
          <option value="">Choose a role</option>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        First PIN (6 to 12 digits)
        <PinInput value={pin} onValue={setPin} />
      </label>
      <button type="submit">Add a person</button>
    </form>
  );
}
