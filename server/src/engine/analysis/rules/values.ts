/** Values by type, required values, and the first/last/display name group. */
import { attributesOf, isMarkerOrLookalike, type AttributeDef } from '../../catalog/catalog';
import { cellValue, isEmptyCell } from '../../text/csv';
import { cellAt, RowKind, type Column, type RuleContext } from '../context';
import { dateProblem, integerProblem, numberProblem, numberRepair } from '../../catalog/formats';
import { GroupKeys, type GroupKey, type ReportExtras } from '../findings';
import { rankCandidates } from '../../catalog/spelling';
import type { RuleModule } from '../ruleModule';

export function checkValues(ctx: RuleContext): void {
  for (const col of ctx.columns) {
    const attr = col.attribute;
    if (!attr) continue;
    // every email column belongs to the people rules
    if (attr.role || attr.type === 'email') continue;
    const requiredValue = ctx.dialect === 'viva' && (attr.required === 'always' || attr.required === 'defaults');
    if (attr.type === 'string' && !requiredValue) continue;
    checkColumn(ctx, col, attr, requiredValue);
  }
  checkNameGroup(ctx);
}

function checkColumn(ctx: RuleContext, col: Column, attr: AttributeDef, requiredValue: boolean): void {
  const { table, out } = ctx;
  const check = checkerFor(ctx, col, attr);
  for (let r = ctx.firstRow; r < table.rowCount; r++) {
    if (ctx.rowKind[r] !== RowKind.Data) continue;
    const cell = cellAt(ctx, r, col.index);
    const s = table.cellStart[cell];
    const e = table.cellEnd[cell];
    if (isEmptyCell(table, cell)) {
      if (requiredValue) {
        out.report('required-value-missing', s, e, `${attr.name} is blank; Viva Insights needs a value in every row: fill it in.`, {
          attribute: attr.name,
        });
      }
      continue;
    }
    if (!check) continue;
    const value = cellValue(table, cell);
    // deletions, the lone quote Excel leaves of one, and look-alikes of a deletion (the Excel rules say those)
    if (value === "'" || isMarkerOrLookalike(value, attr.deleteNumber)) continue;
    check(value, s, e);
  }
}

type CellCheck = (value: string, start: number, end: number) => void;

/** A cell's problem ("it has a currency sign: remove it") said of all the cells that share it. */
function ofAll(problem: string): string {
  return problem
    .replace(/^it has (.*): (remove (?:it|them))$/, 'have $1: $2 from every cell')
    .replace(/^it has /, 'have ')
    .replace(/^it uses /, 'use ')
    .replace(/^it is not a number: write it/, 'are not numbers: write them')
    .replace(/^it is not a number: write /, 'are not numbers: write ')
    .replace(/round it /, 'round them ');
}

/**
 * The kind of a date problem that a whole column may share: the other format family (a day-first file
 * read month-first), dates that start with the year, or a format the upload does not read. A day that does
 * not exist is a cell's own problem.
 */
function dateGroup(ctx: RuleContext, problem: string, groups: GroupKeys): GroupKey | undefined {
  const format = ctx.settings.dateFormat;
  const other = format === 'MM/DD/YYYY' ? 'DD/MM/YYYY' : 'MM/DD/YYYY';
  if (problem.includes(`it reads as ${other}`))
    return groups.of(
      'family',
      () =>
        `read as ${other}, not ${format}: set orgdata.dateFormat to ${other} (the whole file is read in one family), or rewrite the dates`,
    );
  if (problem.startsWith('a date that starts with the year')) return groups.of('year-first', () => `start with the year: ${problem}`);
  if (problem.startsWith('it is not in a date format'))
    return groups.of(
      'format',
      () => `are not in a date format the upload reads: ${problem.replace(/^it is not in a date format the upload reads: /, '')}`,
    );
  return undefined;
}

