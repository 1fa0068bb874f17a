import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { MusicCatalogue, type CatalogueTrack } from '../../main/core/music-admin/catalogue';
import { tempDataDir } from '../support/host-process';

const track = (n: number): CatalogueTrack => ({
  file: `imported/tone-${n}.wav`,
  title: `Tone ${n}`,
  artist: 'Test Bench',
  durationSec: 12,
  sha256: String(n).repeat(64).slice(0, 64),
  bytes: 1000,
  replayGainDb: null,
  loudness: null,
  originalName: `tone-${n}.wav`,
  importedAt: 1,
});

it('a damaged catalogue is kept aside, its readable entries kept, and the next import adds to them instead of replacing them', () => {
  const dir = tempDataDir('catalogue-');
  const file = path.join(dir, 'catalogue.json');
  fs.writeFileSync(
    file,
    JSON.stringify({ version: 1, tracks: [track(1), { file: 'imported/half-written' }, track(2)] }),
  );
  const catalogue = new MusicCatalogue(file);
  expect(catalogue.all().map((t) => t.title)).toEqual(['Tone 1', 'Tone 2']);
  const kept = fs.readdirSync(dir).filter((n) => n.startsWith('catalogue.broken-'));
  expect(kept).toHaveLength(1);
  expect(fs.readFileSync(path.join(dir, kept[0]!), 'utf8')).toContain('half-written');

  catalogue.add([track(3)]);
  expect(new MusicCatalogue(file).all().map((t) => t.title)).toEqual(['Tone 1', 'Tone 2', 'Tone 3']);
});

it('a catalogue that is not JSON at all is kept aside, and a new one starts empty', () => {
  const dir = tempDataDir('catalogue-');
  const file = path.join(dir, 'catalogue.json');
  fs.writeFileSync(file, '{"version":1,"tracks":[{"fi');
  expect(new MusicCatalogue(file).all()).toEqual([]);
  expect(fs.readdirSync(dir).filter((n) => n.startsWith('catalogue.broken-'))).toHaveLength(1);
});
