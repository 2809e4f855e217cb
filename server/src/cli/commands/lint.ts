/** orgdata-lint (check): the findings of each file, as text, JSON or SARIF, and the exit status. */
import { noCounts, type EntraDirectory, type Finding } from '../../engine';
import type { Options } from '../args';
import { EntraProblem, type EntraThread } from '../entraThread';
import { validateFileStream } from '../fileReader';
import { ioMessage, progressFor } from '../io';
import {
  fixableCount,
  githubReport,
  gitlabReport,
  jsonReport,
  junitReport,
  sarifReport,
  statisticsReport,
  summaryLine,
  textReport,
  totals,
  type FileReport,
} from '../reports';
import type { Target } from '../targets';
import { VERSION } from '../version';
import { terminalMessage } from '../words';

/** --statistics counts every finding: the cap is lifted (the findings are counted, not printed). */
const ALL_FINDINGS = 1 << 30;

export function lint(
  opts: Options,
  files: Target[],
  entra: { thread?: EntraThread; directory?: EntraDirectory },
  stdout: (s: string) => void,
  stderr: (s: string) => void,
  stderrStream: NodeJS.WriteStream,
): number {
  const reports: FileReport[] = [];
  let ioError = false;
  for (const file of files) {
    let report: FileReport;
    try {
      // --quiet: only errors are kept to be shown; every finding is counted, for --max-warnings
      // --statistics: every finding, not the first --max-problems
      const own = file.settings ?? opts.settings;
      const settings = opts.statistics ? { ...own, maxProblems: ALL_FINDINGS } : opts.quiet ? { ...own, onlyErrors: true } : own;
      const result = validateFileStream(file.path, settings, {
        force: file.named,
        entraThread: entra.thread,
        entra: entra.directory,
        onProgress: progressFor(file.path, stderrStream),
      });
      for (const failure of result.ruleFailures)
        stderr(
          `orgdata-lint: ${file.path}: internal error in the ${failure.rule} rules (please report it): ${failure.error.split('\n')[0]}`,
        );
      const findings: Finding[] = result.binary
        ? [
            {
              code: 'invalid-utf8',
              severity: 'error',
              message: result.binary,
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            },
          ]
        : result.findings.map((f) => {
            // the terminal's words: a flag where the editor's message names a setting, --fix where it names a safe quick fix
            const message = terminalMessage(f);
            return message === f.message ? f : { ...f, message };
          });
      // the summary and the exit status count every finding made, not only those the cap kept
      const counts = result.binary ? { ...noCounts(), error: 1 } : result.counts;
      report = {
        path: file.display ?? file.path,
        orgData: result.orgData,
        dialect: result.orgData ? result.dialect : undefined,
        people: result.people,
        findings,
        counts,
      };
    } catch (e) {
      if (e instanceof EntraProblem) throw e;
      stderr(`orgdata-lint: ${ioMessage(file.path, e)}`);
      ioError = true;
      continue;
    }
    reports.push(report);
    // text goes out file by file, so a long run shows its progress
    if (opts.format === 'text' && !opts.statistics) for (const line of textReport([report], false, opts.color).slice(0, -1)) stdout(line);
  }
  if (opts.statistics) {
    const table = statisticsReport(reports, opts.format === 'json' ? 'json' : 'text');
    if (table) stdout(table);
    if (opts.format === 'text') stdout(summaryLine(totals(reports), reports.length, false, fixableCount(reports)));
  } else if (opts.format === 'text') stdout(textReport(reports, opts.quiet).slice(-1)[0]);
  else if (opts.format === 'json') stdout(jsonReport(reports));
  else if (opts.format === 'github') for (const line of githubReport(reports)) stdout(line);
  else if (opts.format === 'gitlab') stdout(gitlabReport(reports));
  else if (opts.format === 'junit') stdout(junitReport(reports));
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
