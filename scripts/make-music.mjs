// `npm run make-music`: renders the shipped sets' audio into assets/music/<set>/ (mono mp3, sox) and
// writes playlists/<set>.json to match. Files already made by this recipe version are skipped, so a
// second run takes a moment. The build calls makeMusic() so a fresh clone gets the music once.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BITRATE_KBPS, PHASES, RECIPE_VERSION, SAMPLE_RATE, SETS, setFile, setTracks } from './music-recipes.mjs';
import { renderTrack } from './synth.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MUSIC_DIR = path.join(root, 'assets', 'music');
export const PLAYLISTS_DIR = path.join(root, 'playlists');
const STAMP = path.join(MUSIC_DIR, '.recipe.json');

/** sox encodes: raw 32-bit float mono in, mp3 out; '.9' after the bitrate is lame's fastest quality (3x faster, same size). */
function encode(samples, file) {
  const tmp = `${file}.partial.mp3`;
  return new Promise((resolve, reject) => {
    const sox = spawn(
      'sox',
      [
        '-t',
        'raw',
        '-r',
        String(SAMPLE_RATE),
        '-e',
        'floating-point',
        '-b',
        '32',
        '-c',
        '1',
        '-',
        '-C',
        `${BITRATE_KBPS}.9`,
        tmp,
      ],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    sox.stderr.on('data', (d) => (stderr += d));
    sox.on('error', reject);
    sox.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`sox could not encode ${path.basename(file)}: ${stderr.trim()}`));
      fs.renameSync(tmp, file);
      resolve();
    });
    sox.stdin.on('error', () => {});
    sox.stdin.end(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
  });
}

/** Each set's JSON, keeping loudness already measured for a track whose file and length are unchanged. */
function writeSetFiles() {
  fs.mkdirSync(PLAYLISTS_DIR, { recursive: true });
  for (const set of SETS) {
    const target = path.join(PLAYLISTS_DIR, `${set.id}.json`);
    const fresh = setFile(set, setTracks(set));
    let old = null;
    try {
      old = JSON.parse(fs.readFileSync(target, 'utf8'));
    } catch {
      // No readable list yet: every track is made afresh.
    }
    for (const phase of PHASES) {
      fresh.phases[phase] = fresh.phases[phase].map((track) => {
        const before = old?.phases?.[phase]?.find((t) => t.file === track.file && t.durationSec === track.durationSec);
        return before?.loudness ? { ...track, loudness: before.loudness } : track;
      });
    }
    const text = `${JSON.stringify(fresh, null, 2)}\n`;
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) fs.writeFileSync(target, text);
  }
}

export function soxProblem() {
  const probe = spawnSync('sox', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    return 'sox is not installed, so the shipped music cannot be made (install it: apt-get install sox libsox-fmt-mp3).';
  return null;
}

/** Makes whatever shipped audio is missing. Returns how many tracks were made. */
export async function makeMusic({ log = console.log } = {}) {
  writeSetFiles();
  const recipe = `${JSON.stringify({ version: RECIPE_VERSION, sampleRate: SAMPLE_RATE, bitrateKbps: BITRATE_KBPS })}\n`;
  const stale = !fs.existsSync(STAMP) || fs.readFileSync(STAMP, 'utf8') !== recipe;
  const tracks = SETS.flatMap((set) => setTracks(set)).filter(
    (t) => stale || !fs.existsSync(path.join(MUSIC_DIR, t.file)),
  );
  if (tracks.length === 0) return 0;
  const problem = soxProblem();
  if (problem) throw new Error(problem);
  const started = Date.now();
  const minutes = Math.round(tracks.reduce((sum, t) => sum + t.durationSec, 0) / 60);
  log(`Making the shipped music: ${tracks.length} tracks, ${minutes} minutes, into assets/music/ ...`);
  for (const set of SETS) fs.mkdirSync(path.join(MUSIC_DIR, set.id), { recursive: true });
  // One track renders while the others encode: as many at once as there are cores.
  const queue = [...tracks];
  const worker = async () => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      await encode(renderTrack(t.plan), path.join(MUSIC_DIR, t.file));
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, os.availableParallelism()) }, worker));
  fs.writeFileSync(STAMP, recipe);
  log(`Made ${tracks.length} tracks in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return tracks.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  makeMusic().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
