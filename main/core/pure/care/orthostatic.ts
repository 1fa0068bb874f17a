/**
 * The orthostatic check before discharge (CLINICAL.md section 12): blood pressure and heart rate lying, then standing. A fall
 * of 20 systolic or 10 diastolic, a rise of 30 in heart rate, or dizziness or lightheadedness on standing holds the discharge
 * until a new pair passes (the consensus definition of orthostatic hypotension, Freeman et al. 2011). A route preset turns it
 * on (`orthostaticCheck`: on for IV and IM by default).
 */
import { VITAL_SIGNS } from '../observations/vitals';

/** A fall of this much systolic on standing holds the discharge (Freeman 2011: 20 mmHg). */
export const ORTHOSTATIC_SYSTOLIC_FALL = 20;
/** A fall of this much diastolic (Freeman 2011: 10 mmHg). */
export const ORTHOSTATIC_DIASTOLIC_FALL = 10;
/** A rise of this much in heart rate (Freeman 2011, for the postural tachycardia it defines: 30 beats a minute). */
export const ORTHOSTATIC_HEART_RATE_RISE = 30;
/** A held discharge is re-checked this many minutes later (clinic convention). */
export const ORTHOSTATIC_RECHECK_MIN = 10;

export interface PostureReading {
  systolic: number;
  diastolic: number;
  heartRate: number;
}
export interface OrthostaticPair {
  lying: PostureReading;
  standing: PostureReading;
  /** Dizziness or lightheadedness reported on standing. */
  symptoms: boolean;
}

/** The rule in words, as the gate names it. */
export const ORTHOSTATIC_RULE = `standing, a fall under ${ORTHOSTATIC_SYSTOLIC_FALL} systolic and ${ORTHOSTATIC_DIASTOLIC_FALL} diastolic, a rise under ${ORTHOSTATIC_HEART_RATE_RISE} in heart rate, and no dizziness or lightheadedness`;

const bp = (r: PostureReading) => `${r.systolic}/${r.diastolic}`;
const and = (parts: string[]) =>
  parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;

/** What the pair shows against the rule: each finding that holds the discharge, in words; none when it passes. */
export function orthostaticFindings(p: OrthostaticPair): string[] {
  const systolicFall = p.lying.systolic - p.standing.systolic;
  const diastolicFall = p.lying.diastolic - p.standing.diastolic;
  const rise = p.standing.heartRate - p.lying.heartRate;
  const findings: string[] = [];
  const falls = [
    ...(systolicFall >= ORTHOSTATIC_SYSTOLIC_FALL ? [`${systolicFall} systolic`] : []),
    ...(diastolicFall >= ORTHOSTATIC_DIASTOLIC_FALL ? [`${diastolicFall} diastolic`] : []),
  ];
  if (falls.length) findings.push(`BP fell ${falls.join(' and ')} (${bp(p.lying)} lying, ${bp(p.standing)} standing)`);
  if (rise >= ORTHOSTATIC_HEART_RATE_RISE)
    findings.push(`heart rate rose ${rise} (${p.lying.heartRate} lying, ${p.standing.heartRate} standing)`);
  if (p.symptoms) findings.push('dizziness or lightheadedness was reported');
  return findings;
}

/**
 * The sentence that holds the discharge, naming the values: "Standing BP fell 24 systolic (132/80 lying, 108/76 standing):
 * hold discharge and re-check in 10 minutes." Null when the pair passes.
 */
export function orthostaticHold(p: OrthostaticPair): string | null {
  const findings = orthostaticFindings(p);
  if (!findings.length) return null;
  const lead = /^(BP|heart rate)/.test(findings[0]!) ? 'Standing ' : 'On standing, ';
  return `${lead}${and(findings)}: hold discharge and re-check in ${ORTHOSTATIC_RECHECK_MIN} minutes.`;
}

/** "132/80 HR 72 lying, 128/78 HR 80 standing": the pair in the record's words. */
export const orthostaticText = (p: OrthostaticPair) =>
  `${bp(p.lying)} HR ${p.lying.heartRate} lying, ${bp(p.standing)} HR ${p.standing.heartRate} standing${p.symptoms ? '; dizziness or lightheadedness reported' : '; no dizziness'}`;

/** The first reason the readings cannot be right, as a sentence naming the position and the field; null when they can. */
export function orthostaticProblem(p: { lying: PostureReading; standing: PostureReading }): string | null {
  for (const [position, r] of [
    ['Lying', p.lying],
    ['Standing', p.standing],
  ] as const) {
    for (const field of ['systolic', 'diastolic', 'heartRate'] as const) {
      const value = r[field];
      const sign = VITAL_SIGNS[field];
      if (!Number.isFinite(value) || value < sign.min || value > sign.max) {
        return `${position} ${sign.label[0]!.toLowerCase()}${sign.label.slice(1)} ${value} ${sign.unit} is not a possible reading (${sign.min}-${sign.max}). Check for a typing error.`;
      }
    }
    if (r.systolic <= r.diastolic)
      return `${position}: systolic ${r.systolic} is not above diastolic ${r.diastolic}. Check they are not swapped.`;
  }
  return null;
}
