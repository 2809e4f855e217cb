/**
 * What an upload will change, person by person, under Microsoft's upload semantics (IMP): a blank cell
 * keeps the stored value (no change); '' deletes ('''' too, as orgdata reads it); Layer -1 deletes;
 * people match by email without regard to case; a person absent from the new file is not deleted (their
 * stored data stays). OLD is the previous upload or a file of the stored state, NEW the file about to be
 * uploaded, in either dialect: Viva Insights names are compared with their Organizational data twins, and a
 * history file contributes each person's latest EffectiveDate.
 *
 * Fed chunk by chunk like the rules: the old file keeps one row per person (their latest), and the new
 * file is compared as it streams (a history file, whose latest rows are known only at its end, is kept
 * too). A row is kept as where it lies in its file when the caller can read it back (the CLI: then two
 * 1 GB files need a few hundred MB), else as its UTF-8 bytes (a document in the editor).
 */
import { findAttribute, isDeleteMarker, type AttributeDef } from '../catalog/catalog';
import { parseDate } from '../catalog/formats';
import type { OrgDataSettings } from '../catalog/settings';
import { cellValue, GrowableInt32, parseCsv, rowCellCount, TableStorage, type Delimiter } from '../text/csv';
import { nodeBuffer, type NodeBuffer } from '../text/strings';
import { cellAt, columnOf, isImported, RowKind, type RuleContext } from '../analysis/context';
import { identifierKind, sensitiveCategoryOf } from '../analysis/rules/sensitive';
import { HashIndex } from '../text/hash';
import { hash64 } from '../text/hash';

export type ChangeKind = 'added' | 'changed' | 'deleted';

export interface Change {
  person: string;
  attribute: string;
  kind: ChangeKind;
  /** null: none, or not shown (valuesHidden) */
  before: string | null;
  after: string | null;
  /** the column holds sensitive data (by its name or its values): the report says that it changed, never the values */
  valuesHidden?: true;
}

/** A column of NEW that the upload will not import: no change, whatever its cells hold. */
export interface NotImported {
  column: string;
  /** the header finding that keeps it out */
  reason: string;
  /** the attribute it was probably meant to be */
  meant?: string[];
}

export interface UploadDiff {
  people: { added: string[]; absent: string[]; changed: number; unchanged: number };
  changes: Change[];
  /** NEW's columns that the upload will not import (a header with an error): listed apart, never changes */
  notImported?: NotImported[];
  /**
   * people with more than one row (for the same EffectiveDate) in OLD or NEW: both sides compare their
   * first row (Microsoft merges a person's rows in an order it does not document)
   */
  duplicated?: string[];
}

/**
 * Rows of text kept as UTF-8 in pages of bytes, not as strings: a 1 GB file's rows take about 1 GB, with
 * no string headers, and a row is decoded only when it is compared. Needs Node's Buffer, as the CLI has.
 */
class RowStore {
  private static readonly PAGE = 16 * 1024 * 1024;
  private readonly pages: NodeBuffer[] = [];
  private used = RowStore.PAGE;
  private readonly page = new GrowableInt32(1024);
  private readonly start = new GrowableInt32(1024);
  private readonly length = new GrowableInt32(1024);

  add(text: string): number {
    const bytes = text.length * 3;
    if (this.used + bytes > RowStore.PAGE) {
      this.pages.push(nodeBuffer!.allocUnsafeSlow(Math.max(RowStore.PAGE, bytes)));
      this.used = 0;
    }
    const written = this.pages[this.pages.length - 1].write(text, this.used, bytes, 'utf8');
    this.page.push(this.pages.length - 1);
    this.start.push(this.used);
    this.length.push(written);
    this.used += written;
    return this.page.length - 1;
  }

  get(id: number): string {
    const start = this.start.data[id];
    return this.pages[this.page.data[id]].toString('utf8', start, start + this.length.data[id]);
  }
}

/** A file the engine may read a byte range of back, as text (the CLI's positioned reads: the engine does no I/O). */
export interface ByteRangeReader {
  read(start: number, end: number): string;
}

/** Where a streamed chunk lies in its file: the byte offset of the character at an offset of the chunk's text. */
export type ByteOffsetOf = (offset: number) => number;

/** A chunk's place in its file, and the file to read its rows back from. */
export interface InFile {
  offsetOf: ByteOffsetOf;
  file: ByteRangeReader;
}

