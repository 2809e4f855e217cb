/**
 * orgdata-lint: the engine on files, for CI and the command line. Files are streamed through the engine
 * in chunks, so a multi-GB file needs no more memory than a small one.
 * Exit codes: 0 no errors (and warnings within --max-warnings), 1 findings over the bar, 2 usage or
 * file error (one line on stderr, never a stack trace).
 */
import { isMainThread } from 'node:worker_threads';
import { printable, type OrgDataSettings } from '../engine';
import { EntraFiles, locateEntraFile, type EntraLoad } from '../entraFile';
import { parseArgs, UsageError, USAGE } from './args';
import { diff } from './commands/diff';
import { lint } from './commands/lint';
import { preview } from './commands/preview';
import { profile } from './commands/profile';
import { EntraProblem, EntraThread } from './entraThread';
import { collectFiles, type Target } from './targets';
import { VERSION } from './version';

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

export function main(
  argv: string[],
  stdout: (s: string) => void,
  rawStderr: (s: string) => void,
  stderrStream: NodeJS.WriteStream = process.stderr,
): number {
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
