/**
 * The page script the shell runs before printing a report to PDF: true only when the window shows this
 * session's report drawn in full, so a PDF never holds another session's report or half of one.
 */
export function reportOnScreenScript(sessionId: string): string {
  const selector = `article[data-report-session=${JSON.stringify(sessionId)}][data-report-complete="true"]`;
  return `document.querySelector(${JSON.stringify(selector)}) !== null`;
}
