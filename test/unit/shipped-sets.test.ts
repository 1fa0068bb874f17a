import fs from 'node:fs';
import path from 'node:path';
import { parseFile } from 'music-metadata';
import { describe, expect, it } from 'vitest';
import { RISE_FLAG_LU } from '../../main/core/loudness/rise';
import { parseMusicSet, phaseDurations, PHASES, type MusicSet } from '../../main/core/music/set-format';
import * as recipes from '../../scripts/music-recipes.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const PLAYLISTS = path.join(root, 'playlists');
const MUSIC = path.join(root, 'assets', 'music');
/** An mp3 is whole frames (72 ms at 8 kHz) plus the encoder's delay: its length reads up to ~0.2 s over the samples made. */
const MP3_SLACK_SEC = 0.25;

const shipped = (): { file: string; set: MusicSet }[] =>
  fs
    .readdirSync(PLAYLISTS)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((file) => {
      const result = parseMusicSet(fs.readFileSync(path.join(PLAYLISTS, file), 'utf8'), file);
      if (!result.ok) throw new Error(result.errors.join('\n'));
      return { file, set: result.set };
    });

const withoutLoudness = (set: MusicSet) =>
  PHASES.map((p) => set.phases[p].map(({ loudness: _loudness, ...track }) => track));

describe('the shipped music sets (playlists/)', () => {
  it('ships at least two valid sets, each named after its id', () => {
    const sets = shipped();
    expect(sets.length).toBeGreaterThanOrEqual(2);
    for (const { file, set } of sets) expect(file).toBe(`${set.id}.json`);
  });

  it('covers every phase of a long session, with the margin the admin sees', () => {
    for (const { set } of shipped()) {
      const totals = phaseDurations(set);
      expect(
        PHASES.filter((p) => totals[p] < recipes.PHASE_COVER_MINUTES[p] * 60).map((p) => `${set.id}/${p}`),
      ).toEqual([]);
    }
  });

  it('is exactly what `npm run make-music` writes (the recipes and the files agree)', () => {
    for (const { set } of shipped()) {
      const recipe = recipes.SETS.find((s) => s.id === set.id);
      expect(recipe, `no recipe makes ${set.id}`).toBeDefined();
      const made = parseMusicSet(
        JSON.stringify(recipes.setFile(recipe!, recipes.setTracks(recipe!))),
        `${set.id}.json`,
      );
      if (!made.ok) throw new Error(made.errors.join('\n'));
      expect(withoutLoudness(set)).toEqual(withoutLoudness(made.set));
      expect(set.name).toBe(made.set.name);
    }
  });

  it('has every track measured (npm run analyze), so each plays at the room loudness, and none rises suddenly', () => {
    for (const { set } of shipped()) {
      for (const phase of PHASES) {
        for (const track of set.phases[phase]) {
          expect(track.loudness, `${set.id}/${track.file} is not measured`).toBeDefined();
          expect(track.loudness!.maxShortTermRiseLu, `${set.id}/${track.file} rises suddenly`).toBeLessThan(
            RISE_FLAG_LU,
          );
          expect(track.loudness!.truePeakDbtp).toBeLessThanOrEqual(-1);
        }
      }
    }
  });

  it("has each track's audio file, as long as its set says, where the music has been made", async (ctx) => {
    if (!fs.existsSync(path.join(MUSIC, '.recipe.json'))) {
      console.log('skipped: the shipped music has not been made here (npm run make-music needs sox)');
      ctx.skip('assets/music not made: sox missing');
    }
    for (const { set } of shipped()) {
      for (const phase of PHASES) {
        for (const track of set.phases[phase]) {
          const meta = await parseFile(path.join(MUSIC, track.file), { duration: false });
          expect(meta.format.sampleRate, track.file).toBe(recipes.SAMPLE_RATE);
          const over = (meta.format.duration ?? 0) - track.durationSec;
          expect(
            over,
            `${track.file}: ${meta.format.duration} s in the file, ${track.durationSec} s in ${set.id}.json`,
          ).toBeGreaterThanOrEqual(0);
          expect(over, track.file).toBeLessThan(MP3_SLACK_SEC);
        }
      }
    }
  });
});
