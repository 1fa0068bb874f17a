import { personText, SWITCH_KEY, useRoomStaff } from './room-staff';

/**
 * Who is recording, always in sight once the room has a staff list: "Recording: Sam (sitter)", or that nobody is and
 * the key to say who. "Switch person" (Alt+S) takes the next person's PIN.
 */
export function RecorderLine() {
  const { staff, recorder, openSwitch } = useRoomStaff();
  if (staff.length === 0) return null;
  return (
    <div className="recorder" role="group" aria-label="Who is recording">
      <span className="recorder-now" role="status">
        {recorder ? `Recording: ${personText(recorder)}` : `Nobody is recording: press ${SWITCH_KEY.key} to say who is`}
      </span>
      <button type="button" aria-keyshortcuts={SWITCH_KEY.key} onClick={openSwitch}>
        Switch person <kbd>{SWITCH_KEY.key}</kbd>
      </button>
    </div>
  );
}
