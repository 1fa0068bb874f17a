import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A short generated tone (sox, as TOOLCHAIN.md lists it), tagged with a title and artist when asked. */
export function makeTone(
  file: string,
  options: { seconds?: number; hz?: number; volume?: number; title?: string; artist?: string } = {},
): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { seconds = 3, hz = 440, volume = 0.2 } = options;
  const comments = [
    ...(options.title ? ['--comment', `Title=${options.title}`] : []),
    ...(options.artist ? ['--comment', `Artist=${options.artist}`] : []),
  ];
  execFileSync(
    'sox',
    [
      '-n',
      '-r',
      '8000',
      '-c',
      '1',
      ...comments,
      file,
      'synth',
      String(seconds),
      'sine',
      String(hz),
      'vol',
      String(volume),
    ],
    { stdio: 'pipe' },
  );
  return file;
}

/** A folder of tones (some with tags, one MP3 and OGG each) plus one broken file and one that is not audio. */
export function makeAudioFolder(
  dir: string,
  count = 4,
): { dir: string; good: string[]; broken: string; notAudio: string } {
  const good: string[] = [];
  for (let i = 1; i <= count; i++) {
    const ext = i === 2 ? 'mp3' : i === 3 ? 'ogg' : 'wav';
    good.push(
      makeTone(path.join(dir, `tone-${String(i).padStart(2, '0')}.${ext}`), {
        seconds: 2 + i,
        hz: 220 * i,
        title: `Tone ${i}`,
        artist: 'Test Bench',
      }),
    );
  }
  const broken = path.join(dir, 'broken.mp3');
  fs.writeFileSync(broken, Buffer.concat([Buffer.from('ID3'), Buffer.alloc(2000, 7)]));
  const notAudio = path.join(dir, 'notes.txt');
  fs.writeFileSync(notAudio, 'playlist ideas');
  return { dir, good, broken, notAudio };
}
