/**
 * A profile of every column, before the upload: how many cells are filled, blank (the stored value stays)
 * and deleted ('' or Layer -1), how many distinct values and the most frequent, the values that are not
 * valid for the column's type, and for grouping columns (organization, level, function, location, and
 * custom columns) the small groups: values held by fewer people than Viva Insights' minimum group size,
 * which reports hide and which can identify people. Fed chunk by chunk, like the rules, so a file of any
 * size streams through it; distinct values are counted by their 64-bit hash, the values themselves kept
 * only for the first MAX_KEPT of each column.
 */
import { isDeleteMarker, type AttributeDef } from '../catalog/catalog';
import { dateProblem, emailProblem, integerProblem, numberProblem } from '../catalog/formats';
import type { OrgDataSettings } from '../catalog/settings';
import { cellValue, isEmptyCell } from '../text/csv';
import { cellAt, columnOf, RowKind, type Column, type RuleContext } from '../analysis/context';
import { HashIndex } from '../text/hash';
import { hash64 } from '../text/hash';
import { identifierKind, sensitiveCategoryOf, SENSITIVE_MIN_SHARE, SENSITIVE_MIN_VALUES } from '../analysis/rules/sensitive';

/** What the editor and the command line say of a file with no header to profile (empty, or blank lines). */
export const NOTHING_TO_PROFILE =
  'The file has no header row, so there is nothing to profile: add a header (for example Microsoft_PersonEmail) and one row per person.';

/** Viva Insights' default minimum group size. */
export const DEFAULT_MIN_GROUP_SIZE = 5;
/** Values kept as text per column (for top and smallGroups); past it only counted. */
const MAX_KEPT = 20_000;
/** How many of the most frequent values a column lists. */
const TOP = 5;

export interface ValueCount {
  value: string;
  count: number;
}

export interface ColumnProfile {
  name: string;
  /** the attribute, or undefined for a custom column */
  attribute?: string;
  type: string;
  filled: number;
  blank: number;
  deleted: number;
  distinct: number;
  top: ValueCount[];
  /** values that are not valid for the column's type, with their counts (the first few) */
  invalid: number;
  invalidValues: ValueCount[];
  /** grouping columns: values held by fewer than minGroupSize people */
  smallGroups?: ValueCount[];
  /** false when the column had more than MAX_KEPT distinct values: top and smallGroups count the first ones */
  complete: boolean;
  /**
   * why the column's values are not shown (top, invalidValues and smallGroups are then empty): it is
   * sensitive or identifying; shown only when asked (--show-values)
   */
  valuesHidden?: string;
  /** with valuesHidden: how many small groups there are */
  smallGroupCount?: number;
}

export interface FileProfile {
  people: number;
  rows: number;
  minGroupSize: number;
  columns: ColumnProfile[];
}

class ColumnStats {
  filled = 0;
  blank = 0;
  deleted = 0;
  invalid = 0;
  readonly distinct = new HashIndex();
  distinctCount = 0;
  /** per kept value: its count, and the people (address numbers) who hold it, for grouping columns */
  readonly kept = new Map<string, { count: number; people?: Set<number> }>();
  readonly invalidKept = new Map<string, number>();
  complete = true;
  /** distinct values that look like identifiers or financial data (SSN, card, IBAN, NINO) */
  identifiers = 0;

  constructor(
    readonly column: Column,
    readonly grouping: boolean,
    readonly check: ((v: string) => boolean) | undefined,
  ) {}

  add(raw: string, person: number): void {
    const value = raw.trim();
    const [h1, h2] = hash64(value);
    if (this.distinct.getOrSet(h1, h2, 1) < 0) {
      this.distinctCount++;
      // each distinct value is looked at once: a column of identifiers has nearly all its values distinct
      if (value.length >= 9 && identifierKind(value)) this.identifiers++;
    }
    let entry = this.kept.get(value);
    if (!entry) {
      if (this.kept.size >= MAX_KEPT) this.complete = false;
      else this.kept.set(value, (entry = { count: 0, people: this.grouping ? new Set() : undefined }));
    }
    if (entry) {
      entry.count++;
      if (entry.people && person >= 0) entry.people.add(person);
    }
    if (this.check && !this.check(value)) {
      this.invalid++;
      if (this.invalidKept.size < TOP || this.invalidKept.has(value)) this.invalidKept.set(value, (this.invalidKept.get(value) ?? 0) + 1);
    }
  }
}

export class ProfileBuilder {
  private stats?: ColumnStats[];
  private readonly people = new HashIndex();
  private peopleCount = 0;
  private rows = 0;

  constructor(
    private readonly settings: OrgDataSettings,
    private readonly minGroupSize = DEFAULT_MIN_GROUP_SIZE,
    /** show the values of sensitive and identifying columns too (orgdata-lint profile --show-values) */
    private readonly showValues = false,
  ) {}

