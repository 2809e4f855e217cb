/**
 * orgdata-lint: the engine on files, for CI and the command line. Files are streamed through the engine
 * in chunks, so a multi-GB file needs no more memory than a small one.
 * Exit codes: 0 no errors (and warnings within --max-warnings), 1 findings over the bar, 2 usage or
 * file error (one line on stderr, never a stack trace).
 */
import { isMainThread } from 'node:worker_threads';
import * as fs from 'node:fs';
import { CODES, codeInfo, isCode, printable, type OrgDataSettings } from '../engine';
import { EntraFiles, locateEntraFile, type EntraLoad } from '../entraFile';
import { ConfigProblem, parseArgs, UsageError, USAGE } from './args';
import { STDIN_PATH } from './fileReader';
import * as path from 'node:path';
import { diff } from './commands/diff';
import { diffFixes, fixFiles } from './commands/fix';
import { convert } from './commands/convert';
import { initProject } from './commands/init';
import { lint } from './commands/lint';
import { preview } from './commands/preview';
import { profile } from './commands/profile';
import { EntraProblem, EntraThread } from './entraThread';
import { collectFiles, stdinTarget, type Target } from './targets';
import { VERSION } from './version';
import { terminalWords } from './words';

/**
 * For the lint subcommand: the thread that reads the Entra ID users file while the files are checked
 * (a missing file is said at once; one that cannot be read, when the thread finds out). Where no thread
 * can be started, the file is read here first, as before.
 */
function entraFor(settings: OrgDataSettings): { thread?: EntraThread; entra: EntraLoad } {
  if (!settings.entraUsers) return { entra: { stamp: '' } };
  const found = locateEntraFile(settings.entraUsers, process.cwd());
  if ('problem' in found) throw new UsageError(terminalWords(found.problem));
  try {
    return { thread: EntraThread.start(found.file), entra: { stamp: found.stamp } };
  } catch {
    return { entra: loadEntra(settings) };
  }
}

function loadEntra(settings: OrgDataSettings): EntraLoad {
  const load = new EntraFiles().load(settings.entraUsers, process.cwd());
  if (load.problem) throw new UsageError(terminalWords(load.problem));
  return load;
}

