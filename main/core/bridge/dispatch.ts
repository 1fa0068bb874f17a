import type { z } from 'zod';
import { METHODS, type MethodName } from '../contract/channels';
import { contract, type Envelope } from '../contract/contract';
import { RoomError } from '../pure/errors';
import type { Handlers } from '../room-api';

export const isMethod = (name: string): name is MethodName => (METHODS as readonly string[]).includes(name);

/** One sentence from a schema failure: the field's own message, which says what to do. */
/** "patientRef" -> "The patient ref"; a list position reads as "item 3". */
function fieldWords(path: readonly PropertyKey[]): string {
  const words = path
    .map((p) =>
      typeof p === 'number'
        ? `item ${p + 1}`
        : String(p)
            .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
            .toLowerCase(),
    )
    .join(', ');
  return words ? `The ${words}` : 'A value';
}

export function describeInvalid(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request was not valid. Try again.';
  if (issue.code === 'unrecognized_keys')
    return `The request had fields this room does not know (${issue.keys.join(', ')}). Update the app.`;
  const field = issue.path.join('.');
  // A schema without its own sentence answers in zod's words ("Too big: expected string to have <=40 characters"): say it plainly.
  if (/^(Too big|Too small|Invalid)\b/.test(issue.message)) {
    const what = fieldWords(issue.path);
    if (issue.code === 'too_big')
      return `${what} is too long or too large (at most ${String(issue.maximum)}). Shorten or correct it, and try again.`;
    if (issue.code === 'too_small')
      return `${what} is too short or too small (at least ${String(issue.minimum)}). Correct it, and try again.`;
    return `${what} is not valid. Check it, and try again.`;
  }
  const message = issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
  return /^[A-Z]/.test(message) ? message : `${field ? `${field}: ` : ''}${message}`;
}

/**
 * The one entry for every transport: validate the arguments against the contract before any room code
 * runs, call the method, and answer an envelope. Unexpected failures are logged here and answered with a
 * sentence, never a stack trace.
 */
export async function dispatch(
  handlers: Handlers,
  method: string,
  rawArgs: unknown,
  log: (msg: string) => void = console.error,
): Promise<Envelope<unknown>> {
  if (!isMethod(method))
    return {
      ok: false,
      error: { code: 'unknown_method', message: `This room does not offer "${method}". Update the app.` },
    };
  const parsed = contract[method].args.safeParse(rawArgs ?? {});
  if (!parsed.success)
    return { ok: false, error: { code: 'invalid_arguments', message: describeInvalid(parsed.error) } };
  try {
    const handler = handlers[method] as (args: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof RoomError) return { ok: false, error: { code: err.code, message: err.message } };
    log(`room: ${method} failed: ${(err as Error)?.stack ?? String(err)}`);
    return {
      ok: false,
      error: {
        code: 'internal',
        message:
          'That could not be saved because of an error in the app. Nothing already recorded was lost; try again, and tell the clinic admin if it repeats.',
      },
    };
  }
}
