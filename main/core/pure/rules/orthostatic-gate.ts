import type { SessionState } from '../session/fold';
import { presetRules } from '../discharge/rules';
import { isRecent, staleText, tPlus, type EvidenceWindow } from './recent';
import { clockText } from '../time-text';
import { ORTHOSTATIC_RECHECK_MIN, ORTHOSTATIC_RULE, orthostaticHold, orthostaticText } from '../care/orthostatic';
import { latestOrthostatic } from '../care/state';

// The condition's label is its row in the conditions table (pure/discharge/conditions.ts).

/**
 * The discharge gate's orthostatic condition (CLINICAL.md section 12), for a route whose preset asks for it: the latest pair
 * taken after the last dose decides. A pair that fails holds the discharge, with its sentence naming the values, until a new
 * pair passes; one that passes counts while it is inside the evidence window. Null for a route without the check.
 */
export function orthostaticCondition(
  state: SessionState,
  w: EvidenceWindow | null,
  zone: string | null,
): { met: boolean; evidence: string | null; missing: string; hold: string | null } | null {
  if (!presetRules(state.preset).orthostaticCheck) return null;
  const none = 'an orthostatic check after the last dose: BP and heart rate lying, then standing';
  if (!w) return { met: false, evidence: null, missing: none, hold: null };
  const latest = latestOrthostatic(state.care, w.lastDoseAt);
  if (!latest) return { met: false, evidence: null, missing: none, hold: null };
  const evidence = `${orthostaticText(latest)}, at ${tPlus(w, latest.at)} by ${latest.author}`;
  const hold = orthostaticHold(latest);
  if (hold) {
    return {
      met: false,
      evidence,
      missing: `an orthostatic re-check that passes (${ORTHOSTATIC_RULE}), due at ${clockText(latest.at + ORTHOSTATIC_RECHECK_MIN * 60_000, zone)}`,
      hold,
    };
  }
  if (!isRecent(w, latest.at))
    return {
      met: false,
      evidence,
      missing: staleText(w, 'the orthostatic check', latest.at, 'check again lying and standing'),
      hold: null,
    };
  return { met: true, evidence, missing: '', hold: null };
}
