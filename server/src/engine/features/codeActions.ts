/**
 * Quick fixes: small independent providers, one per kind of repair, each reading a finding's `code` and
 * its machine-readable `data`. Edits that touch every row (removing a column) are described here and
 * computed only when the user picks them (resolveEdit), so that showing the light bulb stays cheap.
 */
import { findAttribute, findAttributeIgnoringCase, type Dialect } from '../catalog/catalog';
import { cellAtOffset, cellValue } from '../text/csv';
import { numberProblem, numberRepair } from '../catalog/formats';
import { skillsRepair } from '../analysis/rules/excel';
import { cellAt, RowKind, type Column, type RuleContext } from '../analysis/context';
import { convertDelimiter, removeColumn, replaceCell, trimmedValue, type TextEdit } from './edits';
import type { Range } from '../text/positions';

export interface DiagnosticRef {
  code?: string | number;
  range: Range;
  data?: unknown;
}

export type LazyEdit = { kind: 'removeColumn'; column: number } | { kind: 'convertDelimiter'; delimiter: string };

export interface ActionSpec {
  title: string;
  kind: 'quickfix' | 'refactor.rewrite';
  isPreferred?: boolean;
  diagnostics?: DiagnosticRef[];
  edits?: TextEdit[];
  /** an edit computed on resolve */
  lazy?: LazyEdit;
  command?: { title: string; command: string; arguments: unknown[] };
}

export const ADD_CUSTOM_ATTRIBUTE_COMMAND = 'orgdata.addCustomAttribute';
const MAX_CANDIDATES = 5;
const DIALECT_NAME: Record<Dialect, string> = { ods: 'Organizational data (Microsoft_) names', viva: 'Viva Insights names' };

type Provider = (doc: RuleContext, d: DiagnosticRef, out: ActionSpec[], whole: () => RuleContext | undefined) => void;

const PROVIDERS: Record<string, Provider[]> = {
  'unknown-attribute': [renameHeader, addCustomAttribute],
  'unused-column': [addCustomAttribute, removeColumnAction, renameHeader],
  'attribute-case': [renameHeader],
  'possible-misspelling': [renameHeader, addCustomAttribute],
  'header-characters': [renameHeader],
  'system-field': [renameHeader],
  'reserved-prefix': [renameHeader],
  'dialect-mix': [renameHeader, convertWholeHeader],
  'sensitive-column': [removeColumnAction],
  'sensitive-values': [removeColumnAction],
  'email-spaces': [trimEmail, trimAllEmails],
  'blank-row': [deleteBlankRow, deleteAllBlankRows],
  'invalid-enum': [changeValue],
  'unrecognized-value': [changeValue],
  'lone-quote': [replaceValue],
  'typed-delete-marker': [replaceValue],
  'layer-delete-marker': [replaceValue],
  'delete-marker-lookalike': [replaceValue],
  'skills-separator': [replaceValue, fixColumn],
  'invalid-number': [replaceValue, fixColumn],
  mojibake: [replaceValue],
  'layer-mismatch': [replaceValue],
  'wrong-delimiter': [convertToCommas],
};

/**
 * The safe fixes: the quick fix of each code that `orgdata-lint --fix` and "fix all" (source.fixAll.orgdata)
 * apply without asking. Each repairs what the finding says and nothing else, with no guess: never a rename
 * to a likely name, a column removed, a value changed into a deletion, a formula or a number reinterpreted.
 * The codes catalog says what each one does (safeFix); a test keeps the two the same.
 */
const SAFE_FIX: Record<string, Provider> = {
  'wrong-delimiter': convertToCommas,
  'email-spaces': trimEmail,
  'blank-row': deleteBlankRow,
  'lone-quote': replaceValue,
  'typed-delete-marker': replaceValue,
  'layer-delete-marker': replaceValue,
  'header-characters': renameHeader,
  'attribute-case': renameHeader,
  'dialect-mix': renameHeader,
};

