import { z } from 'zod';

/** Alert thresholds, CLINICAL.md section 3. Editable by the clinic; these are the shipped defaults. */
export const thresholdsSchema = z
  .object({
    preDoseBp: z.object({ systolic: z.number().int().min(80).max(250), diastolic: z.number().int().min(40).max(150) }),
    bpWarning: z.object({ systolic: z.number().int().min(80).max(300), diastolic: z.number().int().min(40).max(200) }),
    bpUrgent: z.object({ systolic: z.number().int().min(80).max(300), diastolic: z.number().int().min(40).max(200) }),
    /** Low blood pressure, by the systolic value: below `warning` a warning, below `urgent` urgent. */
    bpLow: z.object({ warning: z.number().int().min(60).max(140), urgent: z.number().int().min(50).max(130) }),
    /** Outside low-high a warning; below urgentLow or above urgentHigh urgent. */
    heartRate: z.object({
      high: z.number().int().min(60).max(250),
      low: z.number().int().min(20).max(100),
      urgentLow: z.number().int().min(20).max(100),
      urgentHigh: z.number().int().min(60).max(250),
    }),
    spo2: z.object({ warning: z.number().min(70).max(100), urgent: z.number().min(70).max(100) }),
    /** Outside low-high a warning; below urgentLow urgent. */
    respiratoryRate: z.object({
      low: z.number().int().min(2).max(30),
      high: z.number().int().min(10).max(80),
      urgentLow: z.number().int().min(2).max(30),
    }),
    moaas: z.object({ warning: z.number().int().min(0).max(5), urgent: z.number().int().min(0).max(5) }),
  })
  .superRefine((t, ctx) => {
    const problem = thresholdsProblem(t);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export type Thresholds = z.infer<typeof thresholdsSchema>;

/**
 * Sources (settings/sources.ts names them in the admin settings): Spravato label (pre-dose BP 140/90); Del Sant 2020
 * transient hypertension SBP > 180 / DBP > 110; Aldrete SpO2 boundaries 92/90; ASA moderate sedation guidelines 2018 for
 * the urgent respiratory and sedation levels (RR below 8, MOAA/S 2 or less); low BP 90/80 and the urgent heart rates
 * 40/140 are clinic conventions.
 */
export const DEFAULT_THRESHOLDS: Thresholds = {
  // The same as the pure DOSING_LIMIT_BP, which the screens use when they are not told the clinic's own.
  preDoseBp: { systolic: 140, diastolic: 90 },
  bpWarning: { systolic: 180, diastolic: 110 },
  bpUrgent: { systolic: 200, diastolic: 120 },
  bpLow: { warning: 90, urgent: 80 },
  heartRate: { high: 120, low: 50, urgentLow: 40, urgentHigh: 140 },
  spo2: { warning: 92, urgent: 90 },
  respiratoryRate: { low: 10, high: 30, urgentLow: 8 },
  moaas: { warning: 3, urgent: 2 },
};

/** The first way these thresholds contradict themselves, as a sentence; null when they fit together. */
export function thresholdsProblem(t: Thresholds): string | null {
  if (t.bpUrgent.systolic <= t.bpWarning.systolic || t.bpUrgent.diastolic <= t.bpWarning.diastolic)
    return `The urgent blood pressure (${t.bpUrgent.systolic}/${t.bpUrgent.diastolic}) must be above the warning one (${t.bpWarning.systolic}/${t.bpWarning.diastolic}). Raise the urgent threshold or lower the warning one.`;
  if (t.preDoseBp.systolic > t.bpWarning.systolic || t.preDoseBp.diastolic > t.bpWarning.diastolic)
    return `The pre-dose blood pressure limit (${t.preDoseBp.systolic}/${t.preDoseBp.diastolic}) cannot be above the warning one (${t.bpWarning.systolic}/${t.bpWarning.diastolic}). Lower it.`;
  if (t.bpLow.urgent >= t.bpLow.warning)
    return `The urgent low systolic blood pressure (${t.bpLow.urgent}) must be below the low warning one (${t.bpLow.warning}). Lower the urgent threshold.`;
  if (t.bpLow.warning >= t.preDoseBp.systolic)
    return `The low blood pressure warning (systolic ${t.bpLow.warning}) must be below the pre-dose limit (${t.preDoseBp.systolic}). Lower it.`;
  if (t.spo2.urgent >= t.spo2.warning)
    return `The urgent SpO2 (${t.spo2.urgent}%) must be below the warning one (${t.spo2.warning}%). Lower the urgent threshold.`;
  if (t.moaas.urgent >= t.moaas.warning)
    return `The urgent MOAA/S (${t.moaas.urgent}) must be below the warning one (${t.moaas.warning}). Lower the urgent threshold.`;
  if (t.heartRate.low >= t.heartRate.high)
    return `The low heart rate limit (${t.heartRate.low}) must be below the high one (${t.heartRate.high}).`;
  if (t.heartRate.urgentLow >= t.heartRate.low)
    return `The urgent low heart rate (${t.heartRate.urgentLow}) must be below the low warning one (${t.heartRate.low}). Lower the urgent threshold.`;
  if (t.heartRate.urgentHigh <= t.heartRate.high)
    return `The urgent high heart rate (${t.heartRate.urgentHigh}) must be above the high warning one (${t.heartRate.high}). Raise the urgent threshold.`;
  if (t.respiratoryRate.low >= t.respiratoryRate.high)
    return `The low respiratory rate limit (${t.respiratoryRate.low}) must be below the high one (${t.respiratoryRate.high}).`;
  if (t.respiratoryRate.urgentLow >= t.respiratoryRate.low)
    return `The urgent low respiratory rate (${t.respiratoryRate.urgentLow}) must be below the low warning one (${t.respiratoryRate.low}). Lower the urgent threshold.`;
  return null;
}
