import type { Handlers, RoomApi } from '../room-api';
import { roomInfo } from '../room-info';
import { RoomError } from '../pure/errors';
import { PIN_PATTERN, PIN_REFUSED } from '../admin/pin';
import { sameName } from '../pure/staff/permissions';
import type { StaffEntry } from '../settings/schema';
import { newStaffId, STAFF_PIN_PATTERN, STAFF_PIN_RULE } from './accounts';
import type { StaffAdminView } from './view';

type StaffMethods =
  'completeSetup' | 'switchRecorder' | 'changeOwnPin' | 'getStaffAdmin' | 'saveStaffMember' | 'removeStaffMember';

/** The first-run setup, who is recording, each person's own PIN, and the admin's staff list. */
export function staffHandlers(room: RoomApi): Pick<Handlers, StaffMethods> {
  const adminView = (): StaffAdminView => ({ staff: room.staff.views(), log: room.staffLog.recent() });

  return {
    completeSetup: async ({ adminPin, clinicName, timeZone, clinicianName, clinicianPin, clinicianPinAgain }) => {
      if (room.admin.status().pinSet || room.staff.hasClinician()) {
        throw new RoomError(
          'already_set_up',
          'This room is already set up. An admin changes its settings and staff under Admin.',
        );
      }
      // Everything is checked before anything is written: a refused setup leaves the room as it was.
      if (!PIN_PATTERN.test(adminPin)) throw new RoomError('invalid_pin', PIN_REFUSED);
      if (!STAFF_PIN_PATTERN.test(clinicianPin))
        throw new RoomError('invalid_pin', `${STAFF_PIN_RULE} Choose the clinician's PIN of digits only, at least 6.`);
      if (clinicianPin !== clinicianPinAgain)
        throw new RoomError('pin_mismatch', "The clinician's two PINs are not the same. Type the PIN twice.");
      if (clinicianPin === adminPin)
        throw new RoomError('pin_shared', "The clinician's personal PIN must not be the admin PIN: choose another.");
      const clinician: StaffEntry = { id: newStaffId(), name: clinicianName, role: 'clinician' };
      const staff = [...room.settings.get().staff.filter((s) => !sameName(s.name, clinicianName)), clinician];
      room.settings.validate({ clinicName, clinicTimeZone: timeZone, staff });
      room.settings.update({ clinicName, clinicTimeZone: timeZone, staff });
      room.staffLog.write({
        actor: `${clinicianName} (first-run setup)`,
        action: 'added',
        subject: clinicianName,
        detail: 'clinician',
      });
      await room.staff.setPinByAdmin(clinician, clinicianPin, `${clinicianName} (first-run setup)`);
      await room.admin.setPin(adminPin);
      await room.staff.switchRecorder({ signer: clinicianName, pin: clinicianPin });
      return roomInfo(room);
    },

    switchRecorder: async ({ name, pin, pinAgain }) => {
      if (room.settings.get().staff.length === 0) {
        throw new RoomError(
          'no_staff',
          'No one is on the staff list yet: an admin adds the staff, each with their PIN, under Admin, Staff.',
        );
      }
      const before = room.staff.recorder();
      const person = await room.staff.switchRecorder({ signer: name, pin, pinAgain });
      const active = room.activeSessionId();
      // A change of who records is part of the session's record (a sitter's shift ends, another begins).
      if (active && before?.id !== person.id) {
        room.record(active, {
          kind: 'recorder_changed',
          occurredAt: room.clock.now(),
          author: person.name,
          authorRole: person.role,
          payload: { name: person.name, role: person.role },
        });
      }
      return roomInfo(room);
    },

    changeOwnPin: async ({ name, pin, newPin, newPinAgain }) => {
      if (newPin !== newPinAgain)
        throw new RoomError('pin_mismatch', 'The two new PINs are not the same. Type the new PIN twice.');
      await room.staff.changeOwnPin(name, pin, newPin);
      return null;
    },

    getStaffAdmin: ({ adminKey }) => {
      room.admin.require(adminKey);
      return adminView();
    },

    saveStaffMember: async ({ adminKey, id, name, role, pin, changedBy }) => {
      room.admin.require(adminKey);
      const staff = room.settings.get().staff;
      const before = id ? staff.find((s) => s.id === id) : undefined;
      if (id && !before)
        throw new RoomError('no_such_person', 'That person is no longer on the staff list. Reload the staff list.');
      if (!before && !pin)
        throw new RoomError(
          'pin_needed',
          `Give ${name} a first PIN (${STAFF_PIN_RULE.replace(/^A personal PIN is /, '').replace(/\.$/, '')}): they change it to their own later.`,
        );
      if (pin && !STAFF_PIN_PATTERN.test(pin))
        throw new RoomError('invalid_pin', `${STAFF_PIN_RULE} Type digits only, at least 6.`);
      const person: StaffEntry = { id: before?.id ?? newStaffId(), name, role };
      const next = before ? staff.map((s) => (s.id === person.id ? person : s)) : [...staff, person];
      room.settings.update({ staff: next });
      if (!before) room.staffLog.write({ actor: changedBy, action: 'added', subject: name, detail: role });
      else {
        if (before.name !== name)
          room.staffLog.write({ actor: changedBy, action: 'renamed', subject: name, detail: `was ${before.name}` });
        if (before.role !== role)
          room.staffLog.write({
            actor: changedBy,
            action: 'role_changed',
            subject: name,
            detail: `${before.role} to ${role}`,
          });
      }
      if (pin) await room.staff.setPinByAdmin(person, pin, changedBy);
      return adminView();
    },

    removeStaffMember: ({ adminKey, id, changedBy }) => {
      room.admin.require(adminKey);
      const staff = room.settings.get().staff;
      const person = staff.find((s) => s.id === id);
      if (!person)
        throw new RoomError('no_such_person', 'That person is no longer on the staff list. Reload the staff list.');
      room.settings.update({ staff: staff.filter((s) => s.id !== id) });
      room.staff.forget(person);
      room.staffLog.write({ actor: changedBy, action: 'removed', subject: person.name, detail: person.role });
      return adminView();
    },
  };
}