export const SAFE_FIX_CODES: readonly string[] = Object.keys(SAFE_FIX);

/**
 * Whether a finding's safe fix applies, from what the finding says (its code and data): a header's rename
 * only where it cannot be a guess (padding removed from an attribute's name, the documented case, the
 * other dialect's twin), a value's repair only where the finding computed it.
 */
export function hasSafeFix(d: DiagnosticRef): boolean {
  const code = String(d.code);
  if (!SAFE_FIX[code]) return false;
  const data = (d.data ?? {}) as { padding?: unknown; replacement?: unknown; delimiter?: unknown; taken?: unknown; mappedFrom?: unknown };
  // a mapped column's name is corrected in orgdata.columns, never by renaming the export's header
  if (data.mappedFrom !== undefined) return false;
  switch (code) {
    case 'header-characters':
      return data.padding === true && candidatesOf(d).length === 1 && data.taken !== true;
    case 'attribute-case':
    case 'dialect-mix':
      return candidatesOf(d).length === 1 && data.taken !== true;
    case 'lone-quote':
    case 'typed-delete-marker':
    case 'layer-delete-marker':
      return typeof data.replacement === 'string';
    case 'wrong-delimiter':
      return data.delimiter === ';' || data.delimiter === '\t';
    default:
      return true;
  }
}

/** The safe fix of one finding, made by the same provider as its quick fix: its preferred action. */
export function safeFixFor(doc: RuleContext, d: DiagnosticRef): ActionSpec | undefined {
  if (!hasSafeFix(d)) return undefined;
  const out: ActionSpec[] = [];
  SAFE_FIX[String(d.code)](doc, d, out, () => doc);
  return out.find((a) => a.isPreferred && (a.edits || a.lazy));
}

/** The title of each value repair (data.replacement), by code. */
const REPLACE_TITLE: Record<string, (v: string) => string> = {
  'lone-quote': () => "Change to '' (delete the stored value)",
  'typed-delete-marker': () => "Change to ''",
  'layer-delete-marker': (v) => `Change to ${v} (delete the stored layer)`,
  'delete-marker-lookalike': (v) => `Change to ${v} (delete the stored value)`,
  'skills-separator': () => 'Separate the skills with commas',
  'invalid-number': (v) => `Change to ${v}`,
  mojibake: (v) => `Repair the text to '${v}'`,
  'layer-mismatch': (v) => `Set the layer to ${v}`,
};

/**
 * The actions for diagnostics in a range. `doc` may hold only the rows around them (a big document's
 * block); `whole` gives the whole document, which only the fix-alls read.
 */
export function codeActionsFor(
  doc: RuleContext,
  range: Range,
  diagnostics: readonly DiagnosticRef[],
  whole: () => RuleContext | undefined = () => doc,
): ActionSpec[] {
  const out: ActionSpec[] = [];
  for (const d of diagnostics) {
    for (const provide of PROVIDERS[String(d.code)] ?? []) provide(doc, d, out, whole);
  }
  if (range.start.line === 0) convertHeaderRefactoring(doc, out);
  // the same fix-all can come from several diagnostics in the range: offer it once
  const seen = new Set<string>();
  return out.filter((a) => (seen.has(a.title) ? false : (seen.add(a.title), true)));
}

export function resolveEdit(doc: RuleContext, lazy: LazyEdit): TextEdit[] {
  if (lazy.kind === 'convertDelimiter') {
    const text = doc.text;
    const converted = convertDelimiter(text, lazy.delimiter);
    return converted === text ? [] : [{ range: doc.out.lineIndex.range(0, text.length), newText: converted }];
  }
  const edit = removeColumn(doc.table, doc.out.lineIndex, lazy.column);
  return edit ? [edit] : [];
}

function candidatesOf(d: DiagnosticRef): string[] {
  const c = (d.data as { candidates?: unknown } | undefined)?.candidates;
  return Array.isArray(c) ? c.filter((x): x is string => typeof x === 'string' && x.length > 0).slice(0, MAX_CANDIDATES) : [];
}

