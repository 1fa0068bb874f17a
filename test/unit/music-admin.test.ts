import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/core/bridge/dispatch';
import { ManualClock } from '../../main/core/clock';
import { musicAdminOf } from '../../main/core/music-admin/handlers';
import type { BundlePreview, ImportJobView, MusicAdminView } from '../../main/core/pure/music-admin/view';
import { openRoom } from '../../main/core/open-room';
import type { Room } from '../../main/core/room';
import { makeAudioFolder, makeTone } from '../support/audio';
import { readZipEntries, writeZip } from '../support/zip';
import { tempDataDir } from '../support/host-process';

const root = path.resolve(import.meta.dirname, '../..');
const WORKER = path.join(root, 'dist/loudness/loudness-worker.js');
const rooms: Room[] = [];
afterEach(() => {
  for (const r of rooms.splice(0)) r.db.close();
});

async function adminRoom(dataDir = tempDataDir()) {
  const room = openRoom({
    dataDir,
    clock: new ManualClock(Date.now()),
    settingsBackend: null,
    music: { appDir: root },
  });
  rooms.push(room);
  musicAdminOf(room).workerUrl = WORKER;
  // As the browser host does: the admin types the paths of files on this machine.
  musicAdminOf(room).files = { ...musicAdminOf(room).files, typedPaths: true };
  const opened = await dispatch(room.handlers, 'setAdminPin', { pin: '1357' });
  if (!opened.ok) throw new Error(opened.error.message);
  const adminKey = (opened.value as { adminKey: string }).adminKey;
  const call = async <T>(method: Parameters<typeof dispatch>[1], args: Record<string, unknown> = {}): Promise<T> => {
    const env = await dispatch(room.handlers, method, { adminKey, ...args });
    if (!env.ok) throw new Error(env.error.message);
    return env.value as T;
  };
  const refuse = async (method: Parameters<typeof dispatch>[1], args: Record<string, unknown>) => {
    const env = await dispatch(room.handlers, method, { adminKey, ...args });
    if (env.ok) throw new Error(`${method} was accepted`);
    return env.error.message;
  };
  return { room, dataDir, adminKey, call, refuse };
}

