import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../main/core/bridge/dispatch';
import { ManualClock } from '../../main/core/clock';
import { playbackGainDb } from '../../main/core/music/library';
import { openRoom } from '../../main/core/open-room';
import type { Envelope } from '../../main/core/contract/contract';
import type { MusicLibraryView } from '../../main/core/pure/music/view';
import { tempDataDir } from '../support/host-process';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/music-sets');

function write(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

const shippedSet = (id: string, name: string) =>
  JSON.stringify({
    format: 'session-room/music-set',
    version: 1,
    id,
    name,
    phases: {
      settling: [{ file: `${id}/settling 01.mp3`, title: 'Arriving', artist: 'Session Room', durationSec: 600 }],
      onset: [],
      peak: [
        {
          file: `${id}/peak-01.mp3`,
          title: 'Open Water',
          artist: 'Session Room',
          durationSec: 700,
          loudness: { integratedLufs: -24, truePeakDbtp: -8, maxShortTermRiseLu: 12.5 },
        },
      ],
      return: [],
      after: [],
    },
  });

/** A room with one shipped set (one of its two files generated), the fixture clinic set, and broken clinic files. */
async function library(): Promise<MusicLibraryView> {
  const appDir = tempDataDir('room-app-');
  const dataDir = tempDataDir();
  write(path.join(appDir, 'playlists', 'still-water.json'), shippedSet('still-water', 'Still Water'));
  write(path.join(appDir, 'assets', 'music', 'still-water', 'settling 01.mp3'), 'mp3 bytes');
  fs.copyFileSync(
    path.join(FIXTURES, 'valid.json'),
    path.join(fs.mkdirSync(path.join(dataDir, 'sets'), { recursive: true })!, 'evening-tide.json'),
  );
  write(path.join(dataDir, 'music', 'evening-tide', 'drift.ogg'), 'ogg bytes');
  write(path.join(dataDir, 'sets', 'broken.json'), fs.readFileSync(path.join(FIXTURES, 'missing-file.json')));
  write(path.join(dataDir, 'sets', 'copy.json'), shippedSet('still-water', 'Still Water (copy)'));
  write(path.join(dataDir, 'sets', 'notes.txt'), 'not a set: ignored');
  const room = openRoom({
    dataDir,
    clock: new ManualClock(0),
    settingsBackend: null,
    music: { appDir, mediaUrl: (p) => `test://media/${p.split('/').map(encodeURIComponent).join('/')}` },
  });
  const env = (await dispatch(room.handlers, 'listMusicSets', {}, () => {})) as Envelope<MusicLibraryView>;
  room.db.close();
  if (!env.ok) throw new Error(env.error.message);
  return env.value;
}

describe('listMusicSets: the sets the player and the admin choose from', () => {
  it('lists the shipped sets first, then the clinic sets from <data>/sets', async () => {
    const view = await library();
    expect(view.sets.map((s) => [s.id, s.source])).toEqual([
      ['still-water', 'shipped'],
      ['evening-tide', 'clinic'],
    ]);
    expect(view.sets[1]!.phases.onset.map((t) => t.title)).toEqual(['Drift', 'Low Tide']);
  });

  it('gives each track its key, its address from the injected mediaUrl, and whether its file is in a library folder', async () => {
    const [still, tide] = (await library()).sets;
    expect(still!.phases.settling[0]).toEqual({
      key: 'still-water/settling/0',
      file: 'still-water/settling 01.mp3',
      title: 'Arriving',
      artist: 'Session Room',
      durationSec: 600,
      url: 'test://media/still-water/settling%2001.mp3',
      gainDb: null,
      riseFlagged: false,
      available: true,
    });
    expect(still!.phases.peak[0]).toMatchObject({ key: 'still-water/peak/0', available: false });
    expect(tide!.phases.onset.map((t) => t.available)).toEqual([true, false]);
  });

  it('plays a measured track at the target loudness and flags a sudden rise', async () => {
    const peak = (await library()).sets[0]!.phases.peak[0]!;
    // -20 LUFS target from -24 LUFS: +4 dB, which keeps the -8 dBTP peak under -1 dBTP.
    expect(peak).toMatchObject({ gainDb: 4, riseFlagged: true });
  });

  it('reports each broken set file and a reused id as sentences naming the file and what to do, and still lists the rest', async () => {
    const { problems } = await library();
    expect(problems).toEqual([
      "broken.json: track 3 of 'peak' has no file. Give it the audio file's name inside the music library, or remove the track.",
      "The set 'Still Water (copy)' has the id 'still-water', already used by 'Still Water'; only the first is offered. Give the clinic set its own id.",
    ]);
  });
});

describe('playback gain', () => {
  it('brings a track to the target, but never pushes its true peak above -1 dBTP', () => {
    expect(playbackGainDb(undefined, -20)).toBeNull();
    expect(playbackGainDb({ integratedLufs: -26, truePeakDbtp: -10, maxShortTermRiseLu: 0 }, -20)).toBe(6);
    expect(playbackGainDb({ integratedLufs: -26, truePeakDbtp: -3, maxShortTermRiseLu: 0 }, -20)).toBe(2);
    expect(playbackGainDb({ integratedLufs: -14, truePeakDbtp: -0.5, maxShortTermRiseLu: 0 }, -20)).toBe(-6);
  });
});
