/**
 * The music admin: the clinic's imported audio, its own sets, and sets shared between rooms as files.
 * Every method is behind the admin PIN (checked by the handlers).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { RoomError } from '../pure/errors';
import { RISE_FLAG_LU } from '../loudness/rise';
import { findLibraryFile } from '../music/media';
import { PHASES, type MusicSet, type MusicTrack, type SessionPhase } from '../music/set-format';
import type { RoomApi } from '../room-api';
import {
  BUNDLE_EXTENSION,
  exportBundle,
  extractFiles,
  openBundle,
  planFiles,
  relinkSet,
  type OpenedBundle,
  type PlannedFile,
} from './bundle';
import { MusicCatalogue, type CatalogueTrack } from './catalogue';
import { importAudio, type ImportResult } from './import-audio';
import {
  freeSetName,
  readAllSets,
  removeClinicSet,
  setFromDraft,
  setIdFor,
  writeClinicSet,
  type SetDraft,
  type StoredSet,
} from './sets';
import type {
  AdminSetView,
  AdminTrackView,
  BundlePreview,
  ImportJobView,
  MusicAdminView,
} from '../pure/music-admin/view';

/** How the admin reaches files outside the app: typed paths (browser host) or dialogs (the Electron shell). */
export interface RoomFileAccess {
  /** The browser host lets the admin type a path on this machine; the app uses dialogs instead. */
  typedPaths: boolean;
  chooseAudio?: () => Promise<string[]>;
  chooseBundle?: () => Promise<string | null>;
  /** Hands an exported bundle to the admin: a download address (host) or where it was saved (app). */
  deliverExport: (file: string) => Promise<{ url: string | null; savedTo: string | null }>;
}

const PREVIEW_TTL_MS = 30 * 60_000;

export class MusicAdmin {
  readonly dataDir: string;
  readonly catalogue: MusicCatalogue;
  /** Typed paths are off until whoever starts the room turns them on (the browser host does). */
  files: RoomFileAccess = { typedPaths: false, deliverExport: (file) => Promise.resolve({ url: null, savedTo: file }) };
  /** Test and bench hook: where the loudness worker is when not beside the bundle. */
  workerUrl: URL | string | undefined;
  /** Test hook: the time limit and memory cap for reading each imported file (loudness/limits.ts otherwise). */
  readLimits: { timeLimitMs?: number; memoryLimitMb?: number } | undefined;
  private readonly jobs = new Map<string, ImportJobView>();
  private readonly previews = new Map<
    string,
    { bundle: OpenedBundle; planned: PlannedFile[]; preview: BundlePreview; at: number }
  >();

  constructor(private readonly room: RoomApi) {
    // The clinic's sets folder is <data>/sets, so its parent is the data folder.
    this.dataDir = path.dirname(room.music.places.clinicSetsDir);
    this.catalogue = new MusicCatalogue(path.join(this.dataDir, 'music-catalogue.json'));
  }

  get libraryRoot(): string {
    return this.room.music.places.roots[0]!;
  }

  private trackView(
    track: Pick<MusicTrack, 'file' | 'title' | 'artist' | 'durationSec' | 'loudness'>,
    available: boolean,
    replayGainDb: number | null,
  ): AdminTrackView {
    return {
      file: track.file,
      title: track.title,
      artist: track.artist,
      durationSec: track.durationSec,
      integratedLufs: track.loudness?.integratedLufs ?? null,
      riseFlagged: (track.loudness?.maxShortTermRiseLu ?? 0) >= RISE_FLAG_LU,
      replayGainDb,
      available,
      url: this.room.music.mediaUrl(track.file),
    };
  }

  /** Sets a session in progress uses: the room's default set, and any set its log names. */
  setsInUse(sets: readonly StoredSet[]): Set<string> {
    const open = this.room.sessions.openSessions();
    const ids = new Set<string>();
    if (open.length === 0) return ids;
    const fallback = this.room.settings.get().music.defaultSetId ?? sets.find((s) => s.source === 'shipped')?.set.id;
    if (fallback) ids.add(fallback);
    for (const session of open) {
      for (const event of this.room.sessions.events(session.id)) {
        const setId = (event.payload as { setId?: unknown }).setId;
        if (typeof setId === 'string') ids.add(setId);
      }
    }
    return ids;
  }

