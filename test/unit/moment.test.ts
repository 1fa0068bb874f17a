import { describe, expect, it } from 'vitest';
import { DISCHARGE_NEAR_MS, momentOf } from '../../renderer/src/room/moment';

const MIN = 60_000;
const T = Date.UTC(2026, 10, 22, 10, 0);

describe('which screen the session shows', () => {
  it('before the dose: the before-the-dose screen, whatever was chosen', () => {
    expect(momentOf(false, null, T, null)).toBe('before');
    expect(momentOf(false, null, T, { moment: 'discharge', whenNear: false })).toBe('before');
  });

  it('the discharge screen opens by itself once the earliest discharge is 15 minutes away, not before', () => {
    expect(DISCHARGE_NEAR_MS).toBe(15 * MIN);
    expect(momentOf(true, T + 16 * MIN, T, null)).toBe('session');
    expect(momentOf(true, T + 15 * MIN, T, null)).toBe('discharge');
    expect(momentOf(true, T - 5 * MIN, T, null)).toBe('discharge');
  });

  it("the sitter's key wins: back to the session near discharge, or the discharge screen early", () => {
    expect(momentOf(true, T + 5 * MIN, T, { moment: 'session', whenNear: true })).toBe('session');
    expect(momentOf(true, T + 60 * MIN, T, { moment: 'discharge', whenNear: false })).toBe('discharge');
  });

  it('a choice made long before the discharge gives way when it comes near: the discharge screen still opens by itself', () => {
    const choice = { moment: 'session', whenNear: false } as const;
    expect(momentOf(true, T + 60 * MIN, T, choice)).toBe('session');
    expect(momentOf(true, T + 60 * MIN, T + 46 * MIN, choice)).toBe('discharge');
  });
});
