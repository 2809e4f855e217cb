/**
 * orgdata-lint: the engine on files, for CI and the command line. Files are streamed through the engine
 * in chunks, so a multi-GB file needs no more memory than a small one.
 * Exit codes: 0 no errors (and warnings within --max-warnings), 1 findings over the bar, 2 usage or
 * file error (one line on stderr, never a stack trace).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import {
  isCode,
  looksLikeOrgData,
  matchesFilesSetting,
  normalizeSettings,
  previewExport,
  peopleOf,
  printable,
  rowOfPerson,
  DEFAULT_MIN_GROUP_SIZE,
  ProfileBuilder,
  NOTHING_TO_PROFILE,
  DiffBuilder,
  diffJson,
  diffMarkdown,
  diffText,
  profileJson,
  profileMarkdown,
  profileText,
  type ByteOffsetOf,
  type OrgDataDocument,

  type Finding,
  noCounts,
  type OrgDataSettings,
  type SettingsProblem,
} from '../engine';
import { EntraFiles, locateEntraFile, type EntraLoad } from '../entraFile';
import type { EntraDirectory } from '../engine';
import { EntraProblem, EntraThread } from './entraThread';
import { isMainThread } from 'node:worker_threads';
import { ConfigError, readSettingsFile } from './config';
import { FileRanges, validateFileStream } from './fileReader';
import { jsonReport, sarifReport, textReport, totals, type FileReport } from './reports';

const USAGE = `Usage: orgdata-lint [options] FILE|DIR|GLOB...
       orgdata-lint preview FILE [--person EMAIL] [--entra-users FILE] [--precedence entra|organizationalData] [--out FILE]
       orgdata-lint profile FILE [--format text|json|markdown] [--min-group-size N] [--show-values]
       orgdata-lint diff OLD NEW [--format text|json|markdown]

Checks organizational-data CSV files for Microsoft 365 and Viva Insights. A named file is always
checked; a directory or a glob ("data/**/*.csv", quoted) is searched for CSV files whose header is org
data (or that match orgdata.files).

Options:
  --format text|json|sarif          output format (default: text)
  --dialect auto|ods|viva           which uploader the files are for (default: auto, from the header)
  --date-format MM/DD/YYYY|DD/MM/YYYY   date format family (default: MM/DD/YYYY)
  --custom-attributes a,b           column names that are known custom attributes
  --severity CODE=LEVEL             a finding's severity (error, warning, information, hint, off); repeatable
  --config FILE                     settings file with the extension's keys ("orgdata.severity": …)
  --entra-users FILE                Entra ID users export (CSV or Graph JSON): flags values Entra ID hides
  --precedence entra|organizationalData   which source profile cards show first (default: entra)
  --top-leader EMAIL                Viva Insights: the person whose blank ManagerId is right (default: the
                                    blank one with the largest reporting tree, per EffectiveDate)
  --max-warnings N                  exit 1 when there are more than N warnings
  --max-problems N                  findings kept per file (default: 1000)
  --quiet                           show errors only (warnings still count for --max-warnings)
  -h, --help                        this help
  -v, --version                     the version

A .vscode/settings.json in the working directory is read first; --config and the flags override it.
Text output: PATH:LINE:COL SEVERITY CODE MESSAGE, one line a finding, then a summary.
Exit code: 0 no errors, 1 errors (or too many warnings), 2 usage or file error.

preview: the profile JSON that "Export data" will hold for one person after the upload (--person), or
for every person as JSON Lines, streamed.

