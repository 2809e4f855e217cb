/**
 * One measured run in a process of its own, so that its peak memory is its own: either orgdata-lint on a
 * file, or csv-parse's stream parser alone on the same file. Prints {ms, maxRssMB, ...} as JSON.
 */
import * as fs from 'node:fs';
import { parse } from 'csv-parse';
import { main } from '../server/src/cli/orgdataLint';

const [what, file] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const done = (extra: Record<string, unknown>): void => {
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, ...extra }) + '\n');
};

if (what === 'orgdata-lint') {
  const lines: string[] = [];
  const code = main([file], (s) => lines.push(s), (s) => process.stderr.write(s + '\n'));
  done({ code, summary: lines[lines.length - 1] });
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
