/**
 * orgdata-lint init RAW: a starter orgdata.json beside an HR export: a column mapping guessed from its header
 * (each guess with its reason, as a comment, for a person to confirm), the columns left unmapped, and the
 * dialect and date format the export suggests. It never writes over an existing file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cellValue, detectDelimiter, guessColumn, guessDateFormat, parseCsv, type Dialect } from '../../engine';
import type { Options } from '../args';
import { decodeForFix } from './fix';
import { ioMessage } from '../io';
import type { Target } from '../targets';
import { PROJECT_FILE } from '../../projectFile';

/** Rows read for the date format: enough to meet a day above 12. */
const SAMPLE_ROWS = 2000;

export function initProject(opts: Options, raw: Target, stderr: (s: string) => void): number {
  const name = raw.display ?? raw.path;
  const target = opts.out ?? path.join(path.dirname(raw.path === '/dev/stdin' ? path.join(process.cwd(), '-') : raw.path), PROJECT_FILE);
  if (fs.existsSync(target)) {
    stderr(`orgdata-lint: ${target} already exists; init never writes over it (edit it, or name another file with -o)`);
    return 2;
  }
  let bytes: Buffer;
  try {
    const fd = raw.path === '/dev/stdin' ? 0 : fs.openSync(raw.path, 'r');
    const buf = Buffer.alloc(4 * 1024 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (fd !== 0) fs.closeSync(fd);
    bytes = buf.subarray(0, n);
  } catch (e) {
    stderr(`orgdata-lint: ${ioMessage(name, e)}`);
    return 2;
  }
  const decoded = decodeForFix(bytes);
  if (typeof decoded === 'string' && !decoded.startsWith('it holds bytes')) {
    stderr(`orgdata-lint: ${name}: ${decoded}`);
    return 2;
  }
  const text = typeof decoded === 'string' ? bytes.toString('utf8') : decoded.text;
  const table = parseCsv(text, undefined, detectDelimiter(text));
  if (table.rowCount === 0) {
    stderr(`orgdata-lint: ${name}: the file is empty; init reads the export's header`);
    return 2;
  }
  const header: string[] = [];
  for (let c = table.rowFirstCell[0]; c < table.rowFirstCell[1]; c++) header.push(cellValue(table, c));
  const dialect: Dialect = opts.settings.dialect === 'viva' ? 'viva' : 'ods';
  const taken = new Set<string>();
  const guesses = header.map((h) => {
    const g = guessColumn(h, dialect, taken);
    if (g.to) taken.add(g.to);
    return g;
  });
  const values: string[] = [];
  for (let r = 1; r < Math.min(table.rowCount, SAMPLE_ROWS); r++)
    for (let c = table.rowFirstCell[r]; c < table.rowFirstCell[r + 1]; c++) values.push(cellValue(table, c));
  const dateFormat = guessDateFormat(values);

  const q = (s: string): string => JSON.stringify(s);
  const mapped = guesses.filter((g) => g.to);
  const unmapped = guesses.filter((g) => !g.to && g.column !== '');
  const lines = [
    '{',
    `  // The project file for ${path.basename(name)} and the exports beside it, written by orgdata-lint init:`,
    '  // check each guess. Reference: docs/project-file.md. The VS Code extension checks this file as you type.',
    `  "dialect": ${q(dialect)},`,
    ...(dateFormat
      ? [`  "dateFormat": ${q(dateFormat)}, // the export's dates put the ${dateFormat === 'DD/MM/YYYY' ? 'day' : 'month'} first`]
      : []),
    '  // the export\u2019s columns (left) and the upload\u2019s (right); a column not here is left out of the upload',
    '  "columns": {',
    ...mapped.map((g, i) => `    ${q(g.column)}: ${q(g.to!)}${i < mapped.length - 1 ? ',' : ''} // ${g.why}`),
    ...(unmapped.length ? [`    // not mapped, so left out of the upload: ${unmapped.map((g) => q(g.column)).join(', ')}`] : []),
    '  }',
    '}',
    '',
  ];
  try {
    fs.writeFileSync(target, lines.join('\n'), { flag: 'wx' });
  } catch (e) {
    stderr(`orgdata-lint: ${target}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return 2;
  }
  stderr(
    `orgdata-lint: wrote ${target}: ${mapped.length} of ${header.length} columns mapped, ${unmapped.length} left out; check each guess`,
  );
  return 0;
}
