import { app, BrowserWindow } from 'electron';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A room that could not open says so in a window (never a silent exit): the sentence, and where its records are,
 * so the clinic can find them. The single-instance lock is let go, so launching the app again tries again.
 */
export function showStartupProblem(sentence: string, dataDir: string): void {
  console.error(`Session Room could not start: ${sentence}`);
  app.releaseSingleInstanceLock();
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Session Room could not open</title></head>
<body style="background:#07090b;color:#d8dde3;font:18px/1.5 system-ui,sans-serif;margin:3em">
<h1 style="font-size:1.4em">Session Room could not open</h1>
<p role="alert">${escape(sentence)}</p>
<p>The room's records are in <code>${escape(dataDir)}</code>. Nothing in them was changed by this.</p>
<p>Close this window, then open Session Room again; if this repeats, tell the clinic admin and give them this folder's place.</p>
</body></html>`;
  const win = new BrowserWindow({
    width: 760,
    height: 420,
    backgroundColor: '#07090b',
    title: 'Session Room could not open',
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.removeMenu();
  win.on('closed', () => app.quit());
  void win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
}
