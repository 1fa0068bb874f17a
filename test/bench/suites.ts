/** Every bench suite, by the name `npm run bench -- <name>` selects it with; the smoke test runs each of them. */
export const SUITE_NAMES = [
  'session log',
  'renderer start',
  'report',
  'music player',
  'observations keypress',
  'observations kill9',
  'crash to clock',
  'music import',
  'loudness',
  'clinic sync and board',
  'soak',
  'monitor',
] as const;

export type SuiteName = (typeof SUITE_NAMES)[number];