  async view(): Promise<MusicAdminView> {
    const { sets, problems } = await readAllSets(this.room.music.places);
    const inUse = this.setsInUse(sets);
    const roots = this.room.music.places.roots;
    const setViews: AdminSetView[] = [];
    for (const { set, source } of sets) {
      const phases = {} as Record<SessionPhase, AdminTrackView[]>;
      for (const phase of PHASES) {
        phases[phase] = await Promise.all(
          set.phases[phase].map(async (t) =>
            this.trackView(
              t,
              (await findLibraryFile(roots, t.file)).ok,
              this.catalogue.byFile(t.file)?.replayGainDb ?? null,
            ),
          ),
        );
      }
      setViews.push({
        id: set.id,
        name: set.name,
        description: set.description,
        source,
        inUse: inUse.has(set.id),
        phases,
      });
    }
    const settings = this.room.settings.get();
    return {
      catalogue: this.catalogue
        .all()
        .map((t) => this.trackView({ ...t, loudness: t.loudness ?? undefined }, true, t.replayGainDb)),
      sets: setViews,
      problems,
      presets: settings.presets,
      defaultPresetId: settings.defaultPresetId,
      onRunOut: settings.music.onRunOut,
      typedPaths: this.files.typedPaths,
    };
  }

  // Import ------------------------------------------------------------------------------------------

  async startImport(paths: string[] | undefined): Promise<{ jobId: string }> {
    let chosen: string[];
    if (paths && paths.length > 0) {
      if (!this.files.typedPaths)
        throw new RoomError('no_typed_paths', 'Choose the files with the Import audio button.');
      chosen = paths;
    } else if (this.files.chooseAudio) {
      chosen = await this.files.chooseAudio();
      if (chosen.length === 0)
        throw new RoomError('nothing_chosen', 'No files were chosen. Choose audio files or a folder to import.');
    } else
      throw new RoomError(
        'no_path',
        'Type the path of an audio file or a folder of audio on this computer, then import.',
      );
    const jobId = crypto.randomUUID();
    const job: ImportJobView = {
      jobId,
      stage: 'copying',
      done: 0,
      total: 0,
      current: null,
      imported: [],
      alreadyThere: [],
      failed: [],
      error: null,
    };
    this.jobs.set(jobId, job);
    let lastPush = 0;
    const push = (force = false) => {
      const now = Date.now();
      if (!force && now - lastPush < 100) return;
      lastPush = now;
      this.room.push('music-import', { ...job });
    };
    void importAudio(chosen, {
      libraryRoot: this.libraryRoot,
      catalogue: this.catalogue,
      cacheDir: path.join(this.dataDir, 'loudness-cache'),
      targetLufs: this.room.settings.get().music.targetLufs,
      now: () => this.room.clock.now(),
      ...(this.workerUrl ? { workerUrl: this.workerUrl } : {}),
      ...(this.readLimits ? { readLimits: this.readLimits } : {}),
      onProgress: (p) => {
        Object.assign(job, {
          stage: p.stage === 'done' ? job.stage : p.stage,
          done: p.done,
          total: p.total,
          current: p.current,
        });
        push();
      },
    })
      .then((result: ImportResult) => {
        const brief = (t: CatalogueTrack) => ({ file: t.file, title: t.title });
        Object.assign(job, {
          stage: 'done',
          done: job.total,
          imported: result.imported.map(brief),
          alreadyThere: result.alreadyThere.map(brief),
          failed: result.failed,
        });
      })
      .catch((err: unknown) => {
        Object.assign(job, {
          stage: 'failed',
          error:
            err instanceof RoomError
              ? err.message
              : 'The import stopped because of an error in the app. The files imported so far are kept; try the rest again.',
        });
      })
      .finally(() => push(true));
    return { jobId };
  }