function checkerFor(ctx: RuleContext, col: Column, attr: AttributeDef): CellCheck | undefined {
  const { out } = ctx;
  const groups = new GroupKeys(col.index);
  // one extras object per kind of problem, not one per finding: a column wrong on every row makes millions
  const extrasOf = new Map<string, ReportExtras>();
  const shared = (problem: string): ReportExtras => {
    let x = extrasOf.get(problem);
    if (!x) extrasOf.set(problem, (x = { attribute: attr.name, group: groups.of(problem, () => ofAll(problem)) }));
    return x;
  };
  const extras = { attribute: attr.name };
  switch (attr.type) {
    case 'integer':
      return (v, s, e) => {
        const problem = integerProblem(v.trim());
        if (problem) {
          out.report(
            'invalid-integer',
            s,
            e,
            `${attr.name} must be a whole number, but ${problem}.${attr.deleteNumber !== undefined ? ` (${attr.deleteNumber} deletes the stored value.)` : ''}`,
            shared(problem),
          );
          return;
        }
        const n = Number(v);
        if (attr.deleteNumber !== undefined && n === attr.deleteNumber) return;
        rangeCheck(ctx, attr, n, s, e);
      };
    case 'double':
      return (v, s, e) => {
        const t = v.trim();
        const problem = numberProblem(t);
        if (problem) {
          const repaired = numberRepair(t);
          const both =
            repaired !== undefined && numberProblem(t.replace(/[$€£¥₹]|\b(?:USD|EUR|GBP)\b/gi, '').trim())
              ? ' (and its decimal comma or separators)'
              : '';
          // (the repaired value goes to the quick fix, never into the message: messages hold no cell values)
          out.report(
            'invalid-number',
            s,
            e,
            `${attr.name} must be a plain number, but ${problem}${both}.`,
            repaired !== undefined ? { ...shared(problem), data: { replacement: repaired } } : shared(problem),
          );
          return;
        }
        rangeCheck(ctx, attr, Number(v), s, e);
      };
    case 'date':
      return (v, s, e) => {
        const problem = dateProblem(v.trim(), ctx.settings.dateFormat);
        if (problem)
          out.report('invalid-date', s, e, `${attr.name} is not a valid date: ${problem}.`, {
            ...extras,
            group: dateGroup(ctx, problem, groups),
          });
      };
    case 'enum': {
      const allowed = attr.enumValues ?? [];
      if (attr.openEnum) {
        // a text field with documented spellings, read without regard to case (WFI)
        const lower = new Set(allowed.map((a) => a.toLowerCase()));
        return (v, s, e) => {
          if (lower.has(v.trim().toLowerCase())) return;
          out.report(
            'unrecognized-value',
            s,
            e,
            `${attr.name} is not one of the documented values ${allowed.join(', ')} (any case): apps that read it will not understand this value; use one of them.`,
            { ...extras, data: { allowed, candidates: rankCandidates(v.trim(), allowed).map((c) => c.name) } },
          );
        };
      }
      return (v, s, e) => {
        if (allowed.includes(v)) return;
        const byCase = allowed.find((a) => a.toLowerCase() === v.trim().toLowerCase());
        const fix = byCase ? `write it exactly as '${byCase}'` : `use one of ${allowed.map((a) => `'${a}'`).join(', ')}`;
        out.report('invalid-enum', s, e, `${attr.name} takes only ${allowed.join(', ')}: ${fix}.`, {
          ...extras,
          data: { allowed, candidates: byCase ? [byCase] : [...allowed] },
        });
      };
    }
    default:
      return undefined;
  }
}

function rangeCheck(ctx: RuleContext, attr: AttributeDef, n: number, s: number, e: number): void {
  const low = attr.min !== undefined && n < attr.min;
  const high = attr.max !== undefined && n > attr.max;
  if (!low && !high) return;
  const range = attr.max !== undefined ? `between ${attr.min ?? 0} and ${attr.max}` : `${attr.min} or more`;
  const del = attr.deleteNumber !== undefined ? ` (or ${attr.deleteNumber} to delete the stored value)` : '';
  ctx.out.report('out-of-range', s, e, `${attr.name} must be ${range}${del}.`, { attribute: attr.name });
}

/**
 * First, last and display name are stored together or not at all (IMP). A deletion marker counts as a
 * value: it is an instruction for that name, and it too is dropped unless the group is complete.
 */
function checkNameGroup(ctx: RuleContext): void {
  if (ctx.dialect !== 'ods' || !ctx.out.wants('name-group-incomplete')) return;
  const group = attributesOf('ods').filter((a) => a.nameGroup);
  const present = group.map((a) => ctx.columns.find((c) => c.attribute === a));
  const missingColumns = group.filter((_, i) => !present[i]);
  const presentColumns = present.filter((c): c is Column => c !== undefined);
  if (presentColumns.length === 0) return;
  if (missingColumns.length > 0) {
    if (ctx.firstRow !== 1) return; // a header-level finding: once, with the header
    const missing = missingColumns.map((a) => a.name).join(' and ');
    for (const col of presentColumns) {
      ctx.out.report(
        'name-group-incomplete',
        col.start,
        col.end,
        `The file has ${col.name} but no ${missing} column: first, last and display name are stored only together, so no names will be stored. Add ${missing}.`,
        { attribute: col.name, data: { missing: missingColumns.map((a) => a.name) } },
      );
    }
    return;
  }
  const { table, out } = ctx;
  for (let r = ctx.firstRow; r < table.rowCount; r++) {
    if (ctx.rowKind[r] !== RowKind.Data) continue;
    // three cells, no arrays: this runs on every row
    const c0 = cellAt(ctx, r, presentColumns[0].index);
    const c1 = cellAt(ctx, r, presentColumns[1].index);
    const c2 = cellAt(ctx, r, presentColumns[2].index);
    const count = (isEmptyCell(table, c0) ? 0 : 1) + (isEmptyCell(table, c1) ? 0 : 1) + (isEmptyCell(table, c2) ? 0 : 1);
    if (count === 0 || count === 3) continue;
    const cells = [c0, c1, c2];
    const filled = cells.map((cell) => !isEmptyCell(table, cell));
    const given = presentColumns
      .filter((_, i) => filled[i])
      .map((c) => c.name)
      .join(' and ');
    for (let i = 0; i < 3; i++) {
      if (filled[i]) continue;
      const col = presentColumns[i];
      out.report(
        'name-group-incomplete',
        table.cellStart[cells[i]],
        table.cellEnd[cells[i]],
        `${col.name} is blank while ${given} ${count === 1 ? 'has a value' : 'have values'}: first, last and display name are stored only together, so no name is stored for this person. Fill in ${col.name}.`,
        { attribute: col.name },
      );
    }
  }
}

export const valuesRules: RuleModule = {
  name: 'values',
  codes: [
    'required-value-missing',
    'invalid-integer',
    'invalid-number',
    'out-of-range',
    'invalid-date',
    'invalid-enum',
    'unrecognized-value',
    'name-group-incomplete',
  ],
  rows: checkValues,
};