/** The cell a diagnostic starts on. */
function cellOf(doc: RuleContext, d: DiagnosticRef): { row: number; col: number; cell: number } | undefined {
  return cellAtOffset(doc.table, doc.out.lineIndex.offsetAt(d.range.start));
}

function headerColumnOf(doc: RuleContext, d: DiagnosticRef): Column | undefined {
  const at = cellOf(doc, d);
  return at && at.row < doc.firstRow ? doc.columns[at.col] : undefined;
}

function renameHeader(doc: RuleContext, d: DiagnosticRef, out: ActionSpec[]): void {
  const col = headerColumnOf(doc, d);
  if (!col || col.mappedFrom !== undefined) return;
  const cell = doc.table.rowFirstCell[0] + col.index;
  // a custom column is a choice: its rename is offered, never preferred; nor is a rename to a name the header has
  const preferable = String(d.code) !== 'unused-column';
  const taken = new Set(doc.columns.filter((c) => c !== col).map((c) => c.name.trim().toLowerCase()));
  let preferred = false;
  candidatesOf(d).forEach((name) => {
    const exists = taken.has(name.toLowerCase());
    const isPreferred = preferable && !exists && !preferred;
    if (isPreferred) preferred = true;
    out.push({
      title: exists ? `Rename to '${name}' (the header already has it: merge the two columns first)` : `Rename to '${name}'`,
      kind: 'quickfix',
      isPreferred,
      diagnostics: [d],
      edits: [replaceCell(doc.table, doc.out.lineIndex, cell, name)],
    });
  });
}

function addCustomAttribute(doc: RuleContext, d: DiagnosticRef, out: ActionSpec[]): void {
  const col = headerColumnOf(doc, d);
  const name = col?.name.trim();
  if (!name) return;
  out.push({
    title: `Add '${name}' to orgdata.customAttributes`,
    kind: 'quickfix',
    diagnostics: [d],
    command: { title: 'Add to orgdata.customAttributes', command: ADD_CUSTOM_ATTRIBUTE_COMMAND, arguments: [name] },
  });
}

function removeColumnAction(doc: RuleContext, d: DiagnosticRef, out: ActionSpec[]): void {
  const col = headerColumnOf(doc, d);
  if (!col) return;
  out.push({
    title: `Remove column '${col.name.trim()}'`,
    kind: 'quickfix',
    isPreferred: String(d.code).startsWith('sensitive'),
    diagnostics: [d],
    lazy: { kind: 'removeColumn', column: col.index },
  });
}

/** The other dialect's names in the header, each with this dialect's counterpart. */
function convertibleHeaderCells(doc: RuleContext, from: Dialect): { cell: number; to: string }[] {
  const out: { cell: number; to: string }[] = [];
  // a rename to a name the header has would make it appear twice: left out
  const present = new Set(doc.columns.map((c) => c.name.trim().toLowerCase()));
  for (const col of doc.columns) {
    const attr = findAttributeIgnoringCase(from, col.name.trim());
    if (attr?.counterpart && present.has(attr.counterpart.toLowerCase())) continue;
    if (attr?.counterpart) out.push({ cell: doc.table.rowFirstCell[0] + col.index, to: attr.counterpart });
  }
  return out;
}

function convertEdits(doc: RuleContext, cells: { cell: number; to: string }[]): TextEdit[] {
  return cells.map((c) => replaceCell(doc.table, doc.out.lineIndex, c.cell, c.to));
}

function convertWholeHeader(doc: RuleContext, d: DiagnosticRef, out: ActionSpec[]): void {
  const other: Dialect = doc.dialect === 'ods' ? 'viva' : 'ods';
  const cells = convertibleHeaderCells(doc, other);
  if (cells.length < 2) return;
  out.push({
    title: `Rename all ${cells.length} ${other === 'viva' ? 'Viva Insights' : 'Microsoft_'} names in the header to ${DIALECT_NAME[doc.dialect]}`,
    kind: 'quickfix',
    diagnostics: [d],
    edits: convertEdits(doc, cells),
  });
}

