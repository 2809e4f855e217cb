/**
 * orgdata-lint: the engine on files, for CI and the command line.
 * Exit codes: 0 no errors, 1 errors found, 2 usage or I/O error (one line on stderr, no stack trace).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {

  decodeBytes,
  isCode,
  looksLikeOrgData,
  matchesFilesSetting,
  normalizeSettings,
  validate,
  type Finding,
  type OrgDataSettings,
  type SettingsProblem,
} from '../engine';

const USAGE = `Usage: orgdata-lint [options] FILE|DIR...

Checks organizational-data CSV files for Microsoft 365 and Viva Insights.
A directory is searched for CSV files whose header is org data.

Options:
  --dialect auto|ods|viva           which uploader the files are for (default: auto, from the header)
  --date-format MM/DD/YYYY|DD/MM/YYYY   date format family (default: MM/DD/YYYY)
  --custom-attributes a,b           column names that are known custom attributes
  --severity CODE=LEVEL             override a finding's severity (error, warning, information, hint, off); repeatable
  --max-problems N                  findings shown per file (default: 1000)
  -h, --help                        this help
  -v, --version                     the version

Output: PATH:LINE:COL SEVERITY CODE MESSAGE, one line a finding, then a summary.
Exit code: 0 no errors, 1 errors found, 2 usage or file error.`;

class UsageError extends Error {}

interface Options {
  settings: OrgDataSettings;
  targets: string[];
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const raw: Record<string, unknown> = {};
  const severity: Record<string, string> = {};
  const targets: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '--dialect':
        raw.dialect = value();
        break;
      case '--date-format':
        raw.dateFormat = value();
        break;
      case '--custom-attributes':
        raw.customAttributes = value().split(',').map((s) => s.trim()).filter(Boolean);
        break;
      case '--max-problems':
        raw.maxProblems = value();
        break;
      case '--severity': {
        const v = value();
        const eq = v.indexOf('=');
        if (eq < 0) throw new UsageError(`--severity takes CODE=LEVEL, got "${v}"`);
        const code = v.slice(0, eq);
        if (!isCode(code)) throw new UsageError(`--severity: unknown finding code "${code}"`);
        severity[code] = v.slice(eq + 1);
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        targets.push(arg);
    }
  }
  if (Object.keys(severity).length > 0) raw.severity = severity;
  const problems: SettingsProblem[] = [];
  const settings = normalizeSettings(raw, problems);
  if (problems.length > 0) throw new UsageError(problems[0].message.replace(/^orgdata\./, '--'));
  if (targets.length === 0) throw new UsageError('no file given');
  return { settings, targets };
}

/** Files to check: named files always; from a directory, the CSVs that are org data by header or setting. */
function collectFiles(targets: string[], settings: OrgDataSettings): { path: string; named: boolean }[] {
  const files: { path: string; named: boolean }[] = [];
  for (const t of targets) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(t);
    } catch {
      throw new UsageError(`${t}: no such file or directory`);
    }
    if (stat.isDirectory()) {
      const found = walk(t).filter((f) => isOrgDataFile(f, settings));
      if (found.length === 0) throw new UsageError(`${t}: no org-data CSV files in this directory`);
      for (const f of found) files.push({ path: f, named: false });
    } else files.push({ path: t, named: true });
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

function isOrgDataFile(file: string, settings: OrgDataSettings): boolean {
  if (matchesFilesSetting(settings.files, path.resolve(file), file)) return true;
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

function formatFinding(file: string, f: Finding): string {
  return `${file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} ${f.message}`;
}

export function main(argv: string[], stdout: (s: string) => void, stderr: (s: string) => void): number {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      stderr(`orgdata-lint: ${e.message} (see --help)`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    stdout(USAGE);
    return 0;
  }
  if (opts === 'version') {
    stdout(VERSION);
    return 0;
  }
  let files: { path: string; named: boolean }[];
  try {
    files = collectFiles(opts.targets, opts.settings);
  } catch (e) {
    if (e instanceof UsageError) {
      stderr(`orgdata-lint: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  let ioError = false;
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file.path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      stderr(`orgdata-lint: ${file.path}: cannot read the file (${code === 'EACCES' ? 'permission denied' : code ?? 'error'})`);
      ioError = true;
      continue;
    }
    const decoded = decodeBytes(bytes);
    let findings: Finding[];
    if (decoded.problem?.kind === 'binary') {
      findings = [{ code: 'invalid-utf8', severity: 'error', message: decoded.problem.message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
    } else {
      const result = validate(decoded.text, opts.settings, { force: file.named, encodingProblem: decoded.problem?.message });
      for (const failure of result.ruleFailures) stderr(`orgdata-lint: ${file.path}: internal error in the ${failure.rule} rules (please report): ${failure.error.split('\n')[0]}`);
      findings = result.findings;
    }
    for (const f of findings) {
      counts[f.severity]++;
      stdout(formatFinding(file.path, f));
    }
  }
  const parts = [`${counts.error} ${counts.error === 1 ? 'error' : 'errors'}`, `${counts.warning} ${counts.warning === 1 ? 'warning' : 'warnings'}`];
  if (counts.information) parts.push(`${counts.information} information`);
  if (counts.hint) parts.push(`${counts.hint} ${counts.hint === 1 ? 'hint' : 'hints'}`);
  stdout(`${parts.join(', ')} in ${files.length} ${files.length === 1 ? 'file' : 'files'}`);
  if (ioError) return 2;
  return counts.error > 0 ? 1 : 0;
}

declare const ORGDATA_VERSION: string | undefined;
const VERSION = typeof ORGDATA_VERSION === 'string' ? ORGDATA_VERSION : 'dev';

if (require.main === module) {
  const out: string[] = [];
  let code: number;
  try {
    code = main(process.argv.slice(2), (s) => out.push(s), (s) => process.stderr.write(s + '\n'));
  } catch (e) {
    process.stderr.write(`orgdata-lint: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
    code = 2;
  }
  process.stdout.write(out.length ? out.join('\n') + '\n' : '');
  process.exitCode = code;
}
