import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../main/core/settings/schema';

/**
 * WCAG AA for the room's palettes, measured from the stylesheet's own variables: every text colour on every
 * surface it is drawn on, at the darkest, default and brightest brightness setting, in the dim and night palettes.
 */
const css = fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/src/styles.css'), 'utf8');

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`${selector} is not in styles.css`);
  const body = css.slice(start + selector.length + 2, css.indexOf('\n}', start));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

type Rgb = [number, number, number];
/** A variable's colour at a brightness: #rrggbb, or rgb() of `calc(a * var(--brightness) + b)` channels. */
function colour(value: string, brightness: number): Rgb {
  const hex = /^#([0-9a-f]{6})$/i.exec(value);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1]!.slice(i, i + 2), 16)) as Rgb;
  const channels = [...value.matchAll(/calc\(([\d.]+) \* var\(--brightness\) \+ ([\d.]+)\)/g)].map(
    (m) => Number(m[1]) * brightness + Number(m[2]),
  );
  if (channels.length !== 3) throw new Error(`Cannot read the colour ${value}`);
  return channels.map((c) => Math.min(255, c)) as Rgb;
}

const luminance = (rgb: Rgb) => {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
export const contrast = (a: Rgb, b: Rgb) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

const TEXT = ['--text', '--strong', '--dim', '--accent', '--warn', '--urgent'];
const SURFACES = ['--bg', '--panel', '--button', '--pressed'];
/** Every text colour on every plain surface, and the alert boxes' own text. */
const PAIRS: [string, string][] = [
  ...TEXT.flatMap((fg) => SURFACES.map((bg): [string, string] => [fg, bg])),
  ['--text', '--warn-bg'],
  ['--warn', '--warn-bg'],
  ['--dim', '--warn-bg'],
  ['--text', '--urgent-bg'],
  ['--urgent', '--urgent-bg'],
  ['--dim', '--urgent-bg'],
];
const brightness = settingsSchema.shape.themeBrightness.unwrap();
const LEVELS = [brightness.minValue!, 0.7, brightness.maxValue!];

describe('the palettes keep text readable (WCAG AA, 4.5:1)', () => {
  const dim = block(':root');
  const palettes = { dim, night: { ...dim, ...block(":root[data-palette='night']") } };

  it('the brightness setting runs from 0.3 to 1', () => expect(LEVELS).toEqual([0.3, 0.7, 1]));

  for (const [name, vars] of Object.entries(palettes)) {
    it(`${name}: every text colour on every surface, at brightness ${LEVELS.join(', ')}`, () => {
      const below: string[] = [];
      for (const level of LEVELS) {
        for (const [fg, bg] of PAIRS) {
          const ratio = contrast(colour(vars[fg]!, level), colour(vars[bg]!, level));
          if (ratio < 4.5) below.push(`${fg} on ${bg} at ${level}: ${ratio.toFixed(2)}`);
        }
      }
      expect(below).toEqual([]);
    });
  }

  it('the night palette is red-shifted: no surface or text colour gives more green or blue than red', () => {
    const night = { ...dim, ...block(":root[data-palette='night']") };
    for (const v of [...TEXT, ...SURFACES, '--warn-bg', '--urgent-bg', '--focus']) {
      const [r, g, b] = colour(night[v]!, 1);
      expect({ v, redFirst: r >= g && r >= b }).toEqual({ v, redFirst: true });
    }
  });

  it('the measure itself: white on black is 21:1, grey #777 on white is 4.48:1', () => {
    expect(contrast([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 5);
    expect(contrast([0x77, 0x77, 0x77], [255, 255, 255])).toBeCloseTo(4.48, 2);
  });
});
