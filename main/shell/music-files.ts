import { BrowserWindow, dialog } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import type { RoomFileAccess } from '../core/music-admin/admin';
import { BUNDLE_EXTENSION } from '../core/music-admin/bundle';
import { AUDIO_MIME_TYPES } from '../core/music/media';

/** The file dialog offers the audio types the room serves (music/media.ts), named without their dot. */
const AUDIO = { name: 'Audio', extensions: Object.keys(AUDIO_MIME_TYPES).map((ext) => ext.slice(1)) };

/** In the app the admin chooses files with the system's dialogs; the renderer never names a path. */
export function shellFileAccess(): RoomFileAccess {
  const parent = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const open = (options: Electron.OpenDialogOptions) => {
    const win = parent();
    return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options);
  };
  return {
    typedPaths: false,
    chooseAudio: async () => {
      // Linux and Windows cannot offer files and folders in one dialog: files first, a folder when none is chosen.
      const files = await open({
        title: 'Import audio',
        properties: ['openFile', 'multiSelections'],
        filters: [AUDIO],
      });
      if (!files.canceled && files.filePaths.length > 0) return files.filePaths;
      const folder = await open({ title: 'Import a folder of audio', properties: ['openDirectory'] });
      return folder.canceled ? [] : folder.filePaths;
    },
    chooseBundle: async () => {
      const chosen = await open({
        title: 'Import a shared set',
        properties: ['openFile'],
        filters: [{ name: 'Shared music set', extensions: [BUNDLE_EXTENSION.slice(1)] }],
      });
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
    deliverExport: async (file) => {
      const win = parent();
      const options: Electron.SaveDialogOptions = { title: 'Save the shared set', defaultPath: path.basename(file) };
      const target = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options));
      if (target.canceled || !target.filePath) return { url: null, savedTo: null };
      await fs.promises.copyFile(file, target.filePath);
      return { url: null, savedTo: target.filePath };
    },
  };
}
