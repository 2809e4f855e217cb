/** Text edits the quick fixes make, computed on the parsed table so that nothing else in the file moves. */
import { CellFlag, cellValue, isBlankRow, rowCellCount, type CsvTable } from '../text/csv';
import type { Lines, Range } from '../text/positions';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Applies edits (non-overlapping, any order) to a text: what an editor does, for tests and the CLI. */
export function applyEdits(text: string, lines: Lines, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/** Replaces one cell, quoting the new value when it needs quotes (or the old cell had them). */
export function replaceCell(t: CsvTable, lines: Lines, cell: number, value: string): TextEdit {
  const quoted = (t.cellFlags[cell] & CellFlag.Quoted) !== 0 || /[",\r\n]/.test(value) || value.includes(t.delimiter);
  const text = quoted ? `"${value.replace(/"/g, '""')}"` : value;
  return { range: lines.range(t.cellStart[cell], t.cellEnd[cell]), newText: text };
}

/**
 * Deletes column `col` from every row in one edit: each row loses the cell and one separator next to it;
 * quoting, line breaks inside other cells, line endings and every other character stay as they were.
 * Rows too short to have the column and blank rows are left alone.
 */
export function removeColumn(t: CsvTable, lines: Lines, col: number): TextEdit | undefined {
  const cuts: [number, number][] = [];
  for (let r = 0; r < t.rowCount; r++) {
    const count = rowCellCount(t, r);
    // blank rows (empty, or white space only) are left alone, as the blank-row fix is theirs
    if (count <= col || (r > 0 && isBlankRow(t, r))) continue;
    const cell = t.rowFirstCell[r] + col;
    if (col < count - 1) cuts.push([t.cellStart[cell], t.cellStart[cell + 1]]);
    else if (col > 0) cuts.push([t.cellEnd[cell - 1], t.cellEnd[cell]]);
    else cuts.push([t.cellStart[cell], t.cellEnd[cell]]);
  }
  if (cuts.length === 0) return undefined;
  const start = cuts[0][0];
  const end = cuts[cuts.length - 1][1];
  const parts: string[] = [];
  for (let i = 0; i < cuts.length - 1; i++) parts.push(t.text.slice(cuts[i][1], cuts[i + 1][0]));
  return { range: lines.range(start, end), newText: parts.join('') };
}

/** The cell's value with the spaces around it removed, or undefined when there are none. */
export function trimmedValue(t: CsvTable, cell: number): string | undefined {
  const v = cellValue(t, cell);
  const trimmed = v.trim();
  return trimmed !== v && trimmed.length > 0 ? trimmed : undefined;
}

/**
 * The text with its separator (a semicolon or a tab) turned into commas: quoted cells stay byte for byte,
 * an unquoted cell that holds a comma is put in quotes, and line endings and a byte-order mark stay.
 */
export function convertDelimiter(text: string, delimiter: string): string {
  const parts: string[] = [];
  const n = text.length;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    parts.push('\uFEFF');
    i = 1;
  }
  for (;;) {
    // one cell: a quoted part first, if any, then up to the separator or the line's end
    let j = i;
    if (text.charCodeAt(j) === 34) {
      j++;
      for (;;) {
        const k = text.indexOf('"', j);
        if (k < 0) {
          j = n;
          break;
        }
        if (text.charCodeAt(k + 1) === 34) {
          j = k + 2;
          continue;
        }
        j = k + 1;
        break;
      }
    }
    let end = j;
    while (end < n) {
      const c = text[end];
      if (c === delimiter || c === '\n' || c === '\r') break;
      end++;
    }
    const cell = text.slice(i, end);
    parts.push(cell.charCodeAt(0) !== 34 && cell.includes(',') ? `"${cell.replace(/"/g, '""')}"` : cell);
    if (end >= n) break;
    if (text[end] === delimiter) {
      parts.push(',');
      i = end + 1;
      continue;
    }
    const lineBreak = text[end] === '\r' && text[end + 1] === '\n' ? '\r\n' : text[end];
    parts.push(lineBreak);
    i = end + lineBreak.length;
    if (i >= n) break;
  }
  return parts.join('');
}
