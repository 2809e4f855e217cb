/** What every rule sees: the parsed table, its columns, the dialect, the settings and the collector. */
import { type AttributeDef, type Dialect } from '../catalog/catalog';
import type { Code } from '../catalog/codes';
import { cellValue, isBlankRow, rowCellCount, type CsvTable } from '../text/csv';
import type { FindingCollector } from './findings';
import type { OrgDataSettings } from '../catalog/settings';
import { mappedNames, type DialectGuess } from '../catalog/dialect';
import { rankCandidates } from '../catalog/spelling';
import type { ChunkState, FileState } from './state';

export interface Column {
  readonly index: number;
  /** the header value as the uploader reads it (quotes removed) */
  readonly name: string;
  /** header cell offsets, quotes included */
  readonly start: number;
  readonly end: number;
  /** set by the header rules when the column is a valid attribute: only then are its cells checked */
  attribute?: AttributeDef;
  /** a declared custom attribute (orgdata.customAttributes) or, in Viva Insights, any valid other name */
  custom?: boolean;
  /** the header finding about this column, if any (it keeps the column from being imported unless `custom`) */
  problem?: Code;
  /** with `problem`: the names it was probably meant to be */
  candidates?: string[];
  /** under a column mapping (orgdata.columns): the export's own header, which `name` was mapped from */
  mappedFrom?: string;
  /** under a column mapping: a column the mapping leaves out of the upload, so nothing in it is checked */
  excluded?: boolean;
}

/** Whether the upload imports the column: a header finding keeps it out, unless it is still a custom attribute. */
export function isImported(col: Column): boolean {
  return col.problem === undefined || col.custom === true;
}

export const enum RowKind {
  Data = 0,
  Blank = 1,
  /** more or fewer cells than the header: its cells are not checked, they would be misaligned */
  Misaligned = 2,
}

export interface RuleContext {
  /** the current chunk of the file: all of it in the editor; in the CLI's stream, some thousand rows */
  readonly table: CsvTable;
  /** the first row of the table that holds data: 1 in the chunk with the header, else 0 */
  readonly firstRow: number;
  /** what spans the file (header ranges, sampling plan) */
  readonly state: FileState;
  /** what this chunk adds to the checks across rows (people, counts, samples) */
  readonly chunk: ChunkState;
  readonly text: string;
  readonly settings: OrgDataSettings;
  readonly dialect: Dialect;
  readonly guess: DialectGuess;
  readonly columns: Column[];
  readonly rowKind: Uint8Array;
  /** number of rows of kind Data in this chunk */
  readonly dataRowCount: number;
  readonly out: FindingCollector;
}

/** The header's names as the uploader reads them. */
export function headerNames(table: CsvTable): string[] {
  const names: string[] = [];
  if (table.rowCount > 0) {
    const first = table.rowFirstCell[0];
    for (let c = 0; c < rowCellCount(table, 0); c++) names.push(cellValue(table, first + c));
  }
  return names;
}

/**
 * Reads the header row into columns (the first chunk only). Under a column mapping that applies, a mapped
 * column takes its target's name (its place stays the export's header cell) and the others are excluded:
 * the file is checked as the upload made from it, with every finding on the export's own cells.
 */
export function readColumns(table: CsvTable, mapping: Readonly<Record<string, string>> = {}): Column[] {
  const names = headerNames(table);
  const mapped = mappedNames(names, mapping);
  const first = table.rowFirstCell[0];
  return names.map((name, c) => {
    const cell = first + c;
    const col: Column = { index: c, name, start: table.cellStart[cell], end: table.cellEnd[cell] };
    if (!mapped) return col;
    const to = mapped[c];
    return to === undefined ? { ...col, excluded: true } : { ...col, name: to, mappedFrom: name.trim() };
  });
}

export function buildContext(
  table: CsvTable,
  firstRow: number,
  columns: Column[],
  settings: OrgDataSettings,
  guess: DialectGuess,
  out: FindingCollector,
  state: FileState,
  chunk: ChunkState,
): RuleContext {
  const rowKind = new Uint8Array(table.rowCount);
  let dataRowCount = 0;
  for (let r = firstRow; r < table.rowCount; r++) {
    if (isBlankRow(table, r)) rowKind[r] = RowKind.Blank;
    else if (rowCellCount(table, r) !== columns.length) rowKind[r] = RowKind.Misaligned;
    else dataRowCount++;
  }
  chunk.dataRows = dataRowCount;
  return { table, firstRow, state, chunk, text: table.text, settings, dialect: guess.dialect, guess, columns, rowKind, dataRowCount, out };
}

/** The cell index of column `col` in `row` (rows of kind Data only). */
export function cellAt(ctx: RuleContext, row: number, col: number): number {
  return ctx.table.rowFirstCell[row] + col;
}

/** The column holding the given attribute, if the header has it as a valid attribute. */
export function columnOf(ctx: RuleContext, predicate: (a: AttributeDef) => boolean): Column | undefined {
  return ctx.columns.find((c) => c.attribute !== undefined && predicate(c.attribute));
}

/** Header cell range and the attribute, for reporting a finding about a whole column once. */
export function atHeader(col: Column): [number, number, { attribute: string }] {
  return [col.start, col.end, { attribute: col.name }];
}

/** A column whose header is not an attribute but is close to `name` (one or two letters off): probably it, misspelt. */
export function misspeltColumn(columns: readonly Column[], name: string): Column | undefined {
  return columns.find((c) => !c.attribute && !c.excluded && rankCandidates(c.name.trim(), [name]).some((k) => k.distance <= 2));
}