profile: per column, how many cells are filled, blank and deleted, the distinct and most frequent values,
the values not valid for the column's type, and for grouping columns (organization, level, function,
location, custom columns) the values held by fewer than --min-group-size people (default 5, Viva
Insights' minimum group size). The values of sensitive columns (by name or values) and of identifying
ones (people, names, columns whose values are nearly all distinct) are not printed unless --show-values
is given: the report may end up in a CI log. Exit 0; 2 for usage and file errors.

diff: what uploading NEW will change for whom, against OLD (the previous upload, or a file of the stored
state), as the upload merges: a blank cell keeps the stored value, '' deletes it (and Layer -1), people
match by email without regard to case, and a person absent from NEW keeps their stored data. A history
file contributes each person's latest EffectiveDate. Exit 0; 2 for usage and file errors.`;

class UsageError extends Error {}

interface Options {
  command: 'lint' | 'preview' | 'profile' | 'diff';
  minGroupSize: number;
  settings: OrgDataSettings;
  targets: string[];
  format: 'text' | 'json' | 'sarif' | 'markdown';
  maxWarnings: number;
  quiet: boolean;
  /** profile: print the values of sensitive and identifying columns too */
  showValues: boolean;
  person?: string;
  out?: string;
}

const SETTING_FLAGS: Record<string, string> = {
  '--dialect': 'dialect',
  '--date-format': 'dateFormat',
  '--max-problems': 'maxProblems',
  '--entra-users': 'entraUsers',
  '--precedence': 'precedence',
  '--top-leader': 'topLeader',
};

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const flags: Record<string, unknown> = {};
  const severity: Record<string, string> = {};
  const targets: string[] = [];
  let format: Options['format'] = 'text';
  let minGroupSize = DEFAULT_MIN_GROUP_SIZE;
  let maxWarnings = -1;
  let quiet = false;
  let showValues = false;
  let config: string | undefined;
  let person: string | undefined;
  let out: string | undefined;
  let command: Options['command'] = 'lint';
  if (argv[0] === 'preview' || argv[0] === 'profile' || argv[0] === 'diff') {
    command = argv[0];
    argv = argv.slice(1);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [flag, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag in SETTING_FLAGS) {
      flags[SETTING_FLAGS[flag]] = value();
      continue;
    }
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '--format': {
        const f = value();
        const formats = command === 'profile' || command === 'diff' ? ['text', 'json', 'markdown'] : ['text', 'json', 'sarif'];
        if (!formats.includes(f)) throw new UsageError(`--format must be ${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}, not "${f}"`);
        format = f as Options['format'];
        break;
      }
      case '--custom-attributes':
        flags.customAttributes = value().split(',').map((s) => s.trim()).filter(Boolean);
        break;
      case '--severity': {
        const v = value();
        const at = v.indexOf('=');
        if (at < 0) throw new UsageError(`--severity takes CODE=LEVEL, got "${v}"`);
        const code = v.slice(0, at);
        if (!isCode(code)) throw new UsageError(`--severity: unknown finding code "${code}"`);
        severity[code] = v.slice(at + 1);
        break;
      }
      case '--config':
        config = value();
        break;
      case '--max-warnings': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0) throw new UsageError('--max-warnings takes a whole number, 0 or more');
        maxWarnings = n;
        break;
      }
      case '--quiet':
        quiet = true;
        break;
      case '--min-group-size': {
        if (command !== 'profile') throw new UsageError('--min-group-size goes with the profile command');
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--min-group-size takes a whole number, 1 or more');
        minGroupSize = n;
        break;
      }
      case '--show-values':
        if (command !== 'profile') throw new UsageError('--show-values goes with the profile command');
        showValues = true;
        break;
      case '--person':
        if (command !== 'preview') throw new UsageError('--person goes with the preview command');
        person = value();
        break;
      case '--out':
        if (command !== 'preview') throw new UsageError('--out goes with the preview command');
        out = value();
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        targets.push(arg);
    }
  }

  // settings: the workspace's, then --config, then the flags
  const raw: Record<string, unknown> = {};
  const workspaceSettings = path.join(process.cwd(), '.vscode', 'settings.json');
  try {
    if (fs.existsSync(workspaceSettings)) Object.assign(raw, readSettingsFile(workspaceSettings));
    if (config) Object.assign(raw, readSettingsFile(config));
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  const rawSeverity = raw.severity && typeof raw.severity === 'object' ? (raw.severity as Record<string, unknown>) : {};
  Object.assign(raw, flags);
  if (Object.keys(severity).length > 0) raw.severity = { ...rawSeverity, ...severity };
  const problems: SettingsProblem[] = [];
  const settings = normalizeSettings(raw, problems);
  if (problems.length > 0) throw new UsageError(problems[0].message.replace(/^orgdata\.(\w+)/, (_, k: string) => `--${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`));
  if (targets.length === 0) throw new UsageError(command !== 'lint' ? `${command} needs one file` : 'no file given');
  if (command === 'diff' && targets.length !== 2) throw new UsageError('diff takes two files: OLD NEW');
  if (command !== 'lint' && command !== 'diff' && targets.length > 1) throw new UsageError(`${command} takes one file`);
  return { command, settings, targets, format, maxWarnings, quiet, showValues, person, out, minGroupSize };
}

