/**
 * People rules: the person and manager email columns, duplicates, and the reporting hierarchy. Each chunk
 * of rows adds to the file's people state (a hash per person, the place of their first row, one manager
 * reference per row); the hierarchy is judged when the file ends. Linear in the rows, bounded in memory.
 */
import { isDeleteMarker } from '../catalog';
import { cellValue, isEmptyCell } from '../csv';
import { cellAt, columnOf, RowKind, type Column, type RuleContext } from '../context';
import { emailProblem } from '../formats';
import type { FinishContext } from '../finish';
import { hash64, MAX_RELATED } from '../state';

export function checkPeople(ctx: RuleContext): void {
  const personCol = columnOf(ctx, (a) => a.role === 'person');
  const managerCol = columnOf(ctx, (a) => a.role === 'manager');
  if (!personCol && !managerCol) return;
  const { table, out } = ctx;
  const people = ctx.state.people;

  for (let r = ctx.firstRow; r < table.rowCount; r++) {
    if (ctx.rowKind[r] !== RowKind.Data) continue;
    let personKey: string | undefined;
    let personIndex = -1;
    if (personCol) {
      const cell = cellAt(ctx, r, personCol.index);
      personKey = checkEmailCell(ctx, personCol, cell, true);
      if (personKey !== undefined) {
        const [h1, h2] = hash64(personKey);
        const first = people.index.get(h1, h2);
        if (first >= 0) {
          out.report('duplicate-person', table.cellStart[cell], table.cellEnd[cell],
            `This person already has a row on line ${people.firstCell.line(first) + 1} (emails compare without case): merge the two rows into one.`,
            { attribute: personCol.name, related: [{ range: people.firstCell.range(first), message: 'first row of this person' }] });
        } else {
          personIndex = people.count++;
          people.index.set(h1, h2, personIndex);
          const range = out.rangeOf(table.cellStart[cell], table.cellEnd[cell]);
          people.firstCell.push(range.start.line, range.start.character, range.end.character);
        }
      }
    }
    if (!managerCol) continue;
    const cell = cellAt(ctx, r, managerCol.index);
    if (isEmptyCell(table, cell)) {
      people.blankManagers++;
      if (people.blankManagerRanges.length < MAX_RELATED) people.blankManagerRanges.push(out.rangeOf(table.cellStart[cell], table.cellEnd[cell]));
      continue;
    }
    const key = checkEmailCell(ctx, managerCol, cell, false);
    if (key === undefined) continue;
    if (personKey !== undefined && key === personKey) {
      out.report('self-manager', table.cellStart[cell], table.cellEnd[cell],
        'This person is named as their own manager: enter their real manager, or leave the cell blank for the top leader.',
        { attribute: managerCol.name });
      continue;
    }
    const [h1, h2] = hash64(key);
    people.refPerson.push(personIndex);
    people.refHash.push(h1);
    people.refHash.push(h2);
    const range = out.rangeOf(table.cellStart[cell], table.cellEnd[cell]);
    people.refCell.push(range.start.line, range.start.character, range.end.character);
  }
}

/** Checks an email cell; returns the lower-cased address when it is usable for matching people. */
function checkEmailCell(ctx: RuleContext, col: Column, cell: number, isPerson: boolean): string | undefined {
  const { table, out } = ctx;
  const s = table.cellStart[cell];
  const e = table.cellEnd[cell];
  const name = col.name;
  if (isEmptyCell(table, cell)) {
    if (isPerson) {
      out.report('missing-person', s, e, `${name} is blank: every row needs the email of the person it describes, or the row is dropped.`,
        { attribute: name });
    }
    return undefined;
  }
  const raw = cellValue(table, cell);
  if (!isPerson && isDeleteMarker(raw)) return undefined;
  const value = raw.trim();
  if (value.length === 0) {
    out.report(isPerson ? 'missing-person' : 'invalid-email', s, e,
      `${name} holds only spaces: ${isPerson ? 'enter the email of the person this row describes' : "enter the manager's email, or leave the cell empty"}.`,
      { attribute: name });
    return undefined;
  }
  if (value !== raw) {
    out.report('email-spaces', s, e, `${name} has spaces before or after the address: remove them.`,
      { attribute: name, data: { trimmed: value } });
  }
  const problem = emailProblem(value);
  if (problem) {
    out.report('invalid-email', s, e, `${name} must be an email address, but ${problem}: enter the full address, such as name@contoso.com.`, { attribute: name });
    return undefined;
  }
  return value.toLowerCase();
}

