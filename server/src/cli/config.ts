/**
 * Settings for the CLI, from the same keys as the extension: a workspace's .vscode/settings.json (JSON
 * with comments, as VS Code writes it) and --config FILE, then the command-line flags on top.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { normalizeSettings, type SettingsProblem } from '../engine';

export class ConfigError extends Error {}

/** The orgdata.* keys of a settings object: `"orgdata.severity": …` or `"orgdata": { "severity": … }`. */
export function orgdataKeys(settings: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nested = settings.orgdata;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) Object.assign(out, nested);
  for (const [k, v] of Object.entries(settings)) if (k.startsWith('orgdata.')) out[k.slice('orgdata.'.length)] = v;
  return out;
}

/** A settings file's text, or a ConfigError naming it. */
export function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The orgdata.* keys of a settings file; a value the settings refuse is a ConfigError naming the file. */
export function readSettingsFile(file: string, text = readText(file)): Record<string, unknown> {
  const errors: ParseError[] = [];
  const data = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || !data || typeof data !== 'object' || Array.isArray(data)) {
    const why = errors.length > 0 ? printParseErrorCode(errors[0].error) : 'not a JSON object';
    throw new ConfigError(`${file}: not a valid settings file (${why})`);
  }
  const keys = orgdataKeys(data as Record<string, unknown>);
  // a relative Entra ID file is relative to the workspace (the folder holding .vscode) or the config file
  if (typeof keys.entraUsers === 'string' && keys.entraUsers && !path.isAbsolute(keys.entraUsers)) {
    const dir = path.dirname(path.resolve(file));
    const base = path.basename(dir) === '.vscode' ? path.dirname(dir) : dir;
    keys.entraUsers = path.join(base, keys.entraUsers);
  }
  // a value the settings refuse is said with the file it is in, never as if it came from a flag
  const problems: SettingsProblem[] = [];
  normalizeSettings(keys, problems);
  if (problems.length > 0) throw new ConfigError(`${file}: ${problems[0].message}`);
  return keys;
}