interface Target {
  path: string;
  /** named on the command line: checked whatever its header */
  named: boolean;
}

const GLOB_CHARS = /[*?[\]{}]/;

/** Files to check: named files always; from a directory or a glob, the CSVs that are org data. */
function collectFiles(targets: string[], settings: OrgDataSettings): Target[] {
  const files: Target[] = [];
  for (const t of targets) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(t);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const found = walk(t).filter((f) => isOrgDataFile(f, settings));
      if (found.length === 0) throw new UsageError(`${t}: no org-data CSV files in this directory`);
      files.push(...found.map((f) => ({ path: f, named: false })));
    } else if (stat) {
      files.push({ path: t, named: true });
    } else if (GLOB_CHARS.test(t)) {
      const found = expandGlob(t).filter((f) => isOrgDataFile(f, settings));
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
  return walk(base).filter((f) => minimatch(path.relative(base, f).split(path.sep).join('/'), parts.join('/'), { dot: false, nocase: true }));
}

function isOrgDataFile(file: string, settings: OrgDataSettings): boolean {
  if (matchesFilesSetting(settings.files, path.resolve(file).split(path.sep).join('/'), file.split(path.sep).join('/'))) return true;
  try {
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    fs.closeSync(fd);
    return looksLikeOrgData(buf.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  }
}

function ioMessage(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : code === 'ENOENT' ? 'no such file' : code ?? 'error';
  return `${file}: cannot read the file (${why})`;
}

/** A progress line on stderr for big files, when a person is watching. */
function progressFor(file: string, stderr: NodeJS.WriteStream): ((read: number, size: number) => void) | undefined {
  if (!stderr.isTTY) return undefined;
  let shown = false;
  return (read, size) => {
    if (size < 50 * 1024 * 1024) return;
    const mb = (b: number): string => (b / 1024 / 1024).toFixed(0);
    shown = true;
    stderr.write(`\rorgdata-lint: ${file} ${Math.floor((read / size) * 100)}% (${mb(read)} of ${mb(size)} MB)`);
    if (read >= size && shown) stderr.write('\r\x1b[K');
  };
}

/**
 * For the lint subcommand: the thread that reads the Entra ID users file while the files are checked
 * (a missing file is said at once; one that cannot be read, when the thread finds out). Where no thread
 * can be started, the file is read here first, as before.
 */
function entraFor(settings: OrgDataSettings): { thread?: EntraThread; entra: EntraLoad } {
  if (!settings.entraUsers) return { entra: { stamp: '' } };
  const found = locateEntraFile(settings.entraUsers, process.cwd());
  if ('problem' in found) throw new UsageError(found.problem);
  try {
    return { thread: EntraThread.start(found.file), entra: { stamp: found.stamp } };
  } catch {
    return { entra: loadEntra(settings) };
  }
}

function loadEntra(settings: OrgDataSettings): EntraLoad {
  const load = new EntraFiles().load(settings.entraUsers, process.cwd());
  if (load.problem) throw new UsageError(load.problem);
  return load;
}

export function main(argv: string[], stdout: (s: string) => void, rawStderr: (s: string) => void, stderrStream: NodeJS.WriteStream = process.stderr): number {
  // an error line names a file or an option as given: one line, whatever characters they hold
  const stderr = (s: string): void => rawStderr(printable(s));
  let opts: ReturnType<typeof parseArgs>;
  let files: Target[];
  let entra: EntraLoad;
  let thread: EntraThread | undefined;
  try {
    opts = parseArgs(argv);
    if (opts === 'help' || opts === 'version') {
      stdout(opts === 'help' ? USAGE : VERSION);
      return 0;
    }
    files = opts.command !== 'lint' ? opts.targets.map((t) => ({ path: t, named: true })) : collectFiles(opts.targets, opts.settings);
    if (opts.command === 'lint') ({ thread, entra } = entraFor(opts.settings));
    else entra = loadEntra(opts.settings);
  } catch (e) {
    if (e instanceof UsageError) {
      stderr(`orgdata-lint: ${e.message} (see --help)`);
      return 2;
    }
    throw e;
  }
  if (opts.command === 'preview') return preview(opts, files[0].path, entra, stdout, stderr);
  if (opts.command === 'profile') return profile(opts, files[0].path, stdout, stderr);
  if (opts.command === 'diff') return diff(opts, files[0].path, files[1].path, stdout, stderr);

  try {
    return lint(opts, files, { thread, directory: entra.directory }, stdout, stderr, stderrStream);
  } catch (e) {
    if (!(e instanceof EntraProblem)) throw e;
    stderr(`orgdata-lint: ${e.message} (see --help)`);
    return 2;
  } finally {
    thread?.close();
  }
}

function lint(opts: Options, files: Target[], entra: { thread?: EntraThread; directory?: EntraDirectory }, stdout: (s: string) => void, stderr: (s: string) => void, stderrStream: NodeJS.WriteStream): number {
  const reports: FileReport[] = [];
  let ioError = false;
  for (const file of files) {
    let report: FileReport;
    try {
      // --quiet: only errors are kept to be shown; every finding is counted, for --max-warnings
      const settings = opts.quiet ? { ...opts.settings, onlyErrors: true } : opts.settings;
      const result = validateFileStream(file.path, settings, { force: file.named, entraThread: entra.thread, entra: entra.directory, onProgress: progressFor(file.path, stderrStream) });
      for (const failure of result.ruleFailures) stderr(`orgdata-lint: ${file.path}: internal error in the ${failure.rule} rules (please report it): ${failure.error.split('\n')[0]}`);
      const findings: Finding[] = result.binary
        ? [{ code: 'invalid-utf8', severity: 'error', message: result.binary, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]
        : result.findings;
      // the summary and the exit status count every finding made, not only those the cap kept
      const counts = result.binary ? { ...noCounts(), error: 1 } : result.counts;
      report = { path: file.path, orgData: result.orgData, dialect: result.orgData ? result.dialect : undefined, people: result.people, findings, counts };
    } catch (e) {
      if (e instanceof EntraProblem) throw e;
      stderr(`orgdata-lint: ${ioMessage(file.path, e)}`);
      ioError = true;
      continue;
    }
    reports.push(report);
    // text goes out file by file, so a long run shows its progress
    if (opts.format === 'text') for (const line of textReport([report]).slice(0, -1)) stdout(line);
  }
  if (opts.format === 'text') stdout(textReport(reports, opts.quiet).slice(-1)[0]);
  else if (opts.format === 'json') stdout(jsonReport(reports));
  else stdout(sarifReport(reports, VERSION));

  if (ioError) return 2;
  const t = totals(reports);
  if (t.error > 0) return 1;
  if (opts.maxWarnings >= 0 && t.warning > opts.maxWarnings) {
    stderr(`orgdata-lint: ${t.warning} ${t.warning === 1 ? 'warning' : 'warnings'}, more than --max-warnings ${opts.maxWarnings}`);
    return 1;
  }
  return 0;
}

/** Streams a file's chunks to `take`; false (after one line on stderr) when it cannot be read as text. */
function streamChunks(file: string, settings: OrgDataSettings, take: (doc: OrgDataDocument, bytes?: ByteOffsetOf) => void, stderr: (s: string) => void, locateRows = false): boolean {
  try {
    const result = validateFileStream(file, settings, { force: true, readOnly: true, onChunk: take, locateRows });
    if (result.binary) {
      stderr(`orgdata-lint: ${file}: ${result.binary}`);
      return false;
    }
    return true;
  } catch (e) {
    stderr(`orgdata-lint: ${ioMessage(file, e)}`);
    return false;
  }
}

/**
 * The diff subcommand: both files streamed, each person's latest row kept as its place in the file (read
 * back when compared), then one report.
 */
function diff(opts: Options, oldFile: string, newFile: string, stdout: (s: string) => void, stderr: (s: string) => void): number {
  const builder = new DiffBuilder(opts.settings);
  let oldRows: FileRanges | undefined;
  let newRows: FileRanges | undefined;
  try {
    const old = (oldRows = new FileRanges(oldFile));
    if (!streamChunks(oldFile, opts.settings, (doc, offsetOf) => builder.addOld(doc, offsetOf && { offsetOf, file: old }), stderr, true)) return 2;
    const now = (newRows = new FileRanges(newFile));
    if (!streamChunks(newFile, opts.settings, (doc, offsetOf) => builder.addNew(doc, offsetOf && { offsetOf, file: now }), stderr, true)) return 2;
    const missing = builder.missingPerson();
    if (missing) {
      stderr(`orgdata-lint: ${missing === 'old' ? oldFile : newFile}: no person column (Microsoft_PersonEmail or PersonId), so its rows belong to no one`);
      return 2;
    }
    const d = builder.result();
    stdout(opts.format === 'json' ? diffJson(d) : opts.format === 'markdown' ? diffMarkdown(oldFile, newFile, d) : diffText(oldFile, newFile, d));
    return 0;
  } catch (e) {
    const io = e as NodeJS.ErrnoException;
    stderr(`orgdata-lint: ${io.code ? ioMessage(io.path ?? oldFile, e) : String(io.message ?? e)}`);
    return 2;
  } finally {
    oldRows?.close();
    newRows?.close();
  }
}

/** The profile subcommand: the file streamed through the profile, chunk by chunk, then one report. */
function profile(opts: Options, file: string, stdout: (s: string) => void, stderr: (s: string) => void): number {
  const builder = new ProfileBuilder(opts.settings, opts.minGroupSize, opts.showValues);
  if (!streamChunks(file, opts.settings, (doc) => builder.add(doc), stderr)) return 2;
  const p = builder.result();
  if (p.columns.length === 0) {
    stderr(`orgdata-lint: ${file}: ${NOTHING_TO_PROFILE}`);
    return 2;
  }
  stdout(opts.format === 'json' ? profileJson(p) : opts.format === 'markdown' ? profileMarkdown(file, p) : profileText(file, p));
  return 0;
}

/** The preview subcommand: one person as JSON, or everyone as JSON Lines, streamed chunk by chunk. */
function preview(opts: Options, file: string, entra: EntraLoad, stdout: (s: string) => void, stderr: (s: string) => void): number {
  let out: number | undefined;
  const write = (s: string): void => {
    if (out !== undefined) fs.writeSync(out, s + '\n');
    else stdout(s);
  };
  const previewOptions = { precedence: opts.settings.precedence, entra: entra.directory };
  let found = false;
  let personError: string | undefined;
  let skipped = 0;
  try {
    if (opts.out) out = fs.openSync(opts.out, 'w');
    const result = validateFileStream(file, opts.settings, {
      force: true,
      entra: entra.directory,
      onChunk: (doc) => {
        if (opts.person !== undefined) {
          const row = rowOfPerson(doc, opts.person);
          if (row === undefined) return undefined;
          const p = previewExport(doc, row, previewOptions);
          if ('error' in p) personError = p.error;
          else write(JSON.stringify(p, null, 2));
          found = true;
          return 'stop';
        }
        for (const person of peopleOf(doc)) {
          const p = previewExport(doc, person.row, previewOptions);
          if ('error' in p) skipped++;
          else write(JSON.stringify(p));
        }
        return undefined;
      },
    });
    if (result.binary) {
      stderr(`orgdata-lint: ${file}: ${result.binary}`);
      return 2;
    }
    if (!result.orgData || result.findings.some((f) => f.code === 'empty-file')) {
      stderr(`orgdata-lint: ${file}: not an org-data file with people in it`);
      return 2;
    }
  } catch (e) {
    stderr(`orgdata-lint: ${ioMessage(opts.out && out === undefined ? opts.out : file, e)}`);
    return 2;
  } finally {
    if (out !== undefined) fs.closeSync(out);
  }
  if (opts.person !== undefined && !found) {
    stderr(`orgdata-lint: ${file}: no row for ${opts.person}`);
    return 2;
  }
  if (personError) {
    stderr(`orgdata-lint: ${file}: ${personError}`);
    return 2;
  }
  if (opts.person === undefined && skipped > 0) stderr(`orgdata-lint: ${skipped} rows without a valid person email were left out (the upload drops them)`);
  return 0;
}

declare const ORGDATA_VERSION: string | undefined;
const VERSION = typeof ORGDATA_VERSION === 'string' ? ORGDATA_VERSION : 'dev';

// (the Entra ID thread runs this bundle too: it only serves, see entraThread)
if (require.main === module && isMainThread) {
  // a reader that stops early (orgdata-lint … | head) closes the pipe: stop quietly with the run's status
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit();
  });
  let code: number;
  try {
    code = main(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
  } catch (e) {
    process.stderr.write(`orgdata-lint: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
    code = 2;
  }
  process.exitCode = code;
}