/**
 * The rows a side keeps: each as a byte range of its file (when the chunk came with its place in the file)
 * or as a copy in a RowStore. A range's start is a float: files pass 2 GB.
 */
class KeptRows {
  private start = new Float64Array(1024);
  /** the range's length in bytes; -1: the row is in the store, at index `start` */
  private length = new Int32Array(1024);
  private count = 0;
  private store?: RowStore;
  private file?: ByteRangeReader;

  add(text: string, from: number, to: number, inFile: InFile | undefined): number {
    if (this.count === this.length.length) {
      const start = new Float64Array(this.count * 2);
      start.set(this.start);
      this.start = start;
      const length = new Int32Array(this.count * 2);
      length.set(this.length);
      this.length = length;
    }
    if (inFile) {
      this.file = inFile.file;
      const start = inFile.offsetOf(from);
      this.start[this.count] = start;
      this.length[this.count] = inFile.offsetOf(to) - start;
    } else {
      this.start[this.count] = (this.store ??= new RowStore()).add(text.slice(from, to));
      this.length[this.count] = -1;
    }
    return this.count++;
  }

  get(id: number): string {
    const start = this.start[id];
    const length = this.length[id];
    return length < 0 ? this.store!.get(start) : this.file!.read(start, start + length);
  }
}

interface SideColumn {
  /** the name both sides are compared by: the Organizational data name of an attribute, else the header */
  key: string;
  name: string;
  index: number;
  attribute?: AttributeDef;
  /** its name says it holds sensitive data: its values are never in the report */
  sensitive: boolean;
}

/** A person's values, by column of their file. */
type Values = (column: SideColumn) => string | undefined;

/** One file's people: each person's latest row (kept as bytes), by the hash of their address. */
class Side {
  readonly index = new HashIndex(1 << 16);
  /** per person: the row in `store` (-1: not kept, the row was compared as it streamed by) */
  readonly rows = new GrowableInt32(1024);
  /** history files: the row's EffectiveDate as a number, to keep the latest */
  readonly dates: number[] = [];
  private readonly kept = new KeptRows();
  private readonly storage = new TableStorage();
  /** the file's separator, to read a kept row again */
  private delimiter: Delimiter = ',';
  columns?: SideColumn[];
  /** the columns the upload will not import */
  notImported: NotImported[] = [];
  /** people with more than one row (for the same EffectiveDate), in the order met */
  readonly duplicated: string[] = [];
  personIndex = -1;
  /** whether the file has a person column (without one, no row belongs to anyone) */
  hasPerson = false;
  /** whether the file has an EffectiveDate column: then a person's latest row is known only at its end */
  history = false;

  constructor(private readonly settings: OrgDataSettings) {}

  /** people seen (a streamed file keeps only their index) */
  private people = 0;

  /** people whose rows are kept */
  get count(): number {
    return this.rows.length;
  }

