import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsSchema } from '../../main/core/settings/schema';
import { RoomSettings } from '../../main/core/settings/store';
import { openHostSettings } from '../../main/host/settings-backend';
import { tempDataDir } from '../support/host-process';

describe('room settings (the schema electron-store and conf both go through)', () => {
  it('fills every default from an empty store: all six route presets with the lozenge peak at 40-60 min', () => {
    const s = new RoomSettings({ store: {} });
    expect(Object.keys(s.get().presets)).toEqual(['iv', 'im', 'intranasal', 'spravato', 'sublingual', 'oral']);
    expect(s.get().presets.sublingual.peak).toEqual({ min: 40, max: 60 });
    expect(s.problem).toBeNull();
  });

  it('saves a change through conf and reads it back after a restart', () => {
    const dir = tempDataDir();
    const first = new RoomSettings(openHostSettings(dir).backend);
    first.update({ roomName: 'Room 2' });
    const again = new RoomSettings(openHostSettings(dir).backend);
    expect(again.get().roomName).toBe('Room 2');
  });

  it('refuses a Spravato discharge shorter than the REMS two hours', () => {
    const s = new RoomSettings({ store: {} });
    const presets = {
      ...DEFAULT_SETTINGS.presets,
      spravato: { ...DEFAULT_SETTINGS.presets.spravato, earliestDischargeMin: 90 },
    };
    expect(() => s.update({ presets })).toThrow(/cannot be shorter/);
    expect(s.get().presets.spravato.earliestDischargeMin).toBe(120);
  });

  it('refuses a Spravato preset whose 120-minute floor is removed or lowered, even with the time itself shortened to match', () => {
    const s = new RoomSettings({ store: {} });
    const { dischargeFloorMin: _floor, ...withoutFloor } = DEFAULT_SETTINGS.presets.spravato;
    for (const spravato of [
      { ...withoutFloor, earliestDischargeMin: 60 },
      { ...DEFAULT_SETTINGS.presets.spravato, dischargeFloorMin: 60, earliestDischargeMin: 60 },
    ]) {
      expect(() => s.update({ presets: { ...DEFAULT_SETTINGS.presets, spravato } })).toThrow(
        /Spravato: the earliest discharge stays at 120 minutes/,
      );
    }
    expect(s.get().presets.spravato).toMatchObject({ earliestDischargeMin: 120, dischargeFloorMin: 120 });
  });

  it('a hand-edited settings file with a bad value is reported, that value takes its default and the other settings are kept, not a crash', () => {
    const dir = tempDataDir();
    new Conf({ cwd: dir, configName: 'settings', projectName: 'session-room' }).store = {
      version: 2,
      roomName: 42,
      themeBrightness: 0.4,
      staff: [{ id: 'staff-0a1b2c3d', name: 'Sam Ortiz', role: 'sitter' }],
    };
    const s = new RoomSettings(openHostSettings(dir).backend);
    expect(s.problem).toMatch(
      /^The room's settings file has a value that is not valid \(The room name must be text\. Enter it again\.\); .* the rest of the settings were kept\.$/,
    );
    expect(s.get().roomName).toBe('Treatment room');
    expect(s.get().themeBrightness).toBe(0.4);
    expect(s.get().staff).toEqual([{ id: 'staff-0a1b2c3d', name: 'Sam Ortiz', role: 'sitter' }]);
  });

  it('a settings file that is not JSON at all is reported, not a crash', () => {
    const dir = tempDataDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{ not json');
    const opened = openHostSettings(dir);
    const s = new RoomSettings(opened.backend);
    expect(opened.problem ?? s.problem).toMatch(/settings file/);
    expect(s.get()).toEqual(settingsSchema.parse({}));
  });

  it('fills the music defaults, and keeps a chosen output device while filling what the file leaves out', () => {
    expect(new RoomSettings({ store: {} }).get().music).toEqual({
      defaultSetId: null,
      targetLufs: -20,
      crossfadeSec: 8,
      endMarginSec: 45,
      trackOverlapSec: 2,
      quietFadeSec: 5,
      onRunOut: 'repeat',
      volume: 0.8,
      outputDeviceId: null,
      outputDeviceLabel: null,
    });
    const dir = tempDataDir();
    new RoomSettings(openHostSettings(dir).backend).update({
      music: { ...DEFAULT_SETTINGS.music, outputDeviceId: 'usb-1', outputDeviceLabel: 'Headphones' },
    });
    expect(new RoomSettings(openHostSettings(dir).backend).get().music).toMatchObject({
      outputDeviceId: 'usb-1',
      outputDeviceLabel: 'Headphones',
      volume: 0.8,
    });
    expect(new RoomSettings({ store: { music: { volume: 0.5 } } }).get().music).toMatchObject({
      volume: 0.5,
      crossfadeSec: 8,
      onRunOut: 'repeat',
    });
  });

  it('refuses music settings out of range or unknown', () => {
    const s = new RoomSettings({ store: {} });
    expect(() => s.update({ music: { ...DEFAULT_SETTINGS.music, volume: 1.5 } })).toThrow();
    expect(() => s.update({ music: { ...DEFAULT_SETTINGS.music, onRunOut: 'stop' as 'repeat' } })).toThrow();
    expect(new RoomSettings({ store: { music: { targetLufs: 0 } } }).problem).toMatch(
      /The target loudness must be at most -10/,
    );
  });
});
