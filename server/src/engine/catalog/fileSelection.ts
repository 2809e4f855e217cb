/** orgdata.files: glob patterns that make a file org data whatever its header says. */
import { minimatch } from 'minimatch';

/**
 * `path` is the file's path with forward slashes; `relative` its path inside the workspace when known.
 * A pattern without a slash matches the file name anywhere, as VS Code's file patterns do.
 */
export function matchesFilesSetting(globs: readonly string[], path: string, relative?: string): boolean {
  if (globs.length === 0) return false;
  const candidates = [path, relative].filter((p): p is string => !!p).map((p) => p.replace(/\\/g, '/'));
  for (const glob of globs) {
    const opts = { dot: true, nocase: true, matchBase: !glob.includes('/') };
    if (candidates.some((c) => minimatch(c, glob, opts))) return true;
  }
  return false;
}
