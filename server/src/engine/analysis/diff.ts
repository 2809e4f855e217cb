/**
 * What an upload will change, person by person, under Microsoft's upload semantics (IMP): a blank cell
 * keeps the stored value (no change); '' deletes ('''' too, as orgdata reads it); Layer -1 deletes;
 * people match by email without regard to case; a person absent from the new file is not deleted (their
 * stored data stays). OLD is the previous upload or a file of the stored state, NEW the file about to be
 * uploaded, in either dialect: Viva Insights names are compared with their Organizational data twins, and a
 * history file contributes each person's latest EffectiveDate.
 *
 * Fed chunk by chunk like the rules; each side keeps one row of text per person (their latest), so the
 * memory is about the size of the two files.
 */
import { findAttribute, isDeleteMarker, type AttributeDef } from '../catalog/catalog';
import { parseDate } from '../catalog/formats';
import type { OrgDataSettings } from '../catalog/settings';
import { cellValue, parseCsv, rowCellCount } from '../text/csv';
import { ownCopy } from '../text/strings';
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

interface SideColumn {
  /** the name both sides are compared by: the Organizational data name of an attribute, else the header */
  key: string;
  name: string;
  index: number;
  attribute?: AttributeDef;
}

/** One file's people: the text of each person's latest row, by the hash of their address. */
class Side {
  readonly index = new HashIndex();
  readonly emails: string[] = [];
  readonly rows: string[] = [];
  /** the row's EffectiveDate as a number (history files), to keep the latest */
  readonly dates: number[] = [];
  columns?: SideColumn[];
  /** whether the file has a person column (without one, no row belongs to anyone) */
  hasPerson = false;

  constructor(private readonly settings: OrgDataSettings) {}

  add(ctx: RuleContext): void {
    this.columns ??= ctx.columns.filter((c) => c.name.trim() !== '' && c.attribute?.role !== 'person' && !c.attribute?.snapshotKey)
      .map((c) => ({ key: keyOf(c.name.trim(), c.attribute), name: c.name.trim(), index: c.index, attribute: c.attribute }));
    const personCol = columnOf(ctx, (a) => a.role === 'person');
    const dateCol = columnOf(ctx, (a) => a.snapshotKey === true);
    if (!personCol) return;
    this.hasPerson = true;
    const { table } = ctx;
    for (let r = ctx.firstRow; r < table.rowCount; r++) {
      if (ctx.rowKind[r] !== RowKind.Data) continue;
      const email = cellValue(table, cellAt(ctx, r, personCol.index)).trim();
      if (!email) continue;
      const parsed = dateCol ? parseDate(cellValue(table, cellAt(ctx, r, dateCol.index)).trim(), this.settings.dateFormat) : 0;
      const date = typeof parsed === 'number' ? parsed : -Infinity;
      const [h1, h2] = hash64(email.toLowerCase());
      const row = ownCopy(table.text.slice(table.rowStart[r], table.rowEnd[r]));
      const known = this.index.getOrSet(h1, h2, this.emails.length);
      if (known < 0) {
        this.emails.push(ownCopy(email));
        this.rows.push(row);
        this.dates.push(date);
      } else if (date >= this.dates[known]) {
        // a later EffectiveDate (or, in a file without one, the later row: Microsoft merges in an order it does not document)
        this.rows[known] = row;
        this.dates[known] = date;
      }
    }
  }

  /** The values of person i's row, by column key. */
  values(i: number): Map<string, string> {
    const t = parseCsv(this.rows[i]);
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

  constructor(settings: OrgDataSettings) {
    this.before = new Side(settings);
    this.after = new Side(settings);
  }

  addOld(ctx: RuleContext): void {
    this.before.add(ctx);
  }

  addNew(ctx: RuleContext): void {
    this.after.add(ctx);
  }

  /** Which file has no person column ('old' or 'new'), if one has none: its rows belong to no one. */
  missingPerson(): 'old' | 'new' | undefined {
    return !this.before.hasPerson ? 'old' : !this.after.hasPerson ? 'new' : undefined;
  }

  result(): UploadDiff {
    const { before, after } = this;
    const diff: UploadDiff = { people: { added: [], absent: [], changed: 0, unchanged: 0 }, changes: [] };
    const oldColumns = new Map((before.columns ?? []).map((c) => [c.key, c]));
    for (let i = 0; i < after.emails.length; i++) {
      const person = after.emails[i];
      const j = before.find(person);
      if (j < 0) {
        diff.people.added.push(person);
        continue;
      }
      const now = after.values(i);
      const then = before.values(j);
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
    for (let j = 0; j < before.emails.length; j++) if (after.find(before.emails[j]) < 0) diff.people.absent.push(before.emails[j]);
    return diff;
  }
}
