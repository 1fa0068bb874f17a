import { z } from 'zod';
import {
  againstAdviceSchema,
  attestationSchema,
  checklistAnswerSchema,
  driverConfirmedSchema,
  driverDetailsSchema,
  remsAnswersSchema,
  remsFiledSchema,
} from '../discharge/schemas';
import { EXPORT_FORMATS } from '../pure/report/formats';
import { AGAINST_ADVICE_NOTHING_DONE, attestationProblem } from '../pure/discharge/attestations';
import { checklistNeedsReason } from '../pure/discharge/checklist';
import { optionalSignatureFields, person, sessionId, signatureFields } from './fields';

/** Argument schemas of the discharge and record methods; contract.ts names each with its result type. */

const author = person('person recording');

export const dischargeArgs = {
  answerChecklist: z
    .object({ sessionId, author })
    .extend(checklistAnswerSchema.shape)
    .strict()
    .refine((a) => !checklistNeedsReason(a.answer) || (a.reason ?? '') !== '', {
      message: 'Say why this item is answered "no" or skipped.',
      path: ['reason'],
    }),
  recordDriver: z.object({ sessionId, author }).extend(driverDetailsSchema.shape).strict(),
  confirmDriver: z
    .object({ sessionId, author: person('staff member confirming the driver') })
    .extend(driverConfirmedSchema.shape)
    .strict(),
  attest: z
    .object({ sessionId, author, ...optionalSignatureFields })
    .extend(attestationSchema.shape)
    .strict()
    .superRefine((a, ctx) => {
      const problem = attestationProblem(a.item, a.answer, a.note);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  answerRems: z.object({ sessionId, answers: remsAnswersSchema, author, ...optionalSignatureFields }).strict(),
  /** Discharge is the discharging clinician's signature. */
  discharge: z.object({ sessionId, ...signatureFields }).strict(),
  recordLeftAgainstAdvice: z
    .object({ sessionId, ...signatureFields })
    .extend(againstAdviceSchema.shape)
    .strict()
    .refine((a) => a.actions.length > 0 || (a.note ?? '').trim() !== '', {
      message: AGAINST_ADVICE_NOTHING_DONE,
      path: ['actions'],
    }),
  /** `reason`: for a session with no dose, why it closes ("BP above 140/90: dose withheld"). */
  closeSession: z
    .object({
      sessionId,
      author,
      reason: z.string().trim().max(500, 'The reason can be at most 500 characters.').optional(),
    })
    .strict(),
  /** The REMS form filed with the REMS (the date, online or by fax), by the person recording: an addendum on the ended session. */
  markRemsFiled: z.object({ sessionId, author }).extend(remsFiledSchema.shape).strict(),
  /** Where each Spravato session's REMS form stands (filed, complete, missing answers) and its days left; without ids, the last 30 days'. */
  listRemsForms: z
    .object({ sessionIds: z.array(sessionId).max(500, 'Ask for at most 500 sessions at once.').optional() })
    .strict(),
  saveReportPdf: z.object({ sessionId }).strict(),
  exportSession: z
    .object({
      sessionId,
      format: z.enum(EXPORT_FORMATS, {
        error: 'Choose an export: event log (JSON), observations (CSV), vitals (CSV) or FHIR bundle.',
      }),
    })
    .strict(),
};

export interface SavedFile {
  fileName: string;
  /** Where the room wrote it, on this machine. */
  path: string;
  bytes: number;
  /** Where the page downloads it from (the browser room); null where the file is only on this machine. */
  url: string | null;
}
