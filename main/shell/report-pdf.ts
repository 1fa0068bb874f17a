import type { BrowserWindow } from 'electron';
import { RoomError } from '../core/errors';
import { setReportPrinter } from '../core/report/export-handlers';
import type { Room } from '../core/room';

/**
 * Saving the report as PDF: the room window is showing the report when the person asks, so Chromium's own
 * printer (webContents.printToPDF, print CSS applied) turns that page into the file the core then saves.
 */
export function providePdfPrinting(room: Room, roomWindow: () => BrowserWindow | null): void {
  setReportPrinter(room, async () => {
    const win = roomWindow();
    if (!win || win.isDestroyed()) throw new RoomError('no_window', 'The room window is closed. Open the report again, then save it as PDF.');
    return win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, pageSize: 'A4', displayHeaderFooter: false });
  });
}