export function main(
  argv: string[],
  stdout: (s: string) => void,
  rawStderr: (s: string) => void,
  stderrStream: NodeJS.WriteStream = process.stderr,
  stdoutIsTerminal = process.stdout.isTTY === true,
  env: NodeJS.ProcessEnv = process.env,
): number {
  // an error line names a file or an option as given: one line, whatever characters they hold
  const stderr = (s: string): void => rawStderr(printable(s));
  let opts: ReturnType<typeof parseArgs>;
  let files: Target[];
  let entra: EntraLoad;
  let thread: EntraThread | undefined;
  const skipped: string[] = [];
  try {
    opts = parseArgs(argv);
    if (opts === 'help' || opts === 'version') {
      stdout(opts === 'help' ? USAGE : VERSION);
      return 0;
    }
    if (opts.command === 'rule') return rule(opts.targets[0], stdout, stderr);
    // colour: the flag, else NO_COLOR (no-color.org), else FORCE_COLOR, else whether a person reads the terminal; never into a file
    const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
    opts.color = opts.out === undefined && (opts.color ?? (env.NO_COLOR ? false : forced || stdoutIsTerminal));
    const stdinName = opts.stdinFilename;
    files =
      opts.command !== 'lint'
        ? opts.targets.map((t) => (t === '-' ? stdinTarget(stdinName) : { path: t, named: true }))
        : collectFiles(opts.targets, opts.settingsFor, stdinName, skipped);
    // each file's settings (its orgdata.json's): a mistake there stops the run before anything is checked
    for (const f of files) f.settings = opts.settingsFor(f.path === STDIN_PATH ? path.join(process.cwd(), '-') : f.path);
    // one file's commands work under its settings; the Entra ID file is the first file's
    if (files.length > 0) opts.settings = files[0].settings!;
    if (skipped.length > 0) {
      // a directory scan says which CSV files it passed over, and why
      const named = skipped.slice(0, 5).join(', ') + (skipped.length > 5 ? `, and ${skipped.length - 5} more` : '');
      stderr(
        `orgdata-lint: skipped ${skipped.length} CSV ${skipped.length === 1 ? 'file' : 'files'} that ${skipped.length === 1 ? 'is' : 'are'} not org data (no Microsoft_ or Viva Insights attribute in the header, and not in orgdata.files): ${named}`,
      );
    }
    // --diff, convert and init read no Entra ID file: what they write does not depend on it
    if (opts.command === 'lint' && opts.fix !== 'diff') ({ thread, entra } = entraFor(opts.settings));
    else if (opts.command === 'convert' || opts.command === 'init' || opts.fix === 'diff') entra = { stamp: '' };
    else entra = loadEntra(opts.settings);
  } catch (e) {
    if (e instanceof UsageError) {
      stderr(`orgdata-lint: ${e.message} (see --help)`);
      return 2;
    }
    if (e instanceof ConfigProblem) {
      for (const line of e.message.split('\n')) stderr(`orgdata-lint: ${line}`);
      return 2;
    }
    throw e;
  }
  if (opts.command === 'preview') return preview(opts, files[0].path, entra, stdout, stderr);
  if (opts.command === 'convert') return convert(opts, files[0], stderr);
  if (opts.command === 'init') return initProject(opts, files[0], stderr);
  // -o FILE: the report goes there, nothing to standard output, the same exit code
  const lines: string[] = [];
  const report = opts.out !== undefined ? (s: string): void => void lines.push(s) : stdout;
  const written = (code: number): number => {
    if (opts.out === undefined) return code;
    try {
      fs.writeFileSync(opts.out, lines.length ? lines.join('\n') + '\n' : '');
      return code;
    } catch (e) {
      stderr(
        `orgdata-lint: ${opts.out}: cannot write the report (${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : ((e as NodeJS.ErrnoException).code ?? 'error')})`,
      );
      return 2;
    }
  };
  if (opts.command === 'profile') return written(profile(opts, files[0].path, report, stderr));
  if (opts.command === 'diff') return written(diff(opts, files[0], files[1], report, stderr));
  if (opts.fix === 'diff') return written(diffFixes(opts, files, report, stderr));
  // --fix: the files are repaired first, then checked as they are now
  const fixedAll = opts.fix === 'write' ? fixFiles(opts, files, stderr) : true;

  try {
    const code = written(lint(opts, files, { thread, directory: entra.directory }, report, stderr, stderrStream));
    return fixedAll ? code : 2;
  } catch (e) {
    if (!(e instanceof EntraProblem)) throw e;
    stderr(`orgdata-lint: ${e.message} (see --help)`);
    return 2;
  } finally {
    thread?.close();
  }
}

/** orgdata-lint rule CODE: what a finding code means, why, the fix, and its source. */
function rule(code: string, stdout: (s: string) => void, stderr: (s: string) => void): number {
  if (!isCode(code)) {
    const near = Object.keys(CODES).filter((c) => c.includes(code) || code.includes(c));
    stderr(
      `orgdata-lint: unknown finding code "${code}"${near.length ? `; did you mean ${near.slice(0, 3).join(', ')}?` : ''} (see --help)`,
    );
    return 2;
  }
  const info = codeInfo(code);
  const severity =
    typeof info.severity === 'string'
      ? info.severity
      : `${info.severity.ods} in Organizational data files, ${info.severity.viva} in Viva Insights files`;
  stdout(
    [
      `${code}: ${info.title}`,
      `default severity: ${severity}`,
      '',
      info.help,
      ...(info.decision ? ['', `Our decision: ${info.decision}`] : []),
      ...(info.safeFix ? ['', `Fix: orgdata-lint --fix ${info.safeFix} (as the editor's quick fix and fix all do).`] : []),
      '',
      `Source: ${info.source}`,
      `Example: ${info.example}`,
      `Turn it off or change it: --severity ${code}=off (or orgdata.severity in the settings).`,
    ].join('\n'),
  );
  return 0;
}

// (the Entra ID thread runs this bundle too: it only serves, see entraThread)
if (require.main === module && isMainThread) {
  // a reader that stops early (orgdata-lint … | head) closes the pipe: stop quietly with the run's status
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit();
  });
  let code: number;
  try {
    code = main(
      process.argv.slice(2),
      (s) => process.stdout.write(s + '\n'),
      (s) => process.stderr.write(s + '\n'),
    );
  } catch (e) {
    process.stderr.write(`orgdata-lint: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
    code = 2;
  }
  process.exitCode = code;
}
