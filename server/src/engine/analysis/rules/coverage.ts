/**
 * File-level findings: what the Copilot dashboard and the upload page will say about the whole file.
 * Coverage counts people, not rows: a person's rows together fill a column (an ODS file may have several
 * rows of one person), and a Viva Insights history file is judged per EffectiveDate.
 */
import { ATTRIBUTES, COPILOT_COVERAGE, isDeleteMarker, LOCAL_UPLOAD_LIMIT_BYTES } from '../../catalog/catalog';
import { cellValue, GrowableInt32, isEmptyCell } from '../../text/csv';
import { cellAt, misspeltColumn, type Column, type RuleContext } from '../context';
import type { FinishContext } from '../finish';
import type { Range } from '../../text/positions';
import { CellPlaces, MAX_RELATED, shifted } from '../state';
import type { PeopleIndex } from './people';
import type { RuleModule } from '../ruleModule';

/** The columns the Copilot dashboard's first upload needs (COP). */
const COPILOT_COLUMNS = ATTRIBUTES.filter((a) => a.dialect === 'ods' && (a.role === 'manager' || a.counterpart === 'Organization')).map(
  (a) => a.name,
);

/** The manager and organization columns, whose coverage the Copilot dashboard checks. */
function coverageColumns(columns: readonly Column[]): Column[] {
  return columns.filter(
    (c) =>
      c.attribute && (c.attribute.role === 'manager' || c.attribute.counterpart === 'Organization' || c.attribute.name === 'Organization'),
  );
}

/** Whether a cell gives the column a value: not blank, not a deletion, not the lone quote Excel leaves. */
function fills(ctx: RuleContext, cell: number): boolean {
  const { table } = ctx;
  if (isEmptyCell(table, cell)) return false;
  // only a short cell can be a marker: no string is made for the others
  if (table.cellEnd[cell] - table.cellStart[cell] > 5) return true;
  const v = cellValue(table, cell).trim();
  return v.length > 0 && v !== "'" && !isDeleteMarker(v);
}

/** Per chunk: which coverage columns each person's row fills, and where the blank cells are. */
export function checkCoverage(ctx: RuleContext): void {
  const { table, out, chunk } = ctx;
  const rows = chunk.entryRow;
  chunk.entryRow = undefined;
  if (!rows || !out.wants('coverage-low')) return;
  const columns = coverageColumns(ctx.columns);
  const filled = (chunk.personFilled = new Uint8Array(rows.length));
  const blanks = columns.map(() => ({ entry: new GrowableInt32(16), cell: new CellPlaces() }));
  chunk.coverageBlanks.push(...blanks);
  for (let i = 0; i < rows.length; i++) {
    const r = rows.data[i];
    let mask = 0;
    for (let k = 0; k < columns.length; k++) {
      const cell = cellAt(ctx, r, columns[k].index);
      if (fills(ctx, cell)) {
        mask |= 1 << k;
      } else {
        const range = out.rangeOf(table.cellStart[cell], table.cellEnd[cell]);
        blanks[k].entry.push(i);
        blanks[k].cell.push(range.start.line, range.start.character, range.end.character);
      }
    }
    filled[i] = mask;
  }
}

export function finishCoverage(fin: FinishContext, people: PeopleIndex | undefined): void {
  const { out, state } = fin;
  if (people && people.count > 0 && out.wants('coverage-low')) judgeCoverage(fin, people);
  if (fin.dialect === 'ods' && out.wants('copilot-columns-missing')) {
    const missing = COPILOT_COLUMNS.filter((name) => !fin.columns.some((c) => c.name.trim() === name));
    if (missing.length > 0) {
      // a column that is probably one of them, misspelt: named, since renaming it is the fix
      const misspelt = missing.map((name) => [name, misspeltColumn(fin.columns, name)] as const).filter(([, col]) => col);
      const renames = misspelt
        .map(([name, col]) => ` '${col!.name.trim()}' (column ${col!.index + 1}) looks like a misspelt ${name}: rename it.`)
        .join('');
      const what =
        missing.length === 1
          ? `no ${missing[0]} column: the Copilot dashboard's first upload needs it and ${COPILOT_COLUMNS.find((n) => n !== missing[0])}`
          : `no ${missing.join(' or ')} column: the Copilot dashboard's first upload needs both`;
      out.reportRange(
        'copilot-columns-missing',
        state.headerRange,
        `The file has ${what}, each filled in for 95% of people (a later upload may leave them out).${renames} ${renames ? 'Otherwise add' : 'Add'} ${missing.length === 1 ? 'it' : 'them'}, or turn this off without the Copilot dashboard.`,
        {
          data: {
            missing,
            ...(misspelt.length ? { misspelt: Object.fromEntries(misspelt.map(([name, col]) => [name, col!.name.trim()])) } : {}),
          },
        },
      );
    }
  }
  const bytes = state.fileBytes;
  if (bytes !== undefined && bytes > LOCAL_UPLOAD_LIMIT_BYTES) {
    out.reportRange(
      'file-too-large',
      state.headerRange,
      `This file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the upload page takes at most 25 MB from your computer: upload it through SharePoint (up to 5 GB).`,
      { data: { bytes } },
    );
  }
}

