import type { BrowserWindow } from 'electron';
import { RoomError } from '../core/pure/errors';
import { setReportPrinter } from '../core/report/export-handlers';
import { reportOnScreenScript } from '../core/report/on-screen';
import type { Room } from '../core/room';

/**
 * Saving the report as PDF: the room window is showing the report when the person asks (checked first), so
 * Chromium's own printer (webContents.printToPDF, print CSS applied) turns that page into the file the core then saves.
 */
export function providePdfPrinting(room: Room, roomWindow: () => BrowserWindow | null): void {
  setReportPrinter(room, async (sessionId) => {
    const win = roomWindow();
    if (!win || win.isDestroyed())
      throw new RoomError('no_window', 'The room window is closed. Open the report again, then save it as PDF.');
    if ((await win.webContents.executeJavaScript(reportOnScreenScript(sessionId))) !== true) {
      throw new RoomError(
        'report_not_shown',
        "That session's report is not on the screen. Open its report, wait until it is drawn, then save it as PDF.",
      );
    }
    return win.webContents.printToPDF({
      printBackground: true,
      preferCSSPageSize: true,
      pageSize: 'A4',
      displayHeaderFooter: false,
    });
  });
}
