/** File and structure rules: what the uploader rejects before it looks at any value. */
import { MAX_VALUE_BYTES } from '../../catalog/catalog';
import { CellFlag, rowCellCount } from '../../text/csv';
import { RowKind, type RuleContext } from '../context';
import type { FinishContext } from '../finish';
import { utf8Length } from '../../text/strings';
import type { RuleModule } from '../ruleModule';

/**
 * A file separated by semicolons or tabs: the upload reads each of its rows as one column. The file is
 * read with its own separator (see detectDelimiter), so this one finding stands beside all the others, as
 * they will be once the file is converted. Returns true when nothing more can be checked: a header read
 * as one quoted column that holds a separator.
 */
export function checkDelimiter(ctx: RuleContext): boolean {
  const read = ctx.table.delimiter;
  const name = ctx.columns.length === 1 ? ctx.columns[0].name : '';
  const delimiter = read !== ',' ? read : name.includes(';') ? ';' : name.includes('\t') ? '\t' : undefined;
  if (!delimiter) return false;
  const sep = delimiter === ';' ? 'semicolons (;)' : 'tabs';
  const cause =
    delimiter === ';'
      ? 'Excel writes the regional list separator, a semicolon in many regions'
      : 'Excel\u2019s "Unicode Text" and "Text (Tab delimited)" are not CSV';
  const checked = read !== ',' ? ' The other findings are checked as the file will be once converted.' : '';
  ctx.out.report(
    'wrong-delimiter',
    ctx.table.rowStart[0],
    ctx.table.rowEnd[0],
    `The file is separated by ${sep}, so the upload reads each row as one column (${cause}): use the quick fix "Convert the file to commas", or save as "CSV UTF-8 (Comma delimited)" in Excel (not "CSV (Comma delimited)", which is not UTF-8).${checked}`,
    { data: { delimiter } },
  );
  return read === ',';
}

export function checkRows(ctx: RuleContext): void {
  const { table, out, columns } = ctx;
  for (const open of table.unclosedQuotes) {
    out.report(
      'unclosed-quote',
      open,
      open + 1,
      'This quote is never closed, so the rest of the file would be read as one value: add the closing quote (") at the end of the value, or double it ("") if it is meant literally.',
    );
  }
  for (let r = ctx.firstRow; r < table.rowCount; r++) if (ctx.rowKind[r] !== RowKind.Blank) ctx.chunk.nonBlankRows++;
  const expected = columns.length;
  for (let r = ctx.firstRow; r < table.rowCount; r++) {
    const kind = ctx.rowKind[r];
    if (kind === RowKind.Blank) {
      out.report(
        'blank-row',
        table.rowStart[r],
        table.rowEnd[r],
        'Blank row: the uploader reads it as a row with one empty cell and rejects it. Delete the line.',
      );
    } else if (kind === RowKind.Misaligned) {
      const count = rowCellCount(table, r);
      const first = table.rowFirstCell[r];
      if (count > expected) {
        out.report(
          'column-count',
          table.cellStart[first + expected] - 1,
          table.rowEnd[r],
          `This row has ${count} cells but the header has ${expected}: a value with a comma must be in double quotes, or remove the extra ${count - expected === 1 ? 'cell' : 'cells'}.`,
          { data: { cells: count, expected } },
        );
      } else {
        out.report(
          'column-count',
          table.rowStart[r],
          table.rowEnd[r],
          `This row has ${count} ${count === 1 ? 'cell' : 'cells'} but the header has ${expected}: add the missing ${expected - count === 1 ? 'cell' : 'cells'} (an empty cell between commas keeps the stored value).`,
          { data: { cells: count, expected } },
        );
      }
    }
  }
  checkCells(ctx);
  checkReplacementCharacters(ctx);
}

function headerName(ctx: RuleContext, col: number): string | undefined {
  return ctx.columns[col]?.name.trim();
}

