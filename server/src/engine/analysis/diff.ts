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
import { cellValue, GrowableInt32, parseCsv, rowCellCount } from '../text/csv';
import { nodeBuffer, ownCopy, type NodeBuffer } from '../text/strings';
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

/** One file's people: each person's latest row (kept as bytes), by the hash of their address. */
class Side {
  readonly index = new HashIndex();
  readonly emails: string[] = [];
  /** per person: the row in `store` (-1: not kept, the row was compared as it streamed by) */
  readonly rows = new GrowableInt32(1024);
  /** the row's EffectiveDate as a number (history files), to keep the latest */
  readonly dates: number[] = [];
  private readonly store = new RowStore();
  columns?: SideColumn[];
  /** whether the file has a person column (without one, no row belongs to anyone) */
  hasPerson = false;
  /** whether the file has an EffectiveDate column: then a person's latest row is known only at its end */
  history = false;

  constructor(private readonly settings: OrgDataSettings) {}

  /**
   * Adds a chunk's rows. `compare`, when given and the file is no history, is handed each person's row as
   * it comes instead of keeping it (the new file of a diff: its rows need not all be held).
   */
  add(ctx: RuleContext, compare?: (person: string, values: Map<string, string>) => void): void {
    this.columns ??= ctx.columns.filter((c) => c.name.trim() !== '' && c.attribute?.role !== 'person' && !c.attribute?.snapshotKey)
      .map((c) => ({ key: keyOf(c.name.trim(), c.attribute), name: c.name.trim(), index: c.index, attribute: c.attribute }));
    const personCol = columnOf(ctx, (a) => a.role === 'person');
    const dateCol = columnOf(ctx, (a) => a.snapshotKey === true);
    if (!personCol) return;
    this.hasPerson = true;
    this.history = !!dateCol;
    const { table } = ctx;
    for (let r = ctx.firstRow; r < table.rowCount; r++) {
      if (ctx.rowKind[r] !== RowKind.Data) continue;
      const email = cellValue(table, cellAt(ctx, r, personCol.index)).trim();
      if (!email) continue;
      const parsed = dateCol ? parseDate(cellValue(table, cellAt(ctx, r, dateCol.index)).trim(), this.settings.dateFormat) : 0;
      const date = typeof parsed === 'number' ? parsed : -Infinity;
      const [h1, h2] = hash64(email.toLowerCase());
      const known = this.index.getOrSet(h1, h2, this.emails.length);
      const streamed = compare && !dateCol;
      if (known < 0) {
        this.emails.push(ownCopy(email));
        this.dates.push(date);
        if (streamed) {
          this.rows.push(-1);
          compare(this.emails[this.emails.length - 1], this.valuesOf(table.text.slice(table.rowStart[r], table.rowEnd[r])));
        } else this.rows.push(this.store.add(table.text.slice(table.rowStart[r], table.rowEnd[r])));
      } else if (!streamed && date >= this.dates[known]) {
        // a later EffectiveDate (or, in a file without one, the later row: Microsoft merges in an order it
        // does not document); a new file compared as it streams keeps its first row
        this.rows.data[known] = this.store.add(table.text.slice(table.rowStart[r], table.rowEnd[r]));
        this.dates[known] = date;
      }
    }
  }

  /** The values of person i's kept row, by column key. */
  values(i: number): Map<string, string> {
    return this.valuesOf(this.store.get(this.rows.data[i]));
  }

  private valuesOf(row: string): Map<string, string> {
    const t = parseCsv(row);
    const out = new Map<string, string>();
    if (t.rowCount === 0) return out;
    const first = t.rowFirstCell[0];
    for (const c of this.columns ?? []) {
      if (c.index < rowCellCount(t, 0)) out.set(c.key, cellValue(t, first + c.index));
    }
    return out;
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

  private compare(person: string, now: Map<string, string>): void {
    const { before, after, diff } = this;
    const j = before.find(person);
    if (j < 0) {
      diff.people.added.push(person);
      return;
    }
    const then = before.values(j);
    const oldColumns = (this.oldColumns ??= new Map((before.columns ?? []).map((c) => [c.key, c])));
    let changed = false;
    for (const c of after.columns ?? []) {
      const e = effect(now.get(c.key), c.attribute);
      if (e.kind === 'keep') continue;
      // what OLD stored: nothing where its cell was blank, deleted, or its file had no such column
      const stored = oldColumns.has(c.key) ? effect(then.get(c.key), oldColumns.get(c.key)!.attribute) : { kind: 'keep' as const };
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
    if (after.history) for (let i = 0; i < after.emails.length; i++) this.compare(after.emails[i], after.values(i));
    for (let j = 0; j < before.emails.length; j++) if (after.find(before.emails[j]) < 0) diff.people.absent.push(before.emails[j]);
    return diff;
  }
}
