/**
 * RFC 4180 scanner that keeps the exact offsets of every cell.
 *
 * Why not csv-parse here: the editor needs the range of each cell (quotes included) and the speed to
 * re-check a 25 MB file on every pause in typing. csv-parse gives values without offsets and parses at
 * about a fifth of the speed of this loop (see `npm run bench`). csv-parse still reads small side files.
 *
 * The table is columnar: cells are offsets in typed arrays, and a value string is only made when a rule
 * asks for it, so a 100k-row file does not allocate two million strings up front.
 */
import { ownCopy } from './strings';

export const enum CellFlag {
  Quoted = 1,
  /** a doubled quote `""` inside a quoted cell */
  EscapedQuote = 2,
  /** a CR or LF inside a quoted cell */
  LineBreak = 4,
  /** text after the closing quote, e.g. `"a"b` */
  TextAfterQuote = 8,
}

export interface CsvTable {
  readonly text: string;
  /** offset where parsing started: 1 when the text starts with a byte-order mark, else 0 */
  readonly start: number;
  readonly rowCount: number;
  /** cells of row r are the indexes rowFirstCell[r] .. rowFirstCell[r + 1] - 1 */
  readonly rowFirstCell: Int32Array;
  /** offset of the row's first character and of the end of its last cell (before the line break) */
  readonly rowStart: Int32Array;
  readonly rowEnd: Int32Array;
  /** raw cell extent, quotes included */
  readonly cellStart: Int32Array;
  readonly cellEnd: Int32Array;
  readonly cellFlags: Uint8Array;
  /** offsets of opening quotes that never closed (the cell was then read as unquoted up to its line end) */
  readonly unclosedQuotes: number[];
  /** what separates the cells: a comma, or the semicolon or tab of a file saved with another separator */
  readonly delimiter: Delimiter;
}

export type Delimiter = ',' | ';' | '\t';

const QUOTE = 34;
const COMMA = 44;
const SEMICOLON = 59;
const TAB = 9;
const LF = 10;
const CR = 13;

/** An Int32Array that grows as values are pushed. */
export class GrowableInt32 {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(this.data.length * 2);
    this.data[this.length++] = v;
  }
  push2(a: number, b: number): void {
    if (this.length + 2 > this.data.length) this.reserve(Math.max(this.length + 2, this.data.length * 2));
    this.data[this.length++] = a;
    this.data[this.length++] = b;
  }
  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) this.reserve(Math.max(this.length + 3, this.data.length * 2));
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    this.data[this.length++] = c;
  }
  /** Room for `capacity` values in all, in one allocation (growing by doubling copies as it goes). */
  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = new Int32Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  trimmed(): Int32Array {
    return this.data.subarray(0, this.length);
  }
  indexOf(v: number): number {
    return this.trimmed().indexOf(v);
  }
  equals(other: GrowableInt32): boolean {
    if (this.length !== other.length) return false;
    for (let i = 0; i < this.length; i++) if (this.data[i] !== other.data[i]) return false;
    return true;
  }
}

/**
 * Typed arrays that parses and slices may fill instead of allocating their own, for tables that are used
 * once and dropped (the blocks of a big document): a 70 MB document then leaves megabytes of garbage, not
 * hundreds. A table made in a storage is valid until the storage is used again.
 */
export class TableStorage {
  rowFirstCell = new Int32Array(0);
  rowStart = new Int32Array(0);
  rowEnd = new Int32Array(0);
  cellStart = new Int32Array(0);
  cellEnd = new Int32Array(0);
  cellFlags = new Uint8Array(0);
}

/**
 * The separator a file's header uses: a comma, unless the header holds no comma outside quotes but
 * semicolons (a European Excel's "CSV") or tabs ("Unicode Text"). Such a file is read with its own
 * separator, so that everything in it is checked beside the one finding that names the separator.
 */
export function detectDelimiter(text: string): Delimiter {
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  const end = Math.min(text.length, 1 << 16);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (c === COMMA) return ',';
    else if (c === LF || c === CR) break;
    else if (c === SEMICOLON) semicolons++;
    else if (c === TAB) tabs++;
  }
  return semicolons > 0 ? ';' : tabs > 0 ? '\t' : ',';
}

