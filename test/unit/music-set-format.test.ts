import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatMusicSet,
  MAX_SET_FILE_BYTES,
  parseMusicSet,
  phaseDurations,
  setFileSizeProblem,
  type MusicSet,
} from '../../main/core/music/set-format';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/music-sets');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const errorsOf = (name: string, text = read(name)): string[] => {
  const result = parseMusicSet(text, name);
  if (result.ok) throw new Error(`${name} was accepted`);
  return result.errors;
};
const validSet = (): MusicSet => {
  const result = parseMusicSet(read('valid.json'), 'valid.json');
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.set;
};

describe('music set format: a valid set', () => {
  it('reads every field, with the tracks in order and loudness where given', () => {
    const set = validSet();
    expect(set).toMatchObject({
      format: 'session-room/music-set',
      version: 1,
      id: 'evening-tide',
      name: 'Evening Tide',
    });
    expect(set.phases.onset.map((t) => t.title)).toEqual(['Drift', 'Low Tide']);
    expect(set.phases.onset[1]).toEqual({
      file: 'evening-tide/low tide (long).flac',
      title: 'Low Tide',
      artist: '',
      durationSec: 1200,
      loudness: { integratedLufs: -23.1, truePeakDbtp: -6.4, maxShortTermRiseLu: 3.2 },
    });
    expect(set.phases.after).toEqual([]);
  });

  it("totals each phase's duration in seconds", () => {
    expect(phaseDurations(validSet())).toEqual({ settling: 600, onset: 2100.5, peak: 1800, return: 2400, after: 0 });
  });

  it('writes a set that reads back the same, and accepts a byte-order mark', () => {
    const set = validSet();
    const text = formatMusicSet(set);
    expect(parseMusicSet(text, 'copy.json')).toEqual({ ok: true, set });
    expect(parseMusicSet(`\uFEFF${text}`, 'copy.json')).toEqual({ ok: true, set });
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'version', 'id', 'name', 'description', 'phases']);
  });

  it('reads a missing description as empty and drops fields it does not know', () => {
    const data = JSON.parse(read('valid.json'));
    delete data.description;
    data.colour = 'blue';
    data.phases.peak[0].mood = 'open';
    const result = parseMusicSet(JSON.stringify(data), 'valid.json');
    expect(result.ok && result.set.description).toBe('');
    expect(result.ok && Object.keys(result.set.phases.peak[0]!)).toEqual(['file', 'title', 'artist', 'durationSec']);
    expect(result.ok && 'colour' in result.set).toBe(false);
  });
});