/** Per-cell structure checks, by flags and first character only: no value strings are made here. */
function checkCells(ctx: RuleContext): void {
  const { table, out, text } = ctx;
  const wantFormula = out.wants('formula-injection');
  const wantBreak = out.wants('line-break-in-value');
  const wantQuote = out.wants('text-after-quote');
  const wantLong = out.wants('value-too-long');
  // the largest cell that can stay under the limit in UTF-8 (3 bytes per UTF-16 unit at most)
  const safeLength = Math.floor(MAX_VALUE_BYTES / 3);
  const filled = (ctx.chunk.filledCells = new Int32Array(ctx.columns.length));
  // (a column a mapping leaves out of the upload is not checked)
  const excluded = ctx.columns.some((c) => c.excluded) ? ctx.columns.map((c) => c.excluded === true) : undefined;
  for (let r = 0; r < table.rowCount; r++) {
    if (ctx.rowKind[r] === RowKind.Blank) continue;
    const first = table.rowFirstCell[r];
    const last = table.rowFirstCell[r + 1];
    const data = r >= ctx.firstRow && ctx.rowKind[r] === RowKind.Data;
    for (let cell = first; cell < last; cell++) {
      const s = table.cellStart[cell];
      const e = table.cellEnd[cell];
      if (s === e) continue;
      const col = cell - first;
      if (excluded?.[col]) continue;
      if (data) filled[col]++;
      const flags = table.cellFlags[cell];
      if (wantQuote && (flags & CellFlag.TextAfterQuote) !== 0) {
        out.report(
          'text-after-quote',
          s,
          e,
          'Text follows the closing quote of this cell: put the whole value inside the quotes, and double any quote inside it ("").',
          { attribute: headerName(ctx, col) },
        );
      }
      if (wantBreak && (flags & CellFlag.LineBreak) !== 0) {
        out.report(
          'line-break-in-value',
          s,
          e,
          'This value contains a line break, which Viva Insights rejects and profile cards cannot show: replace it with a space.',
          { attribute: headerName(ctx, col) },
        );
      }
      if (wantLong && e - s > safeLength) {
        const q = (flags & CellFlag.Quoted) !== 0 ? 1 : 0;
        const bytes = utf8Length(text, s + q, e - q);
        if (bytes > MAX_VALUE_BYTES) {
          out.report(
            'value-too-long',
            s,
            Math.min(e, s + 1),
            `This value is ${Math.ceil(bytes / 1024)} KB; a value may hold at most 128 KB: shorten it.`,
            { attribute: headerName(ctx, col) },
          );
        }
      }
      if (wantFormula) {
        const q = (flags & CellFlag.Quoted) !== 0 ? 1 : 0;
        const c = text.charCodeAt(s + q);
        // = + - @ TAB CR
        if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) {
          const value = text.slice(s + q, e - q);
          if (!isPlainNumberOrPhone(value) && value !== '-' && value !== '+') {
            out.report(
              'formula-injection',
              s,
              e,
              `This value starts with '${describeLead(c)}', so a spreadsheet would run it as a formula: remove the leading character, or start the value with a single quote (').`,
              { attribute: headerName(ctx, col) },
            );
          }
        }
      }
    }
  }
}

/** -1, +44 20 7946 0958, -3.5: numbers and phone numbers are not formulas. */
function isPlainNumberOrPhone(v: string): boolean {
  return /^[+-]?[0-9][0-9 .()/-]*$/.test(v);
}

function describeLead(c: number): string {
  return c === 9 ? 'tab' : c === 13 ? 'carriage return' : String.fromCharCode(c);
}

const INVALID_UTF8 =
  'This text is not valid UTF-8 (the file was saved in another encoding, such as Excel\u2019s "CSV (Comma delimited)"): in VS Code, "Reopen with Encoding" (the encoding in the status bar) and pick the file\u2019s encoding, often Western (Windows 1252), then "Save with Encoding" UTF-8; in Excel, save as "CSV UTF-8 (Comma delimited)".';

/** Every run of U+FFFD in a file is one problem, its encoding: said once when there are several. */
const ENCODING = {
  column: -1,
  kind: 'encoding',
  says: 'are not valid UTF-8: the file was saved in another encoding, such as Excel\u2019s "CSV (Comma delimited)". In VS Code, "Reopen with Encoding" (the encoding in the status bar) and pick the file\u2019s encoding, often Western (Windows 1252), then "Save with Encoding" UTF-8; in Excel, save as "CSV UTF-8 (Comma delimited)".',
};

/** U+FFFD is what an editor shows for bytes that are not UTF-8; report each run of them. */
function checkReplacementCharacters(ctx: RuleContext): void {
  const { text, out } = ctx;
  if (!out.wants('invalid-utf8')) return;
  let i = text.indexOf('\uFFFD');
  while (i >= 0) {
    let end = i + 1;
    while (text.charCodeAt(end) === 0xfffd) end++;
    out.report('invalid-utf8', i, end, INVALID_UTF8, { group: ENCODING });
    i = text.indexOf('\uFFFD', end);
  }
}

/** When the file ends: a header without a single row below it. */
export function finishStructure(fin: FinishContext): void {
  if (fin.state.chunks.every((c) => c.state.nonBlankRows === 0)) {
    fin.out.reportRange(
      'header-only',
      fin.state.headerRange,
      'The file has a header but no people: add one row per person below the header.',
    );
  }
}

export const structureRules: RuleModule = {
  name: 'structure',
  codes: [
    'header-only',
    'wrong-delimiter',
    'column-count',
    'unclosed-quote',
    'text-after-quote',
    'blank-row',
    'invalid-utf8',
    'line-break-in-value',
    'value-too-long',
    'formula-injection',
  ],
  rows: checkRows,
  finish: finishStructure,
};
