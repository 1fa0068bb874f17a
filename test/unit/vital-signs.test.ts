import { describe, expect, it } from 'vitest';
import { dispatch } from '../../main/core/bridge/dispatch';
import { ALERT_SIGNALS, VITAL_SIGNS, VITALS_FIELDS, vitalsProblem } from '../../main/core/pure/observations/vitals';
import { VITAL_SIGN_CODES } from '../../main/core/report/fhir';
import { vitalsCsv } from '../../main/core/report/csv';
import { buildReport } from '../../main/core/pure/report/model';
import { testRoom } from '../support/discharge-session';
import { sign } from '../support/staff';

/** Item 13: one definition per vital sign feeds the bounds, the CSV, FHIR and the alert signals. */
describe('13. the vital-sign registry', () => {
  it('every sign of the registry has its bounds, CSV column and LOINC code where the record is written', async () => {
    const t = testRoom();
    const id = await t.dosedSession('im', 60);
    const header = vitalsCsv(buildReport(t.room.sessions.events(id), t.clock.now())).split('\r\n')[0] ?? '';
    for (const f of VITALS_FIELDS) {
      const sign = VITAL_SIGNS[f];
      expect(header.split(',')).toContain(sign.csvColumn);
      expect(VITAL_SIGN_CODES[f]).toEqual(sign.fhir);
      expect(vitalsProblem({ [f]: sign.max + 1 })).toBe(`${sign.label} ${sign.max + 1} ${sign.unit} is not a possible reading (${sign.min}-${sign.max}). Check for a typing error.`);
      expect(ALERT_SIGNALS).toContain(sign.signal);
      // Each sign raises its alerts by its own rule in the registry; blood pressure by the pair's.
      expect(sign.alert !== null || sign.signal === 'bp', f).toBe(true);
    }
  });

  it('the bridge takes an alert signal only from the one list', async () => {
    const t = testRoom();
    const id = await t.dosedSession('im', 60);
    const env = await dispatch(t.room.handlers, 'acknowledgeAlert', { sessionId: id, targetSeq: 1, signal: 'temperature', author: 'Dr Kim', ...sign('Dr Kim') }, () => {});
    expect(env.ok).toBe(false);
  });
});
