/**
 * Reads the Entra ID users file named by orgdata.entraUsers, relative to the workspace folder, and keeps
 * it until the file changes. A missing or unreadable file is a message, never an exception.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EntraFileError, parseEntraUsers, type EntraDirectory } from './engine';

export interface EntraLoad {
  directory?: EntraDirectory;
  problem?: string;
  /** changes whenever the file (or its absence) does: part of the analysis cache key */
  stamp: string;
}

const NONE: EntraLoad = { stamp: '' };

export class EntraFiles {
  private readonly cache = new Map<string, { stamp: string; load: EntraLoad }>();

  load(setting: string, folder: string | undefined): EntraLoad {
    if (!setting) return NONE;
    const file = path.isAbsolute(setting) ? setting : path.resolve(folder ?? process.cwd(), setting);
    let stamp: string;
    try {
      const st = fs.statSync(file);
      stamp = `${file}:${st.mtimeMs}:${st.size}`;
    } catch {
      return { problem: `the Entra ID users file ${setting} (orgdata.entraUsers) does not exist`, stamp: `${file}:missing` };
    }
    const hit = this.cache.get(file);
    if (hit && hit.stamp === stamp) return hit.load;
    let load: EntraLoad;
    try {
      const directory = parseEntraUsers(fs.readFileSync(file, 'utf8'), path.basename(file));
      load = { directory, stamp };
    } catch (e) {
      const why = e instanceof EntraFileError ? e.message : `${path.basename(file)} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
      load = { problem: why, stamp };
    }
    this.cache.set(file, { stamp, load });
    return load;
  }
}
