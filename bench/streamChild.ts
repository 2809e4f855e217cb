/**
 * One measured run in a process of its own, so that its peak memory is its own: orgdata-lint on a file
 * (or its diff and profile subcommands), or csv-parse's stream parser alone on the same file. Prints
 * {ms, maxRssMB, ...} as JSON.
 */
import * as fs from 'node:fs';
import { parse } from 'csv-parse';
import { main } from '../server/src/cli/orgdataLint';

const [what, file, other] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const done = (extra: Record<string, unknown>): void => {
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, ...extra }) + '\n');
};

if (what === 'orgdata-lint' || what === 'diff' || what === 'profile') {
  const lines: string[] = [];
  const args =
    what === 'diff' ? ['diff', file, other, '--format', 'json'] : what === 'profile' ? ['profile', file, '--format', 'json'] : [file];
  const code = main(
    args,
    (s) => lines.push(s),
    (s) => process.stderr.write(s + '\n'),
  );
  const out = lines[lines.length - 1];
  const summary =
    what === 'diff'
      ? JSON.stringify((JSON.parse(out) as { people: { changed: number; unchanged: number } }).people, (k, v) =>
          Array.isArray(v) ? v.length : v,
        )
      : what === 'profile'
        ? `${(JSON.parse(out) as { people: number }).people} people`
        : out;
  done({ code, summary });
} else {
  let records = 0;
  fs.createReadStream(file)
    .pipe(parse({ relax_column_count: true }))
    .on('data', () => records++)
    .on('end', () => done({ records }))
    .on('error', (e) => {
      process.stderr.write(String(e) + '\n');
      process.exitCode = 1;
    });
}