export function parseCsv(text: string, storage?: TableStorage, delimiter: Delimiter = ','): CsvTable {
  const n = text.length;
  const SEP = delimiter.charCodeAt(0);
  const start = n > 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // A rough guess of the cell count (about 8 characters a cell at least) saves most regrowth.
  let cellCap = (n >> 3) + 16;
  let rowCap = (cellCap >> 4) + 16;
  let rowFirstCell: Int32Array;
  let rowStart: Int32Array;
  let rowEnd: Int32Array;
  let cellStart: Int32Array;
  let cellEnd: Int32Array;
  let cellFlags: Uint8Array;
  if (storage && storage.cellStart.length >= cellCap && storage.rowStart.length >= rowCap) {
    ({ rowFirstCell, rowStart, rowEnd, cellStart, cellEnd, cellFlags } = storage);
    cellCap = cellStart.length;
    rowCap = rowStart.length;
  } else {
    rowFirstCell = new Int32Array(rowCap);
    rowStart = new Int32Array(rowCap);
    rowEnd = new Int32Array(rowCap);
    cellStart = new Int32Array(cellCap);
    cellEnd = new Int32Array(cellCap);
    cellFlags = new Uint8Array(cellCap);
  }
  let rows = 0;
  let cells = 0;
  const unclosedQuotes: number[] = [];
  // When a quote never closes, the scan restarts at that cell and reads it as unquoted.
  let readAsUnquotedAt = -1;
  // The next comma, LF, CR and quote at or after the scan (n: none), each found by indexOf (a native
  // search, about twice as fast as testing every character) and searched again only once passed.
  let nextComma = -1;
  let nextLf = -1;
  let nextCr = -1;
  const find = (ch: string, from: number): number => {
    const k = text.indexOf(ch, from);
    return k < 0 ? n : k;
  };
  /** Where an unquoted run starting at `from` ends: the next comma or line break. */
  const runEnd = (from: number): number => {
    if (nextComma < from) nextComma = find(delimiter, from);
    if (nextLf < from) nextLf = find('\n', from);
    if (nextCr < from) nextCr = find('\r', from);
    const brk = nextLf < nextCr ? nextLf : nextCr;
    return nextComma < brk ? nextComma : brk;
  };
  const growCells = (): void => {
    cellCap *= 2;
    cellStart = grown(cellStart, cellCap);
    cellEnd = grown(cellEnd, cellCap);
    const flags = new Uint8Array(cellCap);
    flags.set(cellFlags);
    cellFlags = flags;
  };

  let i = start;
  // Each pass of the outer loop reads one row.
  while (i < n) {
    if (rows + 2 >= rowCap) {
      rowCap *= 2;
      rowFirstCell = grown(rowFirstCell, rowCap);
      rowStart = grown(rowStart, rowCap);
      rowEnd = grown(rowEnd, rowCap);
    }
    rowFirstCell[rows] = cells;
    rowStart[rows] = i;
    for (;;) {
      const cs = i;
      let flags = 0;
      if (text.charCodeAt(i) === QUOTE && i !== readAsUnquotedAt) {
        // Quoted cell: find the closing quote, skipping doubled quotes.
        let j = i + 1;
        let closed = -1;
        for (;;) {
          const k = text.indexOf('"', j);
          if (k < 0) break;
          if (text.charCodeAt(k + 1) === QUOTE) {
            flags |= CellFlag.EscapedQuote;
            j = k + 2;
            continue;
          }
          closed = k;
          break;
        }
        if (closed < 0) {
          unclosedQuotes.push(i);
          readAsUnquotedAt = i;
          continue; // re-read this cell as unquoted
        }
        if (nextLf < i) nextLf = find('\n', i);
        if (nextCr < i) nextCr = find('\r', i);
        if (nextLf < closed || nextCr < closed) flags |= CellFlag.LineBreak;
        flags |= CellFlag.Quoted;
        i = closed + 1;
        if (i < n) {
          const c = text.charCodeAt(i);
          if (c !== SEP && c !== LF && c !== CR) {
            flags |= CellFlag.TextAfterQuote;
            i = runEnd(i);
          }
        }
      } else {
        i = runEnd(i);
      }
      if (cells + 2 >= cellCap) growCells();
      cellStart[cells] = cs;
      cellEnd[cells] = i;
      cellFlags[cells++] = flags;
      if (i >= n) {
        rowEnd[rows++] = i;
        break;
      }
      const c = text.charCodeAt(i);
      if (c === SEP) {
        i++;
        if (i >= n) {
          // a trailing comma at the very end: one more, empty cell
          cellStart[cells] = i;
          cellEnd[cells] = i;
          cellFlags[cells++] = 0;
          rowEnd[rows++] = i;
          break;
        }
      } else {
        rowEnd[rows++] = i;
        i += c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
        break;
      }
    }
  }
  rowFirstCell[rows] = cells; // sentinel: the end of the last row's cells
  if (storage) Object.assign(storage, { rowFirstCell, rowStart, rowEnd, cellStart, cellEnd, cellFlags });
  return {
    text,
    start,
    rowCount: rows,
    rowFirstCell: rowFirstCell.subarray(0, rows + 1),
    rowStart: rowStart.subarray(0, rows),
    rowEnd: rowEnd.subarray(0, rows),
    cellStart: cellStart.subarray(0, cells),
    cellEnd: cellEnd.subarray(0, cells),
    cellFlags: cellFlags.subarray(0, cells),
    unclosedQuotes,
    delimiter,
  };
}

