/**
 * The one rule for naming a file inside a music library: a relative path of plain
 * segments separated by '/', that cannot reach outside the library folder.
 * Music set files and the media guard both hold paths to it.
 */

/** Longest path accepted, in characters. */
export const MAX_LIBRARY_PATH_LENGTH = 1024;

/**
 * Why `p` is not a path inside the library, as a phrase that completes
 * "the file ... ", or null when it is fine.
 */
export function libraryPathProblem(p: string): string | null {
  if (p.length === 0) return 'is empty';
  if (p.length > MAX_LIBRARY_PATH_LENGTH) return `is longer than ${MAX_LIBRARY_PATH_LENGTH} characters`;
  if (p.includes('\0')) return 'contains a NUL character';
  if (p.includes('\\')) return "uses a backslash ('\\'); separate folders with '/'";
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(p)) return 'starts with a drive letter or a URL scheme';
  if (p.startsWith('/')) return "is an absolute path (it starts with '/')";
  const segments = p.split('/');
  if (segments.some((s) => s === '..')) return "climbs out of its folder with '..'";
  if (segments.some((s) => s === '.')) return "contains a '.' folder";
  if (segments.some((s) => s === '')) return "contains an empty folder name ('//' or a trailing '/')";
  return null;
}

/** A library path as URL path segments, each percent-encoded: what follows `/media/` in a track's address. */
export function encodeLibraryPath(libraryPath: string): string {
  return libraryPath.split('/').map(encodeURIComponent).join('/');
}