/** When the file ends: people without a manager, managers outside the file, reporting loops. */
export function finishPeople(fin: FinishContext): void {
  const managerCol = fin.columns.find((c) => c.attribute?.role === 'manager');
  if (!managerCol) return;
  const hasPersonColumn = fin.columns.some((c) => c.attribute?.role === 'person');
  const { out } = fin;
  const people = fin.state.people;

  if (people.blankManagers > 1) {
    const blankMeaning = fin.dialect === 'ods'
      ? 'a blank cell keeps the manager already stored, and only the top leader should have none'
      : 'Viva Insights allows a blank ManagerId only for the CEO';
    out.reportRange('multiple-top-level', fin.state.columnRanges[managerCol.index],
      `${people.blankManagers} people have no ${managerCol.name} (${blankMeaning}): fill in the managers unless these people really lead the organization.`,
      { attribute: managerCol.name }, people.blankManagerRanges.map((range) => ({ range, message: 'no manager' })));
  }

  const refs = people.refPerson.length;
  const managerOf = new Int32Array(people.count).fill(-1);
  const refOf = new Int32Array(people.count).fill(-1);
  const wantOutside = hasPersonColumn && out.wants('manager-not-in-file');
  for (let i = 0; i < refs; i++) {
    const m = people.index.get(people.refHash.data[2 * i], people.refHash.data[2 * i + 1]);
    const p = people.refPerson.data[i];
    if (m < 0) {
      if (wantOutside) {
        out.reportRange('manager-not-in-file', people.refCell.range(i),
          'This manager has no row in this file. That is fine if they exist in Entra ID; otherwise check the spelling.',
          { attribute: managerCol.name });
      }
      continue;
    }
    if (p >= 0) {
      managerOf[p] = m;
      refOf[p] = i;
    }
  }
  if (out.wants('reporting-loop')) findLoops(fin, managerCol, managerOf, refOf);
}

/** Every cycle of the manager graph, each reported on all its rows, linked to each other. */
function findLoops(fin: FinishContext, managerCol: Column, managerOf: Int32Array, refOf: Int32Array): void {
  const people = fin.state.people;
  const n = managerOf.length;
  // 0 unvisited, 1 on the current path, 2 done
  const state = new Uint8Array(n);
  const path: number[] = [];
  for (let start = 0; start < n; start++) {
    if (state[start] !== 0) continue;
    path.length = 0;
    let p = start;
    while (p >= 0 && state[p] === 0) {
      state[p] = 1;
      path.push(p);
      p = managerOf[p];
    }
    if (p >= 0 && state[p] === 1) {
      const loop = path.slice(path.indexOf(p));
      const ranges = loop.map((q) => people.refCell.range(refOf[q]));
      const lines = ranges.slice(0, 10).map((r) => r.start.line + 1).join(', ') + (loop.length > 10 ? ` and ${loop.length - 10} more` : '');
      ranges.forEach((range, i) => {
        fin.out.reportRange('reporting-loop', range,
          `Reporting loop: the people on lines ${lines} report to each other in a circle, so none of them reaches the top leader. Correct one of these managers.`,
          { attribute: managerCol.name },
          ranges.filter((_, j) => j !== i).slice(0, MAX_RELATED).map((r) => ({ range: r, message: 'part of the same loop' })));
      });
    }
    for (const q of path) state[q] = 2;
  }
}