function grown(a: Int32Array, capacity: number): Int32Array {
  const next = new Int32Array(capacity);
  next.set(a);
  return next;
}

/** The value of a cell as the uploader reads it: quotes removed, doubled quotes undone. */
export function cellValue(t: CsvTable, cell: number): string {
  const s = t.cellStart[cell];
  const e = t.cellEnd[cell];
  const f = t.cellFlags[cell];
  if ((f & CellFlag.Quoted) === 0) return t.text.slice(s, e);
  if ((f & CellFlag.TextAfterQuote) !== 0) {
    // `"a"b`: the quoted part, then the rest as written
    const close = closingQuote(t.text, s);
    return unescape(t.text.slice(s + 1, close)) + t.text.slice(close + 1, e);
  }
  const inner = t.text.slice(s + 1, e - 1);
  return (f & CellFlag.EscapedQuote) !== 0 ? unescape(inner) : inner;
}

function unescape(s: string): string {
  return s.replace(/""/g, '"');
}

function closingQuote(text: string, open: number): number {
  let j = open + 1;
  for (;;) {
    const k = text.indexOf('"', j);
    if (k < 0) return text.length;
    if (text.charCodeAt(k + 1) === QUOTE) {
      j = k + 2;
      continue;
    }
    return k;
  }
}

/**
 * A table's cells in an object of one shape: for loops over every row, where a CsvTable, which comes in
 * several shapes (parsed, sliced, owned), would make each property read a slow one.
 */
export class CellSpans {
  readonly text: string;
  readonly rowFirstCell: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly flags: Uint8Array;
  constructor(t: CsvTable) {
    this.text = t.text;
    this.rowFirstCell = t.rowFirstCell;
    this.start = t.cellStart;
    this.end = t.cellEnd;
    this.flags = t.cellFlags;
  }
}

/**
 * The span of cell `c`'s value where no quote needs undoing (a quoted cell's inside), in out[0] and
 * out[1]; false for a cell with a doubled quote or text after its closing quote, whose value only
 * cellValue() gives. For reading values where they lie, without strings.
 */
export function valueSpan(a: CellSpans, c: number, out: Int32Array): boolean {
  const f = a.flags[c];
  if ((f & (CellFlag.EscapedQuote | CellFlag.TextAfterQuote)) !== 0) return false;
  const q = f & CellFlag.Quoted;
  out[0] = a.start[c] + q;
  out[1] = a.end[c] - q;
  return true;
}

/**
 * valueSpan() trimmed of spaces and tabs, where that is sure: false also when nothing is left, or when the
 * value starts or ends with a character trim() might still remove, for the caller to compare the value
 * itself. For comparisons on every row, where nearly all values agree.
 */
export function trimmedSpan(a: CellSpans, c: number, out: Int32Array): boolean {
  if (!valueSpan(a, c, out)) return false;
  let s = out[0];
  let e = out[1];
  const t = a.text;
  while (s < e && (t.charCodeAt(s) === 32 || t.charCodeAt(s) === 9)) s++;
  while (e > s && (t.charCodeAt(e - 1) === 32 || t.charCodeAt(e - 1) === 9)) e--;
  if (e === s) return false;
  // the ends decide what trim() would still remove: only printable ASCII is sure
  const first = t.charCodeAt(s);
  const last = t.charCodeAt(e - 1);
  if (first <= 32 || first >= 127 || last <= 32 || last >= 127) return false;
  out[0] = s;
  out[1] = e;
  return true;
}

export function rowCellCount(t: CsvTable, row: number): number {
  return t.rowFirstCell[row + 1] - t.rowFirstCell[row];
}

