import type { Timeline } from '@core/pure/timeline/timeline';
import type { EntryRecord, MarkRecord } from '@core/pure/session/fold';
import { describeEntry } from '@core/pure/session/describe';
import { useClock } from './clock';

const MIN = 60_000;
const WIDTH = 1000;
const ROW = 26;
const MARK_LABEL: Record<MarkRecord['kind'], string> = {
  peak_reached: 'Peak reached',
  returning: 'Returning',
  infusion_ended: 'Infusion ended',
};

/** The whole arc for the route: each phase a min-max band, the earliest discharge, the marks, and a now-line. */
export function ArcChart({
  timeline,
  marks,
  entries = [],
  slotMin,
  now,
}: {
  timeline: Timeline;
  marks: MarkRecord[];
  entries?: EntryRecord[];
  slotMin?: number | undefined;
  now: number;
}) {
  const clock = useClock();
  const { bands, firstDoseAt, earliestDischargeAt } = timeline;
  if (!bands || firstDoseAt === null || earliestDischargeAt === null) return null;
  const start = firstDoseAt - 5 * MIN;
  const end =
    Math.max(earliestDischargeAt, bands.effectsEnd.to, slotMin ? firstDoseAt + slotMin * MIN : 0, now) + 10 * MIN;
  const x = (t: number) => ((t - start) / (end - start)) * WIDTH;
  const rows = [
    { label: 'Onset', span: bands.onset, cls: 'band-onset' },
    { label: 'Expected peak window', span: bands.peak, cls: 'band-peak' },
    { label: 'Main effects end', span: bands.effectsEnd, cls: 'band-end' },
  ];
  const ticks: number[] = [];
  for (let t = firstDoseAt; t <= end; t += 30 * MIN) ticks.push(t);
  const height = ROW * (rows.length + 2) + 20;
  const nowX = x(Math.min(Math.max(now, start), end));
  const minutes = (t: number) => Math.round((t - firstDoseAt) / MIN);

  return (
    <svg
      className="arc"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`Session arc, now at ${minutes(now)} minutes after the first dose`}
    >
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={0} y2={height - 16} className="tick" />
          <text x={x(t) + 3} y={height - 4} className="tick-label">
            {minutes(t)} min
          </text>
        </g>
      ))}
      {rows.map((row, i) => (
        <g
          key={row.label}
          role="img"
          aria-label={`${row.label}: ${minutes(row.span.from)} to ${minutes(row.span.to)} min`}
        >
          <rect
            x={x(row.span.from)}
            y={i * ROW + 4}
            width={Math.max(3, x(row.span.to) - x(row.span.from))}
            height={ROW - 8}
            className={row.cls}
            rx={4}
          />
          <text x={Math.min(x(row.span.to) + 6, WIDTH - 170)} y={i * ROW + ROW / 2 + 5} className="band-label">
            {row.label}
          </text>
        </g>
      ))}
      <g
        role="img"
        aria-label={`Earliest discharge at ${clock(earliestDischargeAt)}, ${minutes(earliestDischargeAt)} min`}
      >
        <rect
          x={x(earliestDischargeAt)}
          y={rows.length * ROW + 4}
          width={Math.max(3, WIDTH - x(earliestDischargeAt))}
          height={ROW - 8}
          className="band-discharge"
          rx={4}
        />
        <text
          x={Math.min(x(earliestDischargeAt) + 6, WIDTH - 170)}
          y={rows.length * ROW + ROW / 2 + 5}
          className="band-label"
        >
          Earliest discharge
        </text>
      </g>
      {marks.map((m) => (
        <g key={m.seq} role="img" aria-label={`${MARK_LABEL[m.kind]} at ${clock(m.at)}`}>
          <line x1={x(m.at)} x2={x(m.at)} y1={0} y2={height - 16} className="mark-line" />
          <text x={x(m.at) + 3} y={(rows.length + 1) * ROW + 14} className="mark-label">
            {MARK_LABEL[m.kind]}
          </text>
        </g>
      ))}
      <g className="entry-markers">
        {entries
          .filter((e) => !e.struck && !e.correctedBy && e.at >= start)
          .map((e) => (
            <g key={e.seq} role="img" aria-label={`Marker: ${describeEntry(e)} at ${clock(e.at)}`}>
              <circle
                cx={x(e.at)}
                cy={(rows.length + 1) * ROW + 2}
                r={e.kind === 'vitals' ? 4 : 3}
                className={`marker-${e.kind}`}
              />
            </g>
          ))}
      </g>
      <g role="img" aria-label="Now line" data-x={nowX.toFixed(1)}>
        <line x1={nowX} x2={nowX} y1={0} y2={height - 16} className="now-line" />
      </g>
    </svg>
  );
}
