import { settingsSchema, DEFAULT_SETTINGS, type Settings } from './schema';

/** What electron-store and conf both offer: the whole store as one object. */
export interface SettingsBackend {
  store: Record<string, unknown>;
}

/** Settings validated by the one schema on every read and write. */
export class RoomSettings {
  /** A sentence for the admin when the file on disk was not valid at start; the defaults were used instead. */
  readonly problem: string | null;
  private current: Settings;

  constructor(private readonly backend: SettingsBackend | null) {
    const parsed = settingsSchema.safeParse(backend?.store ?? {});
    if (parsed.success) {
      this.current = parsed.data;
      this.problem = null;
    } else {
      this.current = DEFAULT_SETTINGS;
      const issue = parsed.error.issues[0];
      this.problem = `The room's settings file has a value that is not valid (${issue?.path.join('.') || 'the file'}: ${issue?.message}); the shipped defaults are in use until an admin saves the settings again.`;
    }
  }

  get(): Settings {
    return this.current;
  }

  update(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.current, ...patch });
    if (this.backend) this.backend.store = next as unknown as Record<string, unknown>;
    this.current = next;
    return next;
  }
}
