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
