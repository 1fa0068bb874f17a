import { VITAL_SIGNS, VITALS_FIELDS, type VitalsValues } from './vitals';

/** A coded observation as a monitor sends it (HL7 v2 OBX-3 and OBX-6: identifier, text, coding system). */
export interface DeviceCoding {
  id: string;
  text: string;
  system: string;
}

/** Which vital sign of the registry a monitor's observation is, by its MDC or LOINC code; null when none is. */
export function deviceVitalSign(c: DeviceCoding): keyof VitalsValues | null {
  const system = c.system.trim().toUpperCase();
  const id = c.id.trim();
  // Some gateways send MDC codes as partition::term (2::19384); the numeric code is partition * 65536 + term.
  const pair = /^(\d+)::(\d+)$/.exec(id);
  const numeric = pair ? Number(pair[1]) * 65536 + Number(pair[2]) : /^\d+$/.test(id) ? Number(id) : NaN;
  for (const field of VITALS_FIELDS) {
    const device = VITAL_SIGNS[field].device;
    if (!device) continue;
    if (system === 'LN' || system === 'LOINC') {
      if (device.loinc.includes(id)) return field;
      continue;
    }
    if (device.mdc.some((m) => m.code === numeric || m.refid === id || (id === '' && m.refid === c.text.trim())))
      return field;
  }
  return null;
}

/** The unit a monitor gave, accepted for this sign (its MDC unit code, reference id or UCUM form), or a sentence why not. */
export function deviceUnitProblem(field: keyof VitalsValues, unit: DeviceCoding): string | null {
  const device = VITAL_SIGNS[field].device;
  const given = [unit.id.trim(), unit.text.trim()].filter((u) => u !== '');
  if (!device || given.some((u) => device.units.includes(u))) return null;
  const sign = VITAL_SIGNS[field];
  return `${sign.label} came in "${given.join(' ') || 'no unit'}", not ${sign.unit}: the reading was not recorded.`;
}