/** A row with nothing but white space on it. */
export function isBlankRow(t: CsvTable, row: number): boolean {
  if (rowCellCount(t, row) !== 1) return false;
  const cell = t.rowFirstCell[row];
  if ((t.cellFlags[cell] & CellFlag.Quoted) !== 0) return false;
  for (let i = t.cellStart[cell]; i < t.cellEnd[cell]; i++) {
    const c = t.text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** True when the cell holds no characters at all (a blank cell: the stored value stays as it is). */
export function isEmptyCell(t: CsvTable, cell: number): boolean {
  const len = t.cellEnd[cell] - t.cellStart[cell];
  return len === 0 || (len === 2 && (t.cellFlags[cell] & CellFlag.Quoted) !== 0);
}

/** The row and cell at a text offset, the end of a cell included (where a cursor stands after typing). */
export function cellAtOffset(t: CsvTable, offset: number): { row: number; col: number; cell: number } | undefined {
  if (t.rowCount === 0 || offset < t.rowStart[0]) return undefined;
  let lo = 0;
  let hi = t.rowCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.rowStart[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const row = lo;
  if (offset > t.rowEnd[row]) return undefined;
  const first = t.rowFirstCell[row];
  const last = t.rowFirstCell[row + 1] - 1;
  for (let cell = first; cell <= last; cell++) {
    if (offset <= t.cellEnd[cell]) return { row, col: cell - first, cell };
  }
  return { row, col: last - first, cell: last };
}

/**
 * Rows `from` .. `to` - 1 of a table as a table of their own, with offsets into their own text (which
 * runs to the start of row `to`, line break included). The CLI's stream cuts its reads with it too.
 */
export function sliceTable(t: CsvTable, from: number, to: number, storage?: TableStorage): CsvTable {
  // the first rows keep the text's start (a byte-order mark) and need no offsets moved: views, no copies
  const base = from === 0 ? 0 : t.rowStart[from];
  const end = to < t.rowCount ? t.rowStart[to] : t.text.length;
  const firstCell = t.rowFirstCell[from];
  const lastCell = t.rowFirstCell[to];
  const shift = (a: Int32Array, by: number, field?: 'rowFirstCell' | 'rowStart' | 'rowEnd' | 'cellStart' | 'cellEnd'): Int32Array => {
    if (by === 0) return a;
    let out: Int32Array;
    if (storage && field) {
      if (storage[field].length < a.length) storage[field] = new Int32Array(Math.max(a.length, storage[field].length * 2));
      out = storage[field].subarray(0, a.length);
    } else out = new Int32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i] - by;
    return out;
  };
  let cellFlags: Uint8Array;
  if (from === 0) cellFlags = t.cellFlags.subarray(0, lastCell);
  else if (storage) {
    if (storage.cellFlags.length < lastCell - firstCell)
      storage.cellFlags = new Uint8Array(Math.max(lastCell - firstCell, storage.cellFlags.length * 2));
    cellFlags = storage.cellFlags.subarray(0, lastCell - firstCell);
    cellFlags.set(t.cellFlags.subarray(firstCell, lastCell));
  } else cellFlags = t.cellFlags.slice(firstCell, lastCell);
  return {
    text: t.text.slice(base, end),
    start: from === 0 ? t.start : 0,
    rowCount: to - from,
    rowFirstCell: shift(t.rowFirstCell.subarray(from, to + 1), firstCell, 'rowFirstCell'),
    rowStart: shift(t.rowStart.subarray(from, to), base, 'rowStart'),
    rowEnd: shift(t.rowEnd.subarray(from, to), base, 'rowEnd'),
    cellStart: shift(t.cellStart.subarray(firstCell, lastCell), base, 'cellStart'),
    cellEnd: shift(t.cellEnd.subarray(firstCell, lastCell), base, 'cellEnd'),
    cellFlags,
    unclosedQuotes: t.unclosedQuotes.filter((q) => q >= base && q < end).map((q) => q - base),
    delimiter: t.delimiter,
  };
}

/**
 * The same table with arrays and text of its own, not views into a storage, a bigger table's arrays or a
 * bigger text (a table kept long must not keep megabytes it does not use alive).
 */
export function ownTable(t: CsvTable): CsvTable {
  return {
    ...t,
    text: ownCopy(t.text),
    rowFirstCell: t.rowFirstCell.slice(),
    rowStart: t.rowStart.slice(),
    rowEnd: t.rowEnd.slice(),
    cellStart: t.cellStart.slice(),
    cellEnd: t.cellEnd.slice(),
    cellFlags: t.cellFlags.slice(),
    unclosedQuotes: [...t.unclosedQuotes],
  };
}

/**
 * How many whole rows of a table, parsed from text that may go on, are certainly complete: all but the
 * last (it may continue), and none from the row where a quote is still open (it may close further on),
 * unless the text is already longer than a quoted cell could reasonably be.
 */
export function completeRows(t: CsvTable, maxOpenQuoteChars = 64 * 1024 * 1024): number {
  let keep = t.rowCount - 1;
  if (t.unclosedQuotes.length > 0 && t.text.length < maxOpenQuoteChars) {
    const q = t.unclosedQuotes[0];
    while (keep > 0 && t.rowStart[keep] > q) keep--;
  }
  return Math.max(0, keep);
}
