import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Phase } from '../../main/core/pure/timeline/timeline';

export interface TestTrack {
  /** Name of the file in <data>/music/player-test/. */
  name: string;
  title: string;
  durationSec: number;
  frequencyHz?: number;
  /** 'missing': listed in the set, never written. 'garbage': written, but not audio. */
  kind?: 'tone' | 'missing' | 'garbage';
}

export const TEST_SET_ID = 'player-test';

/**
 * A clinic music set of short generated tones in a data folder (<data>/music and <data>/sets), and the
 * room's music settings, written before the host starts, as an admin's import would leave them.
 */
export function writeMusicRoom(
  dataDir: string,
  phases: Record<Phase, TestTrack[]>,
  music: Record<string, unknown>,
): void {
  const library = path.join(dataDir, 'music', TEST_SET_ID);
  fs.mkdirSync(library, { recursive: true });
  fs.mkdirSync(path.join(dataDir, 'sets'), { recursive: true });
  for (const tracks of Object.values(phases)) {
    for (const t of tracks) {
      const file = path.join(library, t.name);
      if (t.kind === 'missing') continue;
      if (t.kind === 'garbage')
        fs.writeFileSync(file, Buffer.from('this is not audio at all, just words in a file '.repeat(200)));
      else {
        // A soft sine with short fades, by sox (already needed to make the shipped music).
        const d = String(t.durationSec);
        execFileSync('sox', [
          '-n',
          '-r',
          '22050',
          '-c',
          '1',
          '-b',
          '16',
          file,
          'synth',
          d,
          'sine',
          String(t.frequencyHz ?? 220),
          'vol',
          '0.2',
          'fade',
          '0.2',
          d,
          '0.2',
        ]);
      }
    }
  }
  const set = {
    format: 'session-room/music-set',
    version: 1,
    id: TEST_SET_ID,
    name: 'Player test tones',
    description: 'Short generated tones for the player tests.',
    phases: Object.fromEntries(
      Object.entries(phases).map(([phase, tracks]) => [
        phase,
        tracks.map((t) => ({
          file: `${TEST_SET_ID}/${t.name}`,
          title: t.title,
          artist: 'Test',
          durationSec: t.durationSec,
        })),
      ]),
    ),
  };
  fs.writeFileSync(path.join(dataDir, 'sets', `${TEST_SET_ID}.json`), JSON.stringify(set, null, 2));
  fs.writeFileSync(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({ music: { defaultSetId: TEST_SET_ID, ...music } }, null, 2),
  );
}
