export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal: string;
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};
export const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Whether a figure meets a goal stated as "<= n" or ">= n"; null for a goal that is not a bound ("reference", "measured"). */
export function goalMet(f: Pick<Figure, 'value' | 'goal'>): boolean | null {
  const bound = /^(<=|>=)\s*(-?[\d.]+)$/.exec(f.goal.trim());
  if (!bound) return null;
  const limit = Number(bound[2]);
  return bound[1] === '<=' ? f.value <= limit : f.value >= limit;
}