  importJob(jobId: string): ImportJobView {
    const job = this.jobs.get(jobId);
    if (!job)
      throw new RoomError(
        'no_such_import',
        'That import is not known to this room (it may have been before a restart). Start the import again.',
      );
    return { ...job };
  }

  // Sets --------------------------------------------------------------------------------------------

  private async findSet(setId: string): Promise<{ stored: StoredSet; all: StoredSet[] }> {
    const { sets } = await readAllSets(this.room.music.places);
    const stored = sets.find((s) => s.set.id === setId);
    if (!stored)
      throw new RoomError('no_such_set', 'That music set is not in this room any more. Reload the music sets.');
    return { stored, all: sets };
  }

  async save(draft: SetDraft): Promise<{ id: string }> {
    const { sets } = await readAllSets(this.room.music.places);
    const existing = draft.id ? sets.find((s) => s.set.id === draft.id) : undefined;
    if (draft.id && !existing)
      throw new RoomError('no_such_set', 'That music set is not in this room any more. Reload the music sets.');
    if (existing?.source === 'shipped')
      throw new RoomError(
        'shipped_set',
        `'${existing.set.name}' ships with the app and cannot be changed. Duplicate it and edit the copy.`,
      );
    const sameName = sets.find(
      (s) => s.set.id !== draft.id && s.set.name.toLowerCase() === draft.name.trim().toLowerCase(),
    );
    if (sameName)
      throw new RoomError(
        'set_name_taken',
        `There is already a set called '${sameName.set.name}'. Give this one another name.`,
      );
    const id = existing?.set.id ?? setIdFor(draft.name, new Set(sets.map((s) => s.set.id)));
    writeClinicSet(this.room.music.places, setFromDraft(draft, id, this.catalogue, existing?.set ?? null));
    return { id };
  }

  async duplicate(setId: string): Promise<{ id: string; name: string }> {
    const { stored, all } = await this.findSet(setId);
    const name = freeSetName(stored.set.name, 'copy', new Set(all.map((s) => s.set.name.toLowerCase())));
    const id = setIdFor(name, new Set(all.map((s) => s.set.id)));
    writeClinicSet(this.room.music.places, { ...stored.set, id, name });
    return { id, name };
  }

  async remove(setId: string): Promise<null> {
    const { stored, all } = await this.findSet(setId);
    if (stored.source === 'shipped')
      throw new RoomError('shipped_set', `'${stored.set.name}' ships with the app and cannot be deleted.`);
    if (this.setsInUse(all).has(setId)) {
      throw new RoomError(
        'set_in_use',
        `'${stored.set.name}' is in use by the session in progress. Delete it after the session has ended.`,
      );
    }
    removeClinicSet(this.room.music.places, setId, this.room.clock.now());
    return null;
  }

  // Sharing -----------------------------------------------------------------------------------------

  async exportSet(setId: string): Promise<{ fileName: string; url: string | null; savedTo: string | null }> {
    const { stored } = await this.findSet(setId);
    const fileName = `${stored.set.id}${BUNDLE_EXTENSION}`;
    const out = path.join(this.dataDir, 'exports', fileName);
    await exportBundle(stored.set, this.room.music.places.roots, out);
    return { fileName, ...(await this.files.deliverExport(out)) };
  }

