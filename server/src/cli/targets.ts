/** The files a run checks: named files always; from a directory or a glob, the CSVs that are org data. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { looksLikeOrgData, matchesFilesSetting, type OrgDataSettings } from '../engine';
import { UsageError } from './args';
import { STDIN_PATH } from './fileReader';

export interface Target {
  path: string;
  /** named on the command line: checked whatever its header */
  named: boolean;
  /** the name in the report, where it is not the path (standard input: --stdin-filename, or <stdin>) */
  display?: string;
  /** its settings (its orgdata.json's, under the flags) */
  settings?: OrgDataSettings;
}

/** Standard input (-) as a target. */
export function stdinTarget(name: string | undefined): Target {
  return { path: STDIN_PATH, named: true, display: name ?? '<stdin>' };
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Files to check: named files always; from a directory or a glob, the CSVs that are org data. `skipped`
 * gets the CSV files a directory or a glob held that are not (their header names no attribute), so that a
 * run says which files it passed over. Each file is judged under its own settings (its orgdata.json's).
 */
export function collectFiles(
  targets: string[],
  settingsFor: (file: string) => OrgDataSettings,
  stdinFilename?: string,
  skipped: string[] = [],
): Target[] {
  const files: Target[] = [];
  const orgData = (candidates: string[]): string[] =>
    candidates.filter((f) => {
      const yes = isOrgDataFile(f, settingsFor(f));
      if (!yes) skipped.push(f);
      return yes;
    });
  for (const t of targets) {
    if (t === '-') {
      files.push(stdinTarget(stdinFilename));
      continue;
    }
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(t);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const found = orgData(walk(t));
      if (found.length === 0) throw new UsageError(`${t}: no org-data CSV files in this directory`);
      files.push(...found.map((f) => ({ path: f, named: false })));
    } else if (stat) {
      files.push({ path: t, named: true });
    } else if (GLOB_CHARS.test(t)) {
      const found = orgData(expandGlob(t));
      if (found.length === 0) throw new UsageError(`${t}: no org-data CSV files match`);
      files.push(...found.map((f) => ({ path: f, named: false })));
    } else {
      throw new UsageError(`${t}: no such file or directory`);
    }
  }
  return files;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else if (entry.isFile() && /\.csv$/i.test(entry.name)) out.push(p);
  }
  return out.sort();
}

/** A glob's fixed leading folders are walked; the rest is matched with minimatch. */
function expandGlob(glob: string): string[] {
  const parts = glob.split(/[\\/]/);
  const fixed: string[] = [];
  while (parts.length > 1 && !GLOB_CHARS.test(parts[0])) fixed.push(parts.shift()!);
  const base = fixed.length ? fixed.join('/') : '.';
  if (!fs.existsSync(base)) return [];
  return walk(base).filter((f) =>
    minimatch(path.relative(base, f).split(path.sep).join('/'), parts.join('/'), { dot: false, nocase: true }),
  );
}

function isOrgDataFile(file: string, settings: OrgDataSettings): boolean {
  if (matchesFilesSetting(settings.files, path.resolve(file).split(path.sep).join('/'), file.split(path.sep).join('/'))) return true;
  try {
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    fs.closeSync(fd);
    return looksLikeOrgData(buf.subarray(0, n).toString('utf8'), settings.columns);
  } catch {
    return false;
  }
}
