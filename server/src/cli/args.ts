/** orgdata-lint's command line: the usage text, the options of each command, and the settings they make. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MIN_GROUP_SIZE, isCode, normalizeSettings, type OrgDataSettings, type SettingsProblem } from '../engine';
import { ConfigError, readSettingsFile, readText } from './config';
import { ProjectFiles, problemLine, readProjectFile } from '../projectFile';

export const USAGE = `Usage: orgdata-lint [check] [options] FILE|DIR|GLOB|-...
       orgdata-lint preview FILE [--person EMAIL] [--entra-users FILE] [--precedence entra|organizationalData] [--out FILE]
       orgdata-lint profile FILE [--format text|json|markdown] [--min-group-size N] [--show-values]
       orgdata-lint diff OLD NEW [--format text|json|markdown]
       orgdata-lint convert RAW -o UPLOAD
       orgdata-lint init RAW [-o orgdata.json] [--dialect ods|viva]
       orgdata-lint rule CODE

Checks organizational-data CSV files for Microsoft 365 and Viva Insights. A named file is always
checked; a directory or a glob ("data/**/*.csv", quoted) is searched for CSV files whose header is org
data (or that match orgdata.files).

Options:
  --format FORMAT                   text (default), json, sarif, github (workflow commands), gitlab (Code
                                    Quality) or junit
  -o, --output-file FILE            write the report to FILE instead of standard output (same exit code)
  --stdin-filename NAME             the name a file read from standard input (-) has in the report
  --dialect auto|ods|viva           which uploader the files are for (default: auto, from the header)
  --date-format MM/DD/YYYY|DD/MM/YYYY   date format family (default: MM/DD/YYYY)
  --custom-attributes a,b           column names that are known custom attributes
  --severity CODE=LEVEL             a finding's severity (error, warning, information, hint, off); repeatable
  --config FILE                     the project file to use (orgdata.json's keys), or a settings file with
                                    the extension's keys ("orgdata.severity": …), instead of the nearest
                                    orgdata.json
  --no-config                       read no orgdata.json and no .vscode/settings.json
  --entra-users FILE                Entra ID users export (CSV or Graph JSON): flags values Entra ID hides
  --precedence entra|organizationalData   which source profile cards show first (default: entra)
  --top-leader EMAIL                Viva Insights: the person whose blank ManagerId is right (default: the
                                    blank one with the largest reporting tree, per EffectiveDate)
  --max-warnings N                  exit 1 when there are more than N warnings (-1: no limit, the default)
  --max-problems N                  findings kept per file (default: 1000)
  --quiet                           show errors only (warnings still count for --max-warnings)
  --fix                             apply the safe fixes in place (see docs/cli.md), then report what is left
  --diff                            print what --fix would change as a unified diff; exit 1 if anything
  --statistics                      a count per finding code instead of the findings (text or json)
  -h, --help                        this help
  -v, --version                     the version

Settings of a file: the flags, then the nearest orgdata.json from the file's folder upward (or --config),
then .vscode/settings.json in the working directory, then the defaults. A mistake in orgdata.json stops
the run with its file, line and key.
- reads the CSV from standard input. A flag a command does not take is a usage error.
Text output: PATH:LINE:COL: SEVERITY: MESSAGE [CODE], one line a finding, then a summary.
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
file contributes each person's latest EffectiveDate. Exit 0; 2 for usage and file errors.

convert: the upload file made from an HR export: the columns orgdata.columns maps, under their mapped
names, the others left out; UTF-8, commas, RFC 4180 quoting, and the safe fixes made (see --fix). It never
writes over RAW. Checking UPLOAD gives RAW's findings on the same lines.

init: a starter orgdata.json beside an HR export: a column mapping guessed from its header (each guess with
its reason as a comment), the columns left out, the dialect and the date format. It never writes over a file.

rule CODE: what a finding code means, why, the fix, and its source.`;

export class UsageError extends Error {}

export type Format = 'text' | 'json' | 'sarif' | 'markdown' | 'github' | 'gitlab' | 'junit';

export interface Options {
  command: 'lint' | 'preview' | 'profile' | 'diff' | 'rule' | 'convert' | 'init';
  minGroupSize: number;
  /** the settings in the working directory (standard input's) */
  settings: OrgDataSettings;
  /** the settings of a file: the flags, over its orgdata.json (or --config), over .vscode/settings.json, over the defaults */
  settingsFor: (file: string) => OrgDataSettings;
  targets: string[];
  format: Format;
  maxWarnings: number;
  quiet: boolean;
  /** profile: print the values of sensitive and identifying columns too */
  showValues: boolean;
  person?: string;
  /** where the report goes (-o, --output-file; preview's --out): nothing to standard output */
  out?: string;
  /** the name of the file read from standard input, in the report */
  stdinFilename?: string;
  /** --color or --no-color; otherwise NO_COLOR, FORCE_COLOR and whether the output is a terminal decide */
  color?: boolean;
  /** --fix: the safe fixes written in place before the check; --diff: printed instead of the check */
  fix?: 'write' | 'diff';
  /** --statistics: a count per code instead of the findings */
  statistics?: boolean;
}

/** The formats of each command's report. */
const FORMATS: Record<Options['command'], readonly Format[]> = {
  lint: ['text', 'json', 'sarif', 'github', 'gitlab', 'junit'],
  profile: ['text', 'json', 'markdown'],
  diff: ['text', 'json', 'markdown'],
  preview: [],
  rule: [],
  convert: [],
  init: [],
};

/**
 * The flags each command takes besides -h, -v, --config and -o: a flag a command does not take is a usage
 * error, not silently ignored (preview's settings are those that shape its JSON).
 */
const LINT_ONLY = new Set([
  '--max-warnings',
  '--quiet',
  '--severity',
  '--max-problems',
  '--top-leader',
  '--color',
  '--no-color',
  '--fix',
  '--diff',
  '--statistics',
]);
const TAKES: Record<Options['command'], (flag: string) => boolean> = {
  lint: (f) => !['--min-group-size', '--show-values', '--person', '--out'].includes(f),
  preview: (f) => !LINT_ONLY.has(f) && !['--format', '--min-group-size', '--show-values', '--color', '--no-color'].includes(f),
  profile: (f) => !LINT_ONLY.has(f) && !['--entra-users', '--precedence', '--person', '--out'].includes(f),
  diff: (f) =>
    !LINT_ONLY.has(f) && !['--entra-users', '--precedence', '--person', '--out', '--min-group-size', '--show-values'].includes(f),
  rule: (f) => f === '--help' || f === '-h',
  convert: (f) =>
    !LINT_ONLY.has(f) &&
    !['--format', '--entra-users', '--precedence', '--person', '--out', '--min-group-size', '--show-values'].includes(f),
  init: (f) => ['--dialect'].includes(f),
};

export const SETTING_FLAGS: Record<string, string> = {
  '--dialect': 'dialect',
  '--date-format': 'dateFormat',
  '--max-problems': 'maxProblems',
  '--entra-users': 'entraUsers',
  '--precedence': 'precedence',
  '--top-leader': 'topLeader',
};

export function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const flags: Record<string, unknown> = {};
  const severity: Record<string, string> = {};
  const targets: string[] = [];
  let format: Format = 'text';
  let stdinFilename: string | undefined;
  let color: boolean | undefined;
  let minGroupSize = DEFAULT_MIN_GROUP_SIZE;
  let maxWarnings = -1;
  let quiet = false;
  let showValues = false;
  let config: string | undefined;
  let noConfig = false;
  let person: string | undefined;
  let out: string | undefined;
  let command: Options['command'] = 'lint';
  let fix: Options['fix'];
  let statistics = false;
  if (['preview', 'profile', 'diff', 'rule', 'convert', 'init'].includes(argv[0])) {
    command = argv[0] as Options['command'];
    argv = argv.slice(1);
  } else if (argv[0] === 'check') argv = argv.slice(1);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [flag, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const known = flag in SETTING_FLAGS || KNOWN_FLAGS.has(flag);
    if (
      known &&
      !['-h', '--help', '-v', '--version', '--config', '--no-config', '-o', '--output-file', '--stdin-filename'].includes(flag) &&
      !TAKES[command](flag)
    ) {
      throw new UsageError(`${flag} does not go with the ${command === 'lint' ? 'check' : command} command`);
    }
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
        const formats = FORMATS[command];
        if (!formats.includes(f as Format))
          throw new UsageError(`--format must be ${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}, not "${f}"`);
        format = f as Format;
        break;
      }
      case '-o':
      case '--output-file':
        out = value();
        break;
      case '--stdin-filename':
        stdinFilename = value();
        break;
      case '--color':
        color = true;
        break;
      case '--no-color':
        color = false;
        break;
      case '--custom-attributes':
        flags.customAttributes = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
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
      case '--no-config':
        noConfig = true;
        break;
      case '--max-warnings': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < -1) throw new UsageError('--max-warnings takes a whole number, 0 or more (or -1: no limit)');
        maxWarnings = n;
        break;
      }
      case '--quiet':
        quiet = true;
        break;
      case '--fix':
      case '--diff':
        if (fix && fix !== (flag === '--fix' ? 'write' : 'diff')) throw new UsageError('--fix and --diff do not go together');
        fix = flag === '--fix' ? 'write' : 'diff';
        break;
      case '--statistics':
        statistics = true;
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
        out = value();
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        targets.push(arg);
    }
  }

  const layers = settingsLayers(flags, severity, config, noConfig);
  const settings = layers.settingsFor(path.join(process.cwd(), '-'));
  if (command === 'rule') {
    if (targets.length !== 1) throw new UsageError('rule takes one finding code');
    return { command, settings, settingsFor: layers.settingsFor, targets, format, maxWarnings, quiet, showValues, minGroupSize };
  }
  if (targets.length === 0) throw new UsageError(command !== 'lint' ? `${command} needs one file` : 'no file given');
  if (targets.filter((t) => t === '-').length > 1) throw new UsageError('standard input (-) can be read once');
  if (command === 'diff' && targets.length !== 2) throw new UsageError('diff takes two files: OLD NEW');
  if (command !== 'lint' && command !== 'diff' && targets.length > 1) throw new UsageError(`${command} takes one file`);
  if (fix === 'write' && targets.includes('-'))
    throw new UsageError('--fix cannot write to standard input: name the file, or see the fixes with --diff');
  if (statistics && fix === 'diff') throw new UsageError('--statistics and --diff do not go together');
  if (statistics && format !== 'text' && format !== 'json') throw new UsageError('--statistics prints text or json');
  return {
    command,
    settings,
    settingsFor: layers.settingsFor,
    targets,
    format,
    maxWarnings,
    quiet,
    showValues,
    person,
    out,
    stdinFilename,
    color,
    minGroupSize,
    fix,
    statistics,
  };
}

/** Every flag orgdata-lint knows, for the check of which command takes it. */
const KNOWN_FLAGS = new Set([
  '-h',
  '--help',
  '-v',
  '--version',
  '--format',
  '-o',
  '--output-file',
  '--stdin-filename',
  '--custom-attributes',
  '--severity',
  '--config',
  '--no-config',
  '--max-warnings',
  '--quiet',
  '--min-group-size',
  '--show-values',
  '--person',
  '--out',
  '--color',
  '--no-color',
  '--fix',
  '--diff',
  '--statistics',
]);

/** A mistake in a settings or project file: one line naming the file (and line and key), exit 2. */
export class ConfigProblem extends Error {}

/**
 * The settings layers: the flags (a bad value is the flag's), a project file (orgdata.json, found per file,
 * or --config), .vscode/settings.json in the working directory; each mistake said where it is.
 */
function settingsLayers(
  flags: Record<string, unknown>,
  severityFlags: Record<string, string>,
  config: string | undefined,
  noConfig: boolean,
): { settingsFor: (file: string) => OrgDataSettings } {
  const flagProblems: SettingsProblem[] = [];
  normalizeSettings({ ...flags, severity: severityFlags }, flagProblems);
  if (flagProblems.length > 0)
    throw new UsageError(
      flagProblems[0].message.replace(/^orgdata\.(\w+)/, (_, k: string) => `--${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`),
    );
  let workspace: Record<string, unknown> = {};
  let fixed: Record<string, unknown> | undefined;
  const workspaceSettings = path.join(process.cwd(), '.vscode', 'settings.json');
  try {
    if (!noConfig && fs.existsSync(workspaceSettings)) workspace = readSettingsFile(workspaceSettings);
    if (config) fixed = readConfig(config);
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigProblem(e.message);
    throw e;
  }
  const projects = new ProjectFiles();
  const cache = new Map<string, OrgDataSettings>();
  const merge = (project: Record<string, unknown>): OrgDataSettings => {
    const severityOf = (r: Record<string, unknown>): Record<string, unknown> =>
      r.severity && typeof r.severity === 'object' ? (r.severity as Record<string, unknown>) : {};
    const raw = { ...workspace, ...project, ...flags };
    raw.severity = { ...severityOf(workspace), ...severityOf(project), ...severityFlags };
    return normalizeSettings(raw);
  };
  return {
    settingsFor(file: string): OrgDataSettings {
      const project = noConfig || fixed ? undefined : projects.forDir(path.dirname(path.resolve(file)));
      if (project?.problems.length) throw new ConfigProblem(project.problems.map(problemLine).join('\n'));
      const key = project?.file ?? '';
      let s = cache.get(key);
      if (!s) cache.set(key, (s = merge(fixed ?? project?.raw ?? {})));
      return s;
    },
  };
}

/** --config FILE: a project file (orgdata.json's keys, checked strictly), or a settings file with orgdata.* keys. */
function readConfig(file: string): Record<string, unknown> {
  const text = readText(file);
  if (/"orgdata[."]/.test(text)) return readSettingsFile(file, text);
  const project = readProjectFile(file, text);
  if (project.problems.length) throw new ConfigError(project.problems.map(problemLine).join('\n'));
  return project.raw;
}
