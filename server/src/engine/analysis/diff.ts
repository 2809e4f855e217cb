/**
 * What an upload will change, person by person, under Microsoft's upload semantics (IMP): a blank cell
 * keeps the stored value (no change); '' deletes ('''' too, as orgdata reads it); Layer -1 deletes;
 * people match by email without regard to case; a person absent from the new file is not deleted (their
 * stored data stays). OLD is the previous upload or a file of the stored state, NEW the file about to be
 * uploaded, in either dialect: Viva Insights names are compared with their Organizational data twins, and a
 * history file contributes each person's latest EffectiveDate.
 *
 * Fed chunk by chunk like the rules: the old file keeps one row per person (their latest) as UTF-8
 * bytes, and the new file is compared as it streams (a history file, whose latest rows are known only at
 * its end, is kept too). So two 1 GB files need about the old file's size in memory.
 */
import { findAttribute, isDeleteMarker, type AttributeDef } from '../catalog/catalog';
import { parseDate } from '../catalog/formats';
import type { OrgDataSettings } from '../catalog/settings';
import { cellValue, GrowableInt32, parseCsv, rowCellCount, TableStorage } from '../text/csv';
import { nodeBuffer, type NodeBuffer } from '../text/strings';
import { cellAt, columnOf, RowKind, type RuleContext } from './context';
import { hash64, HashIndex } from './state';

export type ChangeKind = 'added' | 'changed' | 'deleted';

export interface Change {
  person: string;
  attribute: string;
  kind: ChangeKind;
  before: string | null;
  after: string | null;
}

export interface UploadDiff {
  people: { added: string[]; absent: string[]; changed: number; unchanged: number };
  changes: Change[];
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

interface SideColumn {
  /** the name both sides are compared by: the Organizational data name of an attribute, else the header */
  key: string;
  name: string;
  index: number;
  attribute?: AttributeDef;
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
  private readonly store = new RowStore();
  private readonly storage = new TableStorage();
  columns?: SideColumn[];
  private personIndex = -1;
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
  add(ctx: RuleContext, compare?: (person: string, values: Values) => void): void {
    this.columns ??= ctx.columns.filter((c) => c.name.trim() !== '' && c.attribute?.role !== 'person' && !c.attribute?.snapshotKey)
      .map((c) => ({ key: keyOf(c.name.trim(), c.attribute), name: c.name.trim(), index: c.index, attribute: c.attribute }));
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
      const [h1, h2] = hash64(email.toLowerCase());
      const known = this.index.getOrSet(h1, h2, this.people++);
      if (known >= 0) this.people--;
      if (known < 0) {
        // a row streamed by keeps nothing but its place in the index
        if (streamed) compare(email, (c) => cellValue(table, cellAt(ctx, r, c.index)));
        else {
          this.rows.push(this.store.add(table.text.slice(table.rowStart[r], table.rowEnd[r])));
          if (dateCol) this.dates.push(date);
        }
      } else if (!streamed && (!dateCol || date >= this.dates[known])) {
        // a later EffectiveDate (or, in a file without one, the later row: Microsoft merges in an order it
        // does not document); a new file compared as it streams keeps its first row
        this.rows.data[known] = this.store.add(table.text.slice(table.rowStart[r], table.rowEnd[r]));
        if (dateCol) this.dates[known] = date;
      }
    }
  }

  /** The values of person i's kept row (valid until the next call), and their address as written. */
  row(i: number): { email: string; values: Values } {
    const t = parseCsv(this.store.get(this.rows.data[i]), this.storage);
    const cells = t.rowCount > 0 ? rowCellCount(t, 0) : 0;
    const at = (index: number): string | undefined => (index < cells ? cellValue(t, t.rowFirstCell[0] + index) : undefined);
    return { email: (at(this.personIndex) ?? '').trim(), values: (c) => at(c.index) };
  }

  find(email: string): number {
    return this.index.get(...hash64(email.toLowerCase()));
  }
}

function keyOf(name: string, a: AttributeDef | undefined): string {
  if (!a) return name;
  if (a.dialect === 'viva' && a.counterpart && findAttribute('ods', a.counterpart)) return a.counterpart;
  return a.name;
}

/** What a cell does to the stored value: keep it, delete it, or set it. */
function effect(raw: string | undefined, a: AttributeDef | undefined): { kind: 'keep' } | { kind: 'delete' } | { kind: 'set'; value: string } {
  const v = raw?.trim() ?? '';
  if (v === '') return { kind: 'keep' };
  if (isDeleteMarker(v) || (a?.deleteNumber !== undefined && v === String(a.deleteNumber))) return { kind: 'delete' };
  return { kind: 'set', value: v };
}

export class DiffBuilder {
  private readonly before: Side;
  private readonly after: Side;
  private readonly diff: UploadDiff = { people: { added: [], absent: [], changed: 0, unchanged: 0 }, changes: [] };
  private oldColumns?: Map<string, SideColumn>;

  constructor(settings: OrgDataSettings) {
    this.before = new Side(settings);
    this.after = new Side(settings);
  }

  /** The old file, whole, before the new one: each person's latest row is kept. */
  addOld(ctx: RuleContext): void {
    this.before.add(ctx);
  }

  /** The new file: compared row by row as it streams, unless it is a history (then at the end). */
  addNew(ctx: RuleContext): void {
    this.after.add(ctx, (person, values) => this.compare(person, values));
  }

  /** Which file has no person column ('old' or 'new'), if one has none: its rows belong to no one. */
  missingPerson(): 'old' | 'new' | undefined {
    return !this.before.hasPerson ? 'old' : !this.after.hasPerson ? 'new' : undefined;
  }

  private compare(person: string, now: Values): void {
    const { before, after, diff } = this;
    const j = before.find(person);
    if (j < 0) {
      diff.people.added.push(person);
      return;
    }
    const then = before.row(j).values;
    const oldColumns = (this.oldColumns ??= new Map((before.columns ?? []).map((c) => [c.key, c])));
    let changed = false;
    for (const c of after.columns ?? []) {
      const e = effect(now(c), c.attribute);
      if (e.kind === 'keep') continue;
      // what OLD stored: nothing where its cell was blank, deleted, or its file had no such column
      const old = oldColumns.get(c.key);
      const stored = old ? effect(then(old), old.attribute) : { kind: 'keep' as const };
      const was = stored.kind === 'set' ? stored.value : null;
      if (e.kind === 'delete') {
        if (was === null) continue;
        diff.changes.push({ person, attribute: c.name, kind: 'deleted', before: was, after: null });
      } else if (was === null) {
        diff.changes.push({ person, attribute: c.name, kind: 'added', before: null, after: e.value });
      } else if (was !== e.value) {
        diff.changes.push({ person, attribute: c.name, kind: 'changed', before: was, after: e.value });
      } else continue;
      changed = true;
    }
    if (changed) diff.people.changed++;
    else diff.people.unchanged++;
  }

  result(): UploadDiff {
    const { before, after, diff } = this;
    // a history's people are compared once its latest rows are known
    if (after.history) {
      for (let i = 0; i < after.count; i++) {
        // (each side parses its rows into storage of its own: both rows stay readable)
        const { email, values } = after.row(i);
        this.compare(email, values);
      }
    }
    for (let j = 0; j < before.count; j++) {
      const { email } = before.row(j);
      if (after.find(email) < 0) diff.people.absent.push(email);
    }
    return diff;
  }
}
