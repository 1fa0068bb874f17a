import { VITAL_SIGNS, VITALS_FIELDS } from '../pure/observations/vitals';
import type { EntryRecord } from '../pure/session/fold';
import type { SessionReport } from '../pure/report/model';

/**
 * CSV by hand: RFC 4180 quoting is a few lines, and a spreadsheet's formula guard has to be ours either way.
 * A text cell that starts with = + - @ (or a tab or carriage return) is prefixed with ' so no spreadsheet runs it.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const iso = (t: number) => new Date(t).toISOString();
const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);
const amendmentCells = (r: SessionReport['entries'][number]) => [
  r.status,
  r.amendment?.reason ?? null,
  r.amendment?.by ?? null,
];

/** Observations, scores and check-ins: one row each, struck and corrected ones kept and marked. */
export function observationsCsv(report: SessionReport): string {
  const header = [
    'seq',
    'occurred_at',
    't_plus_min',
    'recorded_at',
    'author',
    'kind',
    'tags',
    'text',
    'scale',
    'score',
    'description',
    'status',
    'amendment_reason',
    'amended_by',
  ];
  const rows = report.entries
    .filter((r) => r.kind !== 'vitals')
    .map((r) => {
      const e = r.entry as Exclude<EntryRecord, { kind: 'vitals' }>;
      const tags = e.kind === 'observation' ? e.payload.tags.join('; ') : null;
      const text =
        e.kind === 'observation' ? (e.payload.text ?? null) : e.kind === 'check_in' ? (e.payload.note ?? null) : null;
      const scale = e.kind === 'score' ? e.payload.content.scale : null;
      const score =
        e.kind === 'score'
          ? e.payload.content.scale === 'moaas'
            ? e.payload.content.score
            : e.payload.content.items.reduce((s, i) => s + i.answer, 0)
          : null;
      return [
        r.seq,
        iso(r.at),
        minutes(r.tPlusMs),
        iso(r.recordedAt),
        r.author,
        r.kind,
        tags,
        text,
        scale,
        score,
        r.text,
        ...amendmentCells(r),
      ];
    });
  return toCsv(header, rows);
}

/** Vitals: one row per set, each sign in its own column. */
export function vitalsCsv(report: SessionReport): string {
  const header = [
    'seq',
    'occurred_at',
    't_plus_min',
    'recorded_at',
    'author',
    'pre_dose',
    ...VITALS_FIELDS.map((f) => VITAL_SIGNS[f].csvColumn),
    'alerts',
    'status',
    'amendment_reason',
    'amended_by',
  ];
  const rows = report.entries.flatMap((r) => {
    if (r.entry.kind !== 'vitals') return [];
    const { values, preDose, alerts } = r.entry.payload;
    return [
      [
        r.seq,
        iso(r.at),
        minutes(r.tPlusMs),
        iso(r.recordedAt),
        r.author,
        preDose ? 'yes' : 'no',
        ...VITALS_FIELDS.map((f) => values[f]),
        alerts.map((a) => a.message).join(' | ') || null,
        ...amendmentCells(r),
      ],
    ];
  });
  return toCsv(header, rows);
}
