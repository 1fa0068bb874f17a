import { describe, expect, it } from 'vitest';
import { spreadLabels } from '../../renderer/src/ui/label-layout';

describe('threshold labels on the vitals chart', () => {
  it('keeps labels that do not collide where they are', () => {
    expect(spreadLabels([100, 20, 60], 14, 0, 200)).toEqual([100, 20, 60]);
  });

  it('moves close labels apart by at least the gap, keeping their order', () => {
    const ys = spreadLabels([50, 46, 48, 120], 14, 0, 200);
    const sorted = [...ys].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(14);
    expect(ys[1]).toBeLessThan(ys[2]!);
    expect(ys[2]).toBeLessThan(ys[0]!);
    expect(ys[3]).toBe(120);
  });

  it('stays inside the chart when labels crowd its bottom or top', () => {
    const ys = spreadLabels([175, 176, 177], 14, 14, 176);
    expect(Math.max(...ys)).toBe(176);
    expect(Math.min(...ys)).toBe(176 - 28);
    expect(spreadLabels([-5], 14, 14, 176)).toEqual([14]);
  });
});