  /**
   * Adds a chunk's rows. `compare`, when given and the file is no history, is handed each person's first
   * row as it comes instead of keeping it (the new file of a diff: its rows need not all be held).
   */
  add(
    ctx: RuleContext,
    inFile: InFile | undefined,
    compare?: (person: string, key: [number, number], values: Values, text: string) => void,
  ): void {
    if (!this.columns) {
      this.delimiter = ctx.table.delimiter;
      const named = ctx.columns.filter((c) => c.name.trim() !== '' && !c.excluded);
      this.notImported = named
        .filter((c) => !isImported(c))
        .map((c) => ({ column: c.name.trim(), reason: c.problem!, ...(c.candidates ? { meant: c.candidates } : {}) }));
      this.columns = named
        .filter((c) => isImported(c) && c.attribute?.role !== 'person' && !c.attribute?.snapshotKey)
        .map((c) => ({
          key: keyOf(c.name.trim(), c.attribute),
          name: c.name.trim(),
          index: c.index,
          attribute: c.attribute,
          sensitive: !!sensitiveCategoryOf(c.name),
        }));
    }
    const personCol = columnOf(ctx, (a) => a.role === 'person');
    const dateCol = columnOf(ctx, (a) => a.snapshotKey === true);
    if (!personCol) return;
    this.hasPerson = true;
    this.personIndex = personCol.index;
    this.history = !!dateCol;
    const { table } = ctx;
    const streamed = compare && !dateCol;
    for (let r = ctx.firstRow; r < table.rowCount; r++) {
      if (ctx.rowKind[r] !== RowKind.Data) continue;
      const email = cellValue(table, cellAt(ctx, r, personCol.index)).trim();
      if (!email) continue;
      const parsed = dateCol ? parseDate(cellValue(table, cellAt(ctx, r, dateCol.index)).trim(), this.settings.dateFormat) : 0;
      const date = typeof parsed === 'number' ? parsed : -Infinity;
      const key = hash64(email.toLowerCase());
      const [h1, h2] = key;
      const known = this.index.getOrSet(h1, h2, this.people++);
      if (known >= 0) {
        this.people--;
        // (a history's rows of other dates are no duplicates; its kept dates say which are the same)
        if (!dateCol || (!streamed && date === this.dates[known])) this.duplicated.push(email);
      }
      if (known < 0) {
        // a row streamed by keeps nothing but its place in the index
        if (streamed)
          compare(email, key, (c) => cellValue(table, cellAt(ctx, r, c.index)), table.text.slice(table.rowStart[r], table.rowEnd[r]));
        else {
          this.rows.push(this.kept.add(table.text, table.rowStart[r], table.rowEnd[r], inFile));
          if (dateCol) this.dates.push(date);
        }
      } else if (!streamed && dateCol && date > this.dates[known]) {
        // a later EffectiveDate; of two rows for one date, or in a file without dates, the first row is kept
        // on both sides (Microsoft merges in an order it does not document; the report names the duplicate)
        this.rows.data[known] = this.kept.add(table.text, table.rowStart[r], table.rowEnd[r], inFile);
        this.dates[known] = date;
      }
    }
  }

  /** The text of person i's kept row. */
  rowText(i: number): string {
    return this.kept.get(this.rows.data[i]);
  }

  /** The values of person i's kept row (valid until the next call), and their address as written. */
  row(i: number, text = this.rowText(i)): { email: string; values: Values } {
    const t = parseCsv(text, this.storage, this.delimiter);
    const cells = t.rowCount > 0 ? rowCellCount(t, 0) : 0;
    const at = (index: number): string | undefined => (index < cells ? cellValue(t, t.rowFirstCell[0] + index) : undefined);
    return { email: (at(this.personIndex) ?? '').trim(), values: (c) => at(c.index) };
  }

  /** The person with this address key (hash64 of the address, lower-cased), or -1. */
  find([h1, h2]: [number, number]): number {
    return this.index.get(h1, h2);
  }

  /** One bit a person: whether the other file names them too. */
  private marks = new Uint8Array(0);

  seen(i: number): void {
    if (i >> 3 >= this.marks.length) {
      const marks = new Uint8Array(Math.max(1024, (this.count >> 3) + 1));
      marks.set(this.marks);
      this.marks = marks;
    }
    this.marks[i >> 3] |= 1 << (i & 7);
  }

  wasSeen(i: number): boolean {
    return i >> 3 < this.marks.length && (this.marks[i >> 3] & (1 << (i & 7))) !== 0;
  }
}

/** A value that looks like an identifier or financial data (an SSN, a card number, an IBAN, a NINO). */
function isIdentifier(v: string | null): boolean {
  return v !== null && v.length >= 9 && identifierKind(v) !== undefined;
}

function keyOf(name: string, a: AttributeDef | undefined): string {
  if (!a) return name;
  if (a.dialect === 'viva' && a.counterpart && findAttribute('ods', a.counterpart)) return a.counterpart;
  return a.name;
}

/** What a cell does to the stored value: keep it, delete it, or set it. */
function effect(
  raw: string | undefined,
  a: AttributeDef | undefined,
): { kind: 'keep' } | { kind: 'delete' } | { kind: 'set'; value: string } {
  const v = raw?.trim() ?? '';
  if (v === '') return { kind: 'keep' };
  if (isDeleteMarker(v) || (a?.deleteNumber !== undefined && v === String(a.deleteNumber))) return { kind: 'delete' };
  return { kind: 'set', value: v };
}