/** In the header row: convert the file to the other dialect (a migration, not a fix). */
function convertHeaderRefactoring(doc: RuleContext, out: ActionSpec[]): void {
  const to: Dialect = doc.dialect === 'ods' ? 'viva' : 'ods';
  const cells = convertibleHeaderCells(doc, doc.dialect).filter((c) => findAttribute(to, c.to));
  if (cells.length === 0) return;
  out.push({ title: `Convert the header to ${DIALECT_NAME[to]}`, kind: 'refactor.rewrite', edits: convertEdits(doc, cells) });
}

function trimEmail(doc: RuleContext, d: DiagnosticRef, out: ActionSpec[]): void {
  const at = cellOf(doc, d);
  if (!at) return;
  const trimmed = trimmedValue(doc.table, at.cell);
  if (!trimmed) return;
  out.push({
    title: 'Trim the spaces around this email',
    kind: 'quickfix',
    isPreferred: true,
    diagnostics: [d],
    edits: [replaceCell(doc.table, doc.out.lineIndex, at.cell, trimmed)],
  });
}

function trimAllEmails(_: RuleContext, d: DiagnosticRef, out: ActionSpec[], whole: () => RuleContext | undefined): void {
  const doc = whole();
  if (!doc) return;
  const edits: TextEdit[] = [];
  const emailColumns = doc.columns.filter((c) => c.attribute?.type === 'email');
  for (let r = doc.firstRow; r < doc.table.rowCount; r++) {
    if (doc.rowKind[r] !== RowKind.Data) continue;
    for (const col of emailColumns) {
      const cell = cellAt(doc, r, col.index);
      const trimmed = trimmedValue(doc.table, cell);
      if (trimmed) edits.push(replaceCell(doc.table, doc.out.lineIndex, cell, trimmed));
    }
  }
  if (edits.length < 2) return;
  out.push({ title: `Fix all: trim the spaces around ${edits.length} emails in this file`, kind: 'quickfix', diagnostics: [d], edits });
}

function blankRowDeletion(doc: RuleContext, row: number): TextEdit {
  const t = doc.table;
  const lines = doc.out.lineIndex;
  // the line and its line break; the last line takes the break before it instead
  if (row + 1 < t.rowCount) return { range: lines.range(t.rowStart[row], t.rowStart[row + 1]), newText: '' };
  const after = t.text.slice(t.rowEnd[row]);
  if (/^(\r\n|\r|\n)/.test(after))
    return { range: lines.range(t.rowStart[row], t.rowEnd[row] + (after.startsWith('\r\n') ? 2 : 1)), newText: '' };
  return { range: lines.range(t.rowEnd[row - 1], t.rowEnd[row]), newText: '' };
}

function deleteBlankRow(doc: RuleContext, d: DiagnosticRef, out: ActionSpec[]): void {
  const at = cellOf(doc, d);
  if (!at || doc.rowKind[at.row] !== RowKind.Blank) return;
  out.push({
    title: 'Delete this blank line',
    kind: 'quickfix',
    isPreferred: true,
    diagnostics: [d],
    edits: [blankRowDeletion(doc, at.row)],
  });
}

function deleteAllBlankRows(_: RuleContext, d: DiagnosticRef, out: ActionSpec[], whole: () => RuleContext | undefined): void {
  const doc = whole();
  if (!doc) return;
  const rows: number[] = [];
  for (let r = doc.firstRow; r < doc.table.rowCount; r++) if (doc.rowKind[r] === RowKind.Blank) rows.push(r);
  if (rows.length < 2) return;
  // consecutive blank lines at the end would make overlapping "break before" edits: delete forward there
  const edits = mergeAdjacent(
    rows.map((r) => blankRowDeletion(doc, r)),
    doc,
  );
  out.push({ title: `Fix all: delete ${rows.length} blank lines in this file`, kind: 'quickfix', diagnostics: [d], edits });
}