  /** Adds the data rows of a chunk (its context, as the rules saw it). */
  add(ctx: RuleContext): void {
    // every named column: attributes, custom columns, and the ones the upload would not import (not those a
    // column mapping leaves out: the profile is the upload's)
    const stats = (this.stats ??= ctx.columns
      .filter((c) => c.name.trim() !== '' && !c.excluded)
      .map((c) => new ColumnStats(c, !!c.attribute?.grouping || !c.attribute, checkFor(c.attribute, this.settings))));
    const personCol = columnOf(ctx, (a) => a.role === 'person');
    const { table } = ctx;
    for (let r = ctx.firstRow; r < table.rowCount; r++) {
      if (ctx.rowKind[r] !== RowKind.Data) continue;
      this.rows++;
      let person = -1;
      if (personCol) {
        const key = cellValue(table, cellAt(ctx, r, personCol.index))
          .trim()
          .toLowerCase();
        if (key) {
          const [h1, h2] = hash64(key);
          person = this.people.getOrSet(h1, h2, this.peopleCount);
          if (person < 0) person = this.peopleCount++;
        }
      }
      for (const s of stats) {
        const cell = cellAt(ctx, r, s.column.index);
        if (isEmptyCell(table, cell)) {
          s.blank++;
          continue;
        }
        const value = cellValue(table, cell);
        const v = value.trim();
        if (v === '') s.blank++;
        else if (isDeleteMarker(v) || (s.column.attribute?.deleteNumber !== undefined && v === String(s.column.attribute.deleteNumber)))
          s.deleted++;
        else {
          s.filled++;
          s.add(v, person);
        }
      }
    }
  }

  result(): FileProfile {
    const byCount = (a: ValueCount, b: ValueCount): number => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
    const columns = (this.stats ?? []).map((s): ColumnProfile => {
      const counts = [...s.kept].map(([value, e]) => ({ value, count: e.count }));
      const profile: ColumnProfile = {
        name: s.column.name.trim(),
        attribute: s.column.attribute?.name,
        type: s.column.attribute?.type ?? 'custom',
        filled: s.filled,
        blank: s.blank,
        deleted: s.deleted,
        distinct: s.distinctCount,
        // an identifier's values are unique by nature and personal: no top list for them
        top: identifies(s.column.attribute) ? [] : counts.sort(byCount).slice(0, TOP),
        invalid: s.invalid,
        invalidValues: [...s.invalidKept].map(([value, count]) => ({ value, count })).sort(byCount),
        complete: s.complete,
      };
      if (s.grouping) {
        // people, not rows: a history file names a person once per EffectiveDate
        profile.smallGroups = [...s.kept]
          .map(([value, e]) => ({ value, count: e.people && e.people.size > 0 ? e.people.size : e.count }))
          .filter((g) => g.count < this.minGroupSize)
          .sort((a, b) => a.count - b.count || (a.value < b.value ? -1 : 1));
      }
      if (!profile.attribute) delete profile.attribute;
      const hidden = this.showValues ? undefined : privateColumn(s);
      if (hidden) {
        profile.valuesHidden = hidden;
        profile.top = [];
        profile.invalidValues = [];
        if (profile.smallGroups) {
          profile.smallGroupCount = profile.smallGroups.length;
          profile.smallGroups = [];
        }
      }
      return profile;
    });
    return { people: this.peopleCount, rows: this.rows, minGroupSize: this.minGroupSize, columns };
  }
}

/** A column whose values are this distinct (of at least NEARLY_UNIQUE_MIN filled) identifies people, as employee numbers do. */
const NEARLY_UNIQUE = 0.9;
const NEARLY_UNIQUE_MIN = 10;

/**
 * Why a column's values are personal data that a report must not print (it ends up in CI logs and
 * pull requests), or undefined: a sensitive name (date of birth, national insurance number, …) or values
 * that look like identifiers, a column that names people (person, manager, names, assistants, dot-line
 * managers, any email column), or one whose values are nearly all distinct (employee numbers). Our decision.
 */
function privateColumn(s: ColumnStats): string | undefined {
  const a = s.column.attribute;
  const category = sensitiveCategoryOf(s.column.name);
  if (category) return `sensitive: ${category}`;
  if (s.identifiers >= SENSITIVE_MIN_VALUES && s.identifiers >= SENSITIVE_MIN_SHARE * s.distinctCount)
    return 'sensitive: values look like identifiers or financial data';
  if (identifies(a) || a?.role === 'manager' || a?.relation || a?.type === 'email') return 'identifying: it names people';
  if (s.filled >= NEARLY_UNIQUE_MIN && s.distinctCount >= NEARLY_UNIQUE * s.filled) return 'identifying: nearly every value is distinct';
  return undefined;
}

/** The person's own address and names: their values say who someone is, not how people group. */
function identifies(a: AttributeDef | undefined): boolean {
  return a?.role === 'person' || a?.nameGroup === true;
}

/** Whether a value is valid for the attribute's type (deletions and blanks are counted apart). */
function checkFor(a: AttributeDef | undefined, settings: OrgDataSettings): ((v: string) => boolean) | undefined {
  switch (a?.type) {
    case 'email':
      return (v) => !emailProblem(v);
    case 'integer':
      return (v) => !integerProblem(v);
    case 'double':
      return (v) => !numberProblem(v);
    case 'date':
      return (v) => !dateProblem(v, settings.dateFormat);
    case 'enum': {
      const values = new Set((a.enumValues ?? []).map((x) => x.toLowerCase()));
      return (v) => values.has(v.toLowerCase());
    }
    default:
      return undefined;
  }
}