async function importAndWait(
  call: Awaited<ReturnType<typeof adminRoom>>['call'],
  paths: string[],
): Promise<ImportJobView> {
  const { jobId } = await call<{ jobId: string }>('startAudioImport', { paths });
  for (;;) {
    const job = await call<ImportJobView>('getAudioImport', { jobId });
    if (job.stage === 'done' || job.stage === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A bundle as someone (or a damaged disk) might have altered it. */
async function alteredBundle(from: string, alter: (entries: Map<string, Buffer>) => void): Promise<string> {
  const entries = new Map(await readZipEntries(from));
  alter(entries);
  return writeZip(entries, path.join(tempDataDir('room-altered-'), path.basename(from)), { compress: false });
}

const libraryFiles = (dataDir: string) =>
  fs.existsSync(path.join(dataDir, 'music'))
    ? fs
        .readdirSync(path.join(dataDir, 'music'), { recursive: true })
        .map(String)
        .filter((f) => /\.\w+$/.test(f))
    : [];

const emptyPhases = () => ({
  settling: [] as string[],
  onset: [] as string[],
  peak: [] as string[],
  return: [] as string[],
  after: [] as string[],
});

describe('importing audio into the music library', () => {
  it('copies and analyses every good file, lists the broken one and the one that is not audio with the reason, and the rest import', async () => {
    const { call, dataDir, room } = await adminRoom();
    const folder = makeAudioFolder(path.join(tempDataDir('room-audio-'), 'incoming'));
    const pushes: ImportJobView[] = [];
    room.onPush((channel, payload) => channel === 'music-import' && pushes.push(payload as ImportJobView));
    const job = await importAndWait(call, [folder.dir]);
    expect(job.stage).toBe('done');
    // Titles from the tags (MP3, OGG); a WAV without tags is named after its file.
    expect(job.imported.map((t) => t.title).sort()).toEqual(['Tone 2', 'Tone 3', 'tone-01', 'tone-04']);
    expect(job.failed).toEqual([
      {
        name: 'broken.mp3',
        reason: expect.stringMatching(
          /^broken\.mp3 (could not be read as audio|has no playable length|could not be decoded)|This file could not be decoded as audio: broken\.mp3/,
        ),
      },
      {
        name: 'notes.txt',
        reason:
          'notes.txt is not an audio file Session Room plays: Session Room plays MP3, OGG, Opus, FLAC and WAV files.',
      },
    ]);
    expect(pushes.at(-1)).toMatchObject({ stage: 'done', done: job.total });
    expect(pushes.some((p) => p.stage === 'measuring')).toBe(true);

    const view = await call<MusicAdminView>('getMusicAdmin');
    expect(view.catalogue).toHaveLength(4);
    expect(view.catalogue.find((t) => t.title === 'Tone 2')).toMatchObject({
      artist: 'Test Bench',
      available: true,
      riseFlagged: false,
    });
    const tone4 = view.catalogue.find((t) => t.title === 'tone-04')!;
    expect(tone4.durationSec).toBeCloseTo(6, 1);
    expect(tone4.integratedLufs).toBeLessThan(-10);
    // Copied byte for byte; the broken file left nothing behind.
    expect(fs.readFileSync(path.join(dataDir, 'music', tone4.file))).toEqual(fs.readFileSync(folder.good[3]!));
    expect(fs.readdirSync(path.join(dataDir, 'music', 'imported')).sort()).toEqual([
      'tone-01.wav',
      'tone-02.mp3',
      'tone-03.ogg',
      'tone-04.wav',
    ]);

    // The same files again: nothing is copied twice.
    const again = await importAndWait(call, [folder.dir]);
    expect(again.imported).toEqual([]);
    expect(again.alreadyThere).toHaveLength(4);
  });

  it('a typed path that does not exist gets a sentence, not a crash', async () => {
    const { call } = await adminRoom();
    const job = await importAndWait(call, ['/no/such/folder']);
    expect(job.failed).toEqual([
      { name: '/no/such/folder', reason: 'There is no file or folder at this path. Check the path and try again.' },
    ]);
  });

  it('refuses typed paths where whoever started the room has not turned them on (the app chooses files with its dialogs)', async () => {
    const { room, refuse } = await adminRoom();
    musicAdminOf(room).files = { ...musicAdminOf(room).files, typedPaths: false };
    expect(await refuse('startAudioImport', { paths: ['/tmp/track.mp3'] })).toBe(
      'Choose the files with the Import audio button.',
    );
    const fresh = openRoom({
      dataDir: tempDataDir(),
      clock: new ManualClock(Date.now()),
      settingsBackend: null,
      music: { appDir: root },
    });
    rooms.push(fresh);
    expect(musicAdminOf(fresh).files.typedPaths).toBe(false);
  });
});

describe('music sets: edit, duplicate, delete, share', () => {
  async function roomWithSet() {
    const ctx = await adminRoom();
    const folder = makeAudioFolder(path.join(tempDataDir('room-audio-'), 'incoming'), 3);
    await importAndWait(ctx.call, [folder.dir]);
    const view = await ctx.call<MusicAdminView>('getMusicAdmin');
    const files = view.catalogue.map((t) => t.file).sort();
    const phases = { ...emptyPhases(), settling: [files[0]!], peak: [files[1]!, files[2]!] };
    const { id } = await ctx.call<{ id: string }>('saveMusicSet', {
      set: { id: null, name: 'Evening Calm', description: 'For late sessions.', phases },
    });
    return { ...ctx, id, files, phases };
  }

  it('saves a set from the library, refuses a second set of the same name, and shipped sets are read-only', async () => {
    const { call, refuse, id, phases, dataDir } = await roomWithSet();
    expect(id).toBe('evening-calm');
    const set = JSON.parse(fs.readFileSync(path.join(dataDir, 'sets', 'evening-calm.json'), 'utf8'));
    expect(set.phases.peak.map((t: { title: string }) => t.title)).toEqual(['Tone 2', 'Tone 3']);
    expect(set.phases.settling.map((t: { title: string }) => t.title)).toEqual(['tone-01']);
    expect(set.phases.peak[0].loudness.integratedLufs).toBeLessThan(-10);
    expect(await refuse('saveMusicSet', { set: { id: null, name: 'evening calm', description: '', phases } })).toBe(
      "There is already a set called 'Evening Calm'. Give this one another name.",
    );
    expect(
      await refuse('saveMusicSet', { set: { id: 'still-water', name: 'Still Water', description: '', phases } }),
    ).toBe("'Still Water' ships with the app and cannot be changed. Duplicate it and edit the copy.");
    expect(
      await refuse('saveMusicSet', { set: { id: null, name: 'Empty', description: '', phases: emptyPhases() } }),
    ).toMatch(/has no tracks in any phase/);
    const copy = await call<{ id: string }>('duplicateMusicSet', { setId: 'still-water' });
    const view = await call<MusicAdminView>('getMusicAdmin');
    expect(view.sets.find((s) => s.id === copy.id)).toMatchObject({ name: 'Still Water (copy)', source: 'clinic' });
  });

  it('a set in use by the session in progress cannot be deleted; after the session it can, and a past session record is unchanged by edits', async () => {
    const { room, call, refuse, id, phases } = await roomWithSet();
    room.settings.update({ music: { ...room.settings.get().music, defaultSetId: id } });
    const started = await dispatch(room.handlers, 'startSession', {
      patientRef: 'AB',
      presetId: 'oral',
      plannedDoseMg: 100,
      therapist: 'Dr Kim',
    });
    if (!started.ok) throw new Error(started.error.message);
    const sessionId = (started.value as { session: { id: string } }).session.id;
    expect(await refuse('deleteMusicSet', { setId: id })).toBe(
      "'Evening Calm' is in use by the session in progress. Delete it after the session has ended.",
    );
    const before = JSON.stringify(room.sessions.events(sessionId));
    await call('saveMusicSet', {
      set: { id, name: 'Evening Calm', description: 'Shorter.', phases: { ...phases, peak: [phases.peak[1]!] } },
    });
    expect(JSON.stringify(room.sessions.events(sessionId))).toBe(before);
    room.db.prepare('UPDATE sessions SET closed_at = ? WHERE id = ?').run(Date.now(), sessionId);
    expect(await call('deleteMusicSet', { setId: id })).toBeNull();
    expect((await call<MusicAdminView>('getMusicAdmin')).sets.some((s) => s.id === id)).toBe(false);
  });

  it('export and import round trip: the same set, byte-identical audio, in a fresh room', async () => {
    const a = await roomWithSet();
    const exported = await a.call<{ fileName: string; savedTo: string }>('exportMusicSet', { setId: a.id });
    expect(exported.fileName).toBe('evening-calm.roomset.zip');

    const b = await adminRoom();
    const preview = await b.call<BundlePreview>('previewSetBundle', { path: exported.savedTo });
    expect(preview).toMatchObject({
      setName: 'Evening Calm',
      conflict: null,
      trackCounts: { settling: 1, onset: 0, peak: 2, return: 0, after: 0 },
    });
    expect(preview.files.map((f) => f.status)).toEqual(['new', 'new', 'new']);
    // Nothing is added before the admin confirms.
    expect(fs.existsSync(path.join(b.dataDir, 'sets', 'evening-calm.json'))).toBe(false);
    await b.call('importSetBundle', { previewId: preview.previewId });

    const setA = fs.readFileSync(path.join(a.dataDir, 'sets', 'evening-calm.json'), 'utf8');
    const setB = fs.readFileSync(path.join(b.dataDir, 'sets', 'evening-calm.json'), 'utf8');
    expect(setB).toBe(setA);
    for (const file of a.files)
      expect(
        fs
          .readFileSync(path.join(b.dataDir, 'music', file))
          .equals(fs.readFileSync(path.join(a.dataDir, 'music', file))),
      ).toBe(true);
    const viewB = await b.call<MusicAdminView>('getMusicAdmin');
    expect(viewB.sets.find((s) => s.id === 'evening-calm')!.phases.peak.every((t) => t.available)).toBe(true);
    expect(viewB.catalogue).toHaveLength(3);
  });

  it('conflicts are shown and resolved by the admin: same name (copy or replace), same path with different audio (stored under a new name)', async () => {
    const a = await roomWithSet();
    const { savedTo } = await a.call<{ savedTo: string }>('exportMusicSet', { setId: a.id });
    const b = await adminRoom();
    // Room B already has a different recording at the same path, and a set of the same name.
    makeTone(path.join(b.dataDir, 'music', a.files[0]!), { seconds: 1, hz: 1000 });
    const mine = fs.readFileSync(path.join(b.dataDir, 'music', a.files[0]!));
    const first = await b.call<BundlePreview>('previewSetBundle', { path: savedTo });
    await b.call('importSetBundle', { previewId: first.previewId });
    const renamed = first.files.find((f) => f.file === a.files[0])!;
    expect(renamed).toMatchObject({ status: 'renamed', storeAs: a.files[0]!.replace(/\.(\w+)$/, '-2.$1') });
    expect(fs.readFileSync(path.join(b.dataDir, 'music', a.files[0]!)).equals(mine)).toBe(true);
    const setB = JSON.parse(fs.readFileSync(path.join(b.dataDir, 'sets', 'evening-calm.json'), 'utf8'));
    expect(setB.phases.settling[0].file).toBe(renamed.storeAs);

    // The same file again: the set clashes by id; the audio is already there.
    const second = await b.call<BundlePreview>('previewSetBundle', { path: savedTo });
    expect(second.conflict).toEqual({ kind: 'same-id', existingName: 'Evening Calm', existingSource: 'clinic' });
    expect(second.files.map((f) => f.status)).toEqual(['already-there', 'already-there', 'already-there']);
    expect(await b.refuse('importSetBundle', { previewId: second.previewId })).toBe(
      "A set called 'Evening Calm' is already here. Choose to import as a copy or to replace it.",
    );
    const copied = await b.call<{ id: string; name: string }>('importSetBundle', {
      previewId: second.previewId,
      onConflict: 'copy',
    });
    expect(copied).toEqual({ id: 'evening-calm-imported', name: 'Evening Calm (imported)' });

    const third = await b.call<BundlePreview>('previewSetBundle', { path: savedTo });
    expect(third.copyName).toBe('Evening Calm (imported 2)');
    const replaced = await b.call<{ id: string }>('importSetBundle', {
      previewId: third.previewId,
      onConflict: 'replace',
    });
    expect(replaced.id).toBe('evening-calm');
    const sets = (await b.call<MusicAdminView>('getMusicAdmin')).sets
      .filter((s) => s.source === 'clinic')
      .map((s) => s.name)
      .sort();
    expect(sets).toEqual(['Evening Calm', 'Evening Calm (imported)']);
  });

  it('a bundle whose list of audio does not match its set is refused before anything is written', async () => {
    const a = await roomWithSet();
    const { savedTo } = await a.call<{ savedTo: string }>('exportMusicSet', { setId: a.id });
    const extra = await alteredBundle(savedTo, (entries) => {
      const manifest = JSON.parse(entries.get('manifest.json')!.toString());
      manifest.files.push({ file: 'elsewhere/extra.mp3', sha256: '0'.repeat(64), bytes: 10 });
      entries.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
    });
    const b = await adminRoom();
    expect(await b.refuse('previewSetBundle', { path: extra })).toBe(
      'evening-calm.roomset.zip is not a music set exported from Session Room (its list of audio does not match its set at elsewhere/extra.mp3). Choose a file ending in .roomset.zip.',
    );
    expect(libraryFiles(b.dataDir)).toEqual([]);
    expect((await b.call<MusicAdminView>('getMusicAdmin')).sets.some((s) => s.name === 'Evening Calm')).toBe(false);
  });

  it('a bundle with damaged audio is refused on import and leaves the library as it was, without the files before the damaged one', async () => {
    const a = await roomWithSet();
    const { savedTo } = await a.call<{ savedTo: string }>('exportMusicSet', { setId: a.id });
    const damagedFile = a.files[2]!;
    const damaged = await alteredBundle(savedTo, (entries) => {
      const audio = Buffer.from(entries.get(`audio/${damagedFile}`)!);
      audio[audio.length - 100] = audio[audio.length - 100]! ^ 0xff;
      entries.set(`audio/${damagedFile}`, audio);
    });
    const b = await adminRoom();
    const preview = await b.call<BundlePreview>('previewSetBundle', { path: damaged });
    expect(preview.files.map((f) => f.status)).toEqual(['new', 'new', 'new']);
    expect(await b.refuse('importSetBundle', { previewId: preview.previewId })).toBe(
      `evening-calm.roomset.zip: the audio for ${damagedFile} is not what the set was exported with (the file is damaged). Export the set again.`,
    );
    expect(libraryFiles(b.dataDir)).toEqual([]);
    const view = await b.call<MusicAdminView>('getMusicAdmin');
    expect(view.sets.some((s) => s.name === 'Evening Calm')).toBe(false);
    expect(view.catalogue).toEqual([]);
  });

  it('a damaged or foreign file is refused with a sentence', async () => {
    const b = await adminRoom();
    const junk = path.join(tempDataDir('room-junk-'), 'set.roomset.zip');
    fs.writeFileSync(junk, 'not a zip');
    expect(await b.refuse('previewSetBundle', { path: junk })).toBe(
      'set.roomset.zip is not a music set exported from Session Room (it is not a zip file). Choose a file ending in .roomset.zip.',
    );
  });
});