/** Joins touching or overlapping deletions into one, so an editor accepts them. */
function mergeAdjacent(edits: TextEdit[], doc: RuleContext): TextEdit[] {
  const lines = doc.out.lineIndex;
  const spans = edits.map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)]).sort((a, b) => a[0] - b[0]);
  const merged: number[][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  return merged.map(([s, e]) => ({ range: lines.range(s, e), newText: '' }));
}

/** A value repair the finding computed (data.replacement). */
function replaceValue(doc: RuleContext, d: DiagnosticRef, out: ActionSpec[]): void {
  const at = cellOf(doc, d);
  const replacement = (d.data as { replacement?: unknown } | undefined)?.replacement;
  if (!at || at.row < doc.firstRow || typeof replacement !== 'string') return;
  out.push({
    title: (REPLACE_TITLE[String(d.code)] ?? ((v: string) => `Change to '${v}'`))(replacement),
    kind: 'quickfix',
    isPreferred: true,
    diagnostics: [d],
    edits: [replaceCell(doc.table, doc.out.lineIndex, at.cell, replacement)],
  });
}

/** The repair of one value, for the codes whose finding on a header stands for most of its column. */
const COLUMN_REPAIR: Record<string, (value: string) => string | undefined> = {
  'skills-separator': skillsRepair,
  'invalid-number': (v) => (numberProblem(v.trim()) ? numberRepair(v.trim()) : undefined),
};

/** The whole-column fix of a problem most of a column shares (the finding on its header): every cell repaired. */
function fixColumn(_: RuleContext, d: DiagnosticRef, out: ActionSpec[], whole: () => RuleContext | undefined): void {
  const column = (d.data as { column?: unknown } | undefined)?.column;
  const repair = COLUMN_REPAIR[String(d.code)];
  if (typeof column !== 'number' || !repair) return;
  const doc = whole();
  const col = doc?.columns[column];
  if (!doc || !col) return;
  const edits: TextEdit[] = [];
  for (let r = doc.firstRow; r < doc.table.rowCount; r++) {
    if (doc.rowKind[r] !== RowKind.Data) continue;
    const cell = cellAt(doc, r, column);
    const fixed = repair(cellValue(doc.table, cell));
    if (fixed !== undefined) edits.push(replaceCell(doc.table, doc.out.lineIndex, cell, fixed));
  }
  if (edits.length === 0) return;
  out.push({
    title: `Fix all: repair ${edits.length} ${edits.length === 1 ? 'value' : 'values'} in ${col.name.trim()}`,
    kind: 'quickfix',
    isPreferred: true,
    diagnostics: [d],
    edits,
  });
}

/** A semicolon or tab file, rewritten with commas (computed on resolve: it is the whole file). */
function convertToCommas(doc: RuleContext, d: DiagnosticRef, out: ActionSpec[]): void {
  const delimiter = (d.data as { delimiter?: unknown } | undefined)?.delimiter;
  if (delimiter !== ';' && delimiter !== '\t') return;
  out.push({
    title: 'Convert the file to commas',
    kind: 'quickfix',
    isPreferred: true,
    diagnostics: [d],
    lazy: { kind: 'convertDelimiter', delimiter },
  });
}

function changeValue(doc: RuleContext, d: DiagnosticRef, out: ActionSpec[]): void {
  const at = cellOf(doc, d);
  if (!at || at.row < doc.firstRow) return;
  const candidates = candidatesOf(d);
  candidates.forEach((v, i) => {
    out.push({
      title: `Change to '${v}'`,
      kind: 'quickfix',
      isPreferred: candidates.length === 1 && i === 0,
      diagnostics: [d],
      edits: [replaceCell(doc.table, doc.out.lineIndex, at.cell, v)],
    });
  });
}