/**
 * Each coverage column: the share of people who have a value, per snapshot; the worst snapshot under 95%
 * is reported once, on the header, with the first blank cells as related information. The top leader
 * has no manager by design: one blank manager a snapshot is not a gap (our decision).
 */
function judgeCoverage(fin: FinishContext, people: PeopleIndex): void {
  const columns = coverageColumns(fin.columns);
  const filled = new Uint8Array(people.count);
  fin.state.chunks.forEach(({ state: chunk }, c) => {
    const map = people.personOfEntry[c];
    for (let i = 0; i < chunk.personFilled.length; i++) filled[map[i]] |= chunk.personFilled[i];
  });
  const snapshots = fin.state.snapshots;
  // people and filled cells per snapshot (their numbers are dense: one when the file has no dates), in
  // typed arrays: this runs after every edit, over every person (a Map and a closure a person took 10 ms on
  // 300,000 rows)
  const k = columns.length;
  const dated = snapshots.labels.length > 1;
  const peopleIn = new Int32Array(Math.max(1, snapshots.labels.length));
  const filledIn = new Int32Array(peopleIn.length * k);
  for (let p = 0; p < people.count; p++) {
    const s = dated ? people.snapshotOf(p) : 0;
    peopleIn[s]++;
    const f = filled[p];
    if (f !== 0) for (let j = 0; j < k; j++) if (f & (1 << j)) filledIn[s * k + j]++;
  }
  columns.forEach((col, j) => {
    let worst: { s: number; share: number; filled: number; people: number } | undefined;
    for (let s = 0; s < peopleIn.length; s++) {
      if (peopleIn[s] === 0) continue;
      let n = filledIn[s * k + j];
      if (col.attribute?.role === 'manager' && n < peopleIn[s]) n++;
      const share = n / peopleIn[s];
      if (share >= COPILOT_COVERAGE) continue;
      if (!worst || share < worst.share || (share === worst.share && snapshots.before(s, worst.s)))
        worst = { s, share, filled: n, people: peopleIn[s] };
    }
    if (!worst) return;
    const pct = Math.floor(worst.share * 1000) / 10;
    const when = people.history ? ` on EffectiveDate ${snapshots.labels[worst.s] || '(blank)'}` : '';
    const related = blanksOf(fin, people, j, worst.s, col.attribute?.role === 'manager');
    fin.out.reportRange(
      'coverage-low',
      fin.state.columnRanges[col.index],
      `${col.name} is filled in for ${pct}% of people${when} (${worst.filled} of ${worst.people}); for tenants with the Copilot dashboard an upload below 95% fails: fill in the blanks (the first are listed with this finding), or turn coverage-low off without the dashboard.`,
      { attribute: col.name, data: { filled: worst.filled, people: worst.people } },
      related.map((range) => ({ range, message: `no ${col.name}` })),
    );
  });
}

/** The first blank cells of coverage column k in snapshot s, in file order (the top leader's manager is no gap). */
function blanksOf(fin: FinishContext, people: PeopleIndex, k: number, s: number, isManager: boolean): Range[] {
  const out: Range[] = [];
  const leader = isManager ? people.leaders.get(s) : undefined;
  fin.state.chunks.forEach(({ state: chunk, lineBase }, c) => {
    const blanks = chunk.coverageBlanks[k];
    if (!blanks) return;
    for (let i = 0; i < blanks.entry.length && out.length < MAX_RELATED; i++) {
      const p = people.personOfEntry[c][blanks.entry.data[i]];
      if (people.snapshotOf(p) !== s || p === leader) continue;
      out.push(shifted(blanks.cell.range(i), lineBase - chunk.recordedLineBase));
    }
  });
  return out;
}

export const coverageRules: RuleModule = {
  name: 'coverage',
  codes: ['coverage-low', 'copilot-columns-missing', 'file-too-large'],
  rows: checkCoverage,
  finish: finishCoverage,
};
