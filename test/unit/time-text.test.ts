import { describe, expect, it } from 'vitest';
import { clockText, durationText, elapsedText, untilText } from '../../main/core/pure/time-text';

/** The room's two ways of writing a length, defined side by side: what the clocks and the music list show. */
describe('time text', () => {
  it('writes how long until something as a length of time, never as a clock time', () => {
    const MIN = 60_000;
    expect(untilText(29 * MIN)).toBe('in 29 min');
    expect(untilText(28 * MIN + 1)).toBe('in 29 min');
    expect(untilText(69 * MIN)).toBe('in 1 h 9 min');
    expect(untilText(120 * MIN)).toBe('in 2 h');
    expect(untilText(59_000)).toBe('in under 1 min');
  });

  it('a track length reads m:ss under an hour and h:mm:ss from an hour', () => {
    expect(durationText(0)).toBe('0:00');
    expect(durationText(309)).toBe('5:09');
    expect(durationText(3600 + 65)).toBe('1:01:05');
    expect(durationText(-4)).toBe('0:00');
  });

  it('time since the dose reads h:mm:ss on the session clock, mm:ss under an hour beside an entry', () => {
    expect(elapsedText(309_999)).toBe('0:05:09');
    expect(elapsedText(309_999, false)).toBe('05:09');
    expect(elapsedText((3600 + 65) * 1000, false)).toBe('1:01:05');
    expect(elapsedText(-1000)).toBe('0:00:00');
  });

  it("a clock time is written in the zone it is given, and in the computer's own for null", () => {
    const t = Date.UTC(2026, 10, 22, 17, 40);
    expect(clockText(t, 'UTC')).toBe('17:40');
    expect(clockText(t, 'America/Los_Angeles')).toBe('09:40');
    expect(clockText(t, 'Asia/Kolkata')).toBe('23:10');
    const d = new Date(t);
    expect(clockText(t, null)).toBe(
      `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`,
    );
  });
});