  async preview(typedPath: string | undefined): Promise<BundlePreview> {
    let file: string | null;
    if (typedPath) {
      if (!this.files.typedPaths)
        throw new RoomError('no_typed_paths', 'Choose the file with the Import a shared set button.');
      file = path.resolve(typedPath);
    } else if (this.files.chooseBundle) file = await this.files.chooseBundle();
    else
      throw new RoomError(
        'no_path',
        `Type the path of a shared set file (ending in ${BUNDLE_EXTENSION}) on this computer.`,
      );
    if (!file) throw new RoomError('nothing_chosen', 'No file was chosen. Choose a shared set file to import.');

    const bundle = await openBundle(file);
    const planned = await planFiles(bundle, this.room.music.places.roots, this.libraryRoot, (h) =>
      this.catalogue.byHash(h),
    );
    const { sets } = await readAllSets(this.room.music.places);
    const sameId = sets.find((s) => s.set.id === bundle.set.id);
    const sameName = sets.find((s) => s.set.name.toLowerCase() === bundle.set.name.toLowerCase());
    const clash = sameId ?? sameName;
    const previewId = crypto.randomUUID();
    const preview: BundlePreview = {
      previewId,
      setId: bundle.set.id,
      setName: bundle.set.name,
      trackCounts: Object.fromEntries(PHASES.map((p) => [p, bundle.set.phases[p].length])) as Record<
        SessionPhase,
        number
      >,
      files: planned.map(({ file, bytes, status, storeAs }) => ({ file, bytes, status, storeAs })),
      conflict: clash
        ? { kind: sameId ? 'same-id' : 'same-name', existingName: clash.set.name, existingSource: clash.source }
        : null,
      copyName: freeSetName(bundle.set.name, 'imported', new Set(sets.map((s) => s.set.name.toLowerCase()))),
    };
    const now = this.room.clock.now();
    for (const [id, p] of this.previews) if (now - p.at > PREVIEW_TTL_MS) this.previews.delete(id);
    this.previews.set(previewId, { bundle, planned, preview, at: now });
    return preview;
  }

  async importPreviewed(
    previewId: string,
    onConflict: 'copy' | 'replace' | undefined,
  ): Promise<{ id: string; name: string }> {
    const pending = this.previews.get(previewId);
    if (!pending) throw new RoomError('no_such_preview', 'That preview has expired. Choose the shared set file again.');
    const { bundle, planned, preview } = pending;
    const { sets } = await readAllSets(this.room.music.places);
    let set: MusicSet = relinkSet(bundle.set, planned);
    if (preview.conflict) {
      if (!onConflict)
        throw new RoomError(
          'conflict_unresolved',
          `A set called '${preview.conflict.existingName}' is already here. Choose to import as a copy or to replace it.`,
        );
      const existing = sets.find((s) =>
        preview.conflict!.kind === 'same-id'
          ? s.set.id === bundle.set.id
          : s.set.name.toLowerCase() === bundle.set.name.toLowerCase(),
      );
      if (onConflict === 'replace') {
        if (!existing || existing.source === 'shipped')
          throw new RoomError(
            'shipped_set',
            `'${preview.conflict.existingName}' ships with the app and cannot be replaced. Import the set as a copy.`,
          );
        if (this.setsInUse(sets).has(existing.set.id))
          throw new RoomError(
            'set_in_use',
            `'${existing.set.name}' is in use by the session in progress. Import it as a copy, or replace it after the session.`,
          );
        set = { ...set, id: existing.set.id, name: bundle.set.name };
      } else {
        set = { ...set, id: setIdFor(preview.copyName, new Set(sets.map((s) => s.set.id))), name: preview.copyName };
      }
    }
    await extractFiles(bundle, planned, this.libraryRoot);
    const now = this.room.clock.now();
    const tracks = new Map(PHASES.flatMap((p) => bundle.set.phases[p]).map((t) => [t.file, t]));
    this.catalogue.add(
      planned
        .filter((p) => p.status !== 'already-there')
        .map((p): CatalogueTrack => {
          const t = tracks.get(p.file)!;
          return {
            file: p.storeAs,
            title: t.title,
            artist: t.artist,
            durationSec: t.durationSec,
            sha256: p.sha256,
            bytes: p.bytes,
            replayGainDb: null,
            loudness: t.loudness ?? null,
            originalName: path.basename(p.file),
            importedAt: now,
          };
        }),
    );
    writeClinicSet(this.room.music.places, set);
    this.previews.delete(previewId);
    return { id: set.id, name: set.name };
  }
}