describe('music set format: broken files are refused with a sentence that names the file, the place and what to do', () => {
  it('malformed JSON: the line and column', () => {
    expect(errorsOf('malformed.json')).toEqual([
      `malformed.json: the text is not valid JSON at line 5, column 10 (expected ':' after the name but found '"'). Fix it in a text editor, or export the set again.`,
    ]);
  });

  it('malformed JSON: a file cut short, and a trailing comma', () => {
    expect(errorsOf('cut.json', '{\n  "format": "session-room/music-set",\n  "phases": {')).toEqual([
      'cut.json: the text is not valid JSON at line 3, column 14 (expected a name in double quotes but found the end of the text). Fix it in a text editor, or export the set again.',
    ]);
    expect(errorsOf('comma.json', '{"a": [1, 2,]}')[0]).toContain(
      'comma.json: the text is not valid JSON at line 1, column 13 (',
    );
    expect(errorsOf('empty.json', '')[0]).toBe(
      'empty.json: the text is not valid JSON at line 1, column 1 (the text ends where a value was expected). Fix it in a text editor, or export the set again.',
    );
  });

  it('a track with no file: the track and phase, counted from 1', () => {
    expect(errorsOf('missing-file.json')).toEqual([
      "missing-file.json: track 3 of 'peak' has no file. Give it the audio file's name inside the music library, or remove the track.",
    ]);
  });

  it('an unknown phase, and the phase it replaced', () => {
    expect(errorsOf('unknown-phase.json')).toEqual([
      `unknown-phase.json: the set has no 'return' phase. Add "return": [] (a phase may be empty), with its tracks in order.`,
      "unknown-phase.json: the set has a phase 'comedown' that Session Room does not know. The phases are settling, onset, peak, return and after: rename it to one of them or remove it.",
    ]);
  });

  it('a missing phase', () => {
    expect(errorsOf('missing-phase.json')).toEqual([
      `missing-phase.json: the set has no 'return' phase. Add "return": [] (a phase may be empty), with its tracks in order.`,
    ]);
  });

  it('paths that escape the library: .., absolute, drive letter, backslash, URL, NUL', () => {
    const fix = "Give the file's path inside the music library, such as 'my-set/track-01.mp3', or remove the track.";
    expect(errorsOf('escaping-path.json')).toEqual([
      `escaping-path.json: track 1 of 'settling' has a file, '../../etc/passwd', that climbs out of its folder with '..'. ${fix}`,
      `escaping-path.json: track 2 of 'settling' has a file, '/home/clinic/music/a.mp3', that is an absolute path (it starts with '/'). ${fix}`,
      `escaping-path.json: track 3 of 'settling' has a file, 'C:/Music/b.mp3', that starts with a drive letter or a URL scheme. ${fix}`,
      `escaping-path.json: track 4 of 'settling' has a file, 'night-drones\\\\c.mp3', that uses a backslash ('\\'); separate folders with '/'. ${fix}`,
      `escaping-path.json: track 5 of 'settling' has a file, 'file:///etc/hosts', that starts with a drive letter or a URL scheme. ${fix}`,
      `escaping-path.json: track 6 of 'settling' has a file, 'night-drones/d.mp3\\u0000.txt', that contains a NUL character. ${fix}`,
      `escaping-path.json: track 7 of 'settling' has a file, 'night-drones/../../e.mp3', that climbs out of its folder with '..'. ${fix}`,
    ]);
  });

  it('wrong types, empty text and absurd durations and loudness, all listed at once', () => {
    expect(errorsOf('wrong-types.json')).toEqual([
      "wrong-types.json: the set has an id, 'Night Drones', that is not lowercase letters, digits and '-'. Use an id such as 'night-drones'.",
      'wrong-types.json: the set has a name that is not text (found a number). Give it a name a person will recognise, such as "Night Drones".',
      `wrong-types.json: the set has a 'settling' phase that is not a list of tracks (found text). Write it as "settling": [ ...tracks ].`,
      `wrong-types.json: track 1 of 'onset' is not a track (found text). Write it as {"file": ..., "title": ..., "artist": ..., "durationSec": ...}, or remove it.`,
      "wrong-types.json: track 2 of 'onset' has a file that is not text (found a number). Give it the audio file's name inside the music library, or remove the track.",
      `wrong-types.json: track 2 of 'onset' has an artist that is not text (found null). Give it an artist (it may be empty: ""), or remove the track.`,
      "wrong-types.json: track 2 of 'onset' has a durationSec that is not a number (found text). Give its length in seconds, such as 312.5, or remove the track.",
      "wrong-types.json: track 3 of 'onset' has an empty title. Give it a title, or remove the track.",
      "wrong-types.json: track 3 of 'onset' has a durationSec of -30; a track lasts more than 0 seconds and at most 43200 (12 hours). Give its length in seconds, or remove the track.",
      "wrong-types.json: track 4 of 'onset' has a durationSec of 1000000000; a track lasts more than 0 seconds and at most 43200 (12 hours). Give its length in seconds, or remove the track.",
      "wrong-types.json: track 5 of 'onset' has a loudness integratedLufs of 12, outside -70 to 0 LUFS. Measure the track again, or remove its loudness.",
      "wrong-types.json: track 5 of 'onset' has a loudness truePeakDbtp that is not a number (found text). Measure the track again, or remove its loudness.",
    ]);
  });

  it('a newer version: says which version this app reads', () => {
    expect(errorsOf('newer-version.json')).toEqual([
      'newer-version.json: the set is written in version 2 of the music set format, and this version of Session Room reads version 1. Update Session Room on this computer, or export the set again from a room that writes version 1.',
    ]);
  });

  it('an unknown or missing version, another format, and a set with no tracks at all', () => {
    const set = JSON.parse(read('valid.json'));
    expect(errorsOf('v0.json', JSON.stringify({ ...set, version: 0 }))).toEqual([
      'v0.json: the set has "version": 0, which is not a version of the format; this version of Session Room reads version 1. Add "version": 1 if the set was written for it, or export the set again.',
    ]);
    expect(errorsOf('nov.json', JSON.stringify({ ...set, version: undefined }))[0]).toBe(
      'nov.json: the set has no "version"; this version of Session Room reads version 1. Add "version": 1 if the set was written for it, or export the set again.',
    );
    expect(errorsOf('not-a-set.json')).toEqual([
      'not-a-set.json: this is not a Session Room music set (it has no "format"; a music set says "format": "session-room/music-set"). Choose a music set file exported from Session Room.',
    ]);
    expect(errorsOf('list.json', '[]')[0]).toBe(
      'list.json: this is not a Session Room music set (the file holds a list, not an object with "format": "session-room/music-set"). Choose a music set file exported from Session Room.',
    );
    const empty = { ...set, phases: { settling: [], onset: [], peak: [], return: [], after: [] } };
    expect(errorsOf('empty-set.json', JSON.stringify(empty))).toEqual([
      'empty-set.json: the set has no tracks in any phase. Add tracks to at least one phase.',
    ]);
  });

  it('a huge file is refused before parsing, with its size', () => {
    const set = JSON.parse(read('valid.json'));
    const track = set.phases.peak[0];
    set.phases.peak = Array.from({ length: 1 }, () => track);
    set.description = 'x'.repeat(2.5 * 1024 * 1024);
    const text = JSON.stringify(set);
    expect(text.length).toBeGreaterThan(MAX_SET_FILE_BYTES);
    const expected =
      'huge.json: the file is 2.5 MB; a music set file may be at most 2.0 MB. Check that this is a music set file (audio files are imported separately), or split the set into smaller ones.';
    expect(errorsOf('huge.json', text)).toEqual([expected]);
    // Refused before parsing: even text that is not JSON at all gets the size message.
    expect(errorsOf('huge.json', '{'.repeat(MAX_SET_FILE_BYTES + 1))[0]).toContain('huge.json: the file is 2.0 MB');
    expect(setFileSizeProblem(text.length, 'huge.json')).toBe(expected);
    expect(setFileSizeProblem(MAX_SET_FILE_BYTES, 'ok.json')).toBeNull();
  });

  it('many problems: the first 20 are listed, then a count', () => {
    const set = JSON.parse(read('valid.json'));
    set.phases.peak = Array.from({ length: 25 }, (_, i) => ({ title: `T${i}`, artist: '', durationSec: 60 }));
    const errors = errorsOf('many.json', JSON.stringify(set));
    expect(errors).toHaveLength(21);
    expect(errors[19]).toBe(
      "many.json: track 20 of 'peak' has no file. Give it the audio file's name inside the music library, or remove the track.",
    );
    expect(errors[20]).toBe('many.json: 5 more problems like these. Fix the ones above, then open the file again.');
  });
});