export class DiffBuilder {
  private readonly before: Side;
  private readonly after: Side;
  private readonly diff: UploadDiff = { people: { added: [], absent: [], changed: 0, unchanged: 0 }, changes: [] };
  /** each column of NEW with the column of OLD it is compared with (none: OLD had no such column) */
  private pairs?: { now: SideColumn; old: SideColumn | undefined }[];
  /** whether both files have the same columns in the same places: then an identical row changes nothing */
  private sameColumns = false;

  constructor(settings: OrgDataSettings) {
    this.before = new Side(settings);
    this.after = new Side(settings);
  }

  /**
   * The old file, whole, before the new one: each person's latest row is kept. `inFile`: where the chunk
   * lies in its file, which can be read back (then rows are kept as their place in it).
   */
  addOld(ctx: RuleContext, inFile?: InFile): void {
    this.before.add(ctx, inFile);
  }

  /** The new file: compared row by row as it streams, unless it is a history (then at the end). */
  addNew(ctx: RuleContext, inFile?: InFile): void {
    this.after.add(ctx, inFile, (person, key, values, text) => this.compare(person, key, values, text));
  }

  /** Which file has no person column ('old' or 'new'), if one has none: its rows belong to no one. */
  missingPerson(): 'old' | 'new' | undefined {
    return !this.before.hasPerson ? 'old' : !this.after.hasPerson ? 'new' : undefined;
  }

  /** `key`: the person's address hashed (Side.add has it already: a row's address is hashed once). */
  private compare(person: string, key: [number, number], now: Values, text: string): void {
    const { before, diff } = this;
    const j = before.find(key);
    if (j < 0) {
      diff.people.added.push(person);
      return;
    }
    before.seen(j);
    const pairs = (this.pairs ??= this.pair());
    const oldText = before.rowText(j);
    // most people's rows are as they were: one string comparison, no parsing
    if (this.sameColumns && oldText === text) {
      diff.people.unchanged++;
      return;
    }
    const then = before.row(j, oldText).values;
    let changed = false;
    for (const { now: c, old } of pairs) {
      const e = effect(now(c), c.attribute);
      if (e.kind === 'keep') continue;
      // what OLD stored: nothing where its cell was blank, deleted, or its file had no such column
      const stored = old ? effect(then(old), old.attribute) : { kind: 'keep' as const };
      const was = stored.kind === 'set' ? stored.value : null;
      let change: Change;
      if (e.kind === 'delete') {
        if (was === null) continue;
        change = { person, attribute: c.name, kind: 'deleted', before: was, after: null };
      } else if (was === null) {
        change = { person, attribute: c.name, kind: 'added', before: null, after: e.value };
      } else if (was !== e.value) {
        change = { person, attribute: c.name, kind: 'changed', before: was, after: e.value };
      } else continue;
      diff.changes.push(
        c.sensitive || isIdentifier(change.before) || isIdentifier(change.after)
          ? { ...change, before: null, after: null, valuesHidden: true }
          : change,
      );
      changed = true;
    }
    if (changed) diff.people.changed++;
    else diff.people.unchanged++;
  }

  private pair(): { now: SideColumn; old: SideColumn | undefined }[] {
    const { before, after } = this;
    const oldColumns = new Map((before.columns ?? []).map((c) => [c.key, c]));
    const was = before.columns ?? [];
    const now = after.columns ?? [];
    this.sameColumns =
      before.personIndex === after.personIndex &&
      was.length === now.length &&
      was.every((c, i) => c.name === now[i].name && c.index === now[i].index);
    return now.map((c) => ({ now: c, old: oldColumns.get(c.key) }));
  }

  result(): UploadDiff {
    const { before, after, diff } = this;
    // a history's people are compared once its latest rows are known
    if (after.history) {
      for (let i = 0; i < after.count; i++) {
        // (each side parses its rows into storage of its own: both rows stay readable)
        const text = after.rowText(i);
        const { email, values } = after.row(i, text);
        this.compare(email, hash64(email.toLowerCase()), values, text);
      }
    }
    // the old file's people the new one never named (each old row is read back only for them)
    for (let j = 0; j < before.count; j++) if (!before.wasSeen(j)) diff.people.absent.push(before.row(j).email);
    if (after.notImported.length > 0) diff.notImported = after.notImported;
    const duplicated = [...new Set([...before.duplicated, ...after.duplicated].map((e) => e.toLowerCase()))];
    if (duplicated.length > 0) diff.duplicated = duplicated;
    return diff;
  }
}
