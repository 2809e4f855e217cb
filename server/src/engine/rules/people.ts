/**
 * People rules: the person and manager email columns, duplicates, and the reporting hierarchy. Cross-row
 * state is one map of lower-cased email to first row, plus one manager-row array: linear in the rows.
 */
import { isDeleteMarker } from '../catalog';
import { cellValue, isEmptyCell } from '../csv';
import { atHeader, cellAt, columnOf, RowKind, type Column, type RuleContext } from '../context';
import { emailProblem } from '../formats';

const MAX_RELATED = 20;

export function checkPeople(ctx: RuleContext): void {
  const personCol = columnOf(ctx, (a) => a.role === 'person');
  const managerCol = columnOf(ctx, (a) => a.role === 'manager');
  const { table, out } = ctx;
  const rows = table.rowCount;

  // email (lower case) -> first row; rows without a valid person stay out of the hierarchy
  const rowOf = new Map<string, number>();
  const personKey: (string | undefined)[] = new Array(rows);
  if (personCol) {
    for (let r = 1; r < rows; r++) {
      if (ctx.rowKind[r] !== RowKind.Data) continue;
      const cell = cellAt(ctx, r, personCol.index);
      const key = checkEmailCell(ctx, personCol, cell, true);
      if (key === undefined) continue;
      const first = rowOf.get(key);
      if (first !== undefined) {
        const firstCell = cellAt(ctx, first, personCol.index);
        out.report('duplicate-person', table.cellStart[cell], table.cellEnd[cell],
          `This person already has a row on line ${lineOf(ctx, first) + 1} (emails compare without case): merge the two rows into one.`,
          {
            attribute: personCol.name,
            related: [{ start: table.cellStart[firstCell], end: table.cellEnd[firstCell], message: 'first row of this person' }],
          });
        continue;
      }
      rowOf.set(key, r);
      personKey[r] = key;
    }
  }
  if (!managerCol) return;

  // manager row of each row: -1 none or outside the file, -2 blank
  const managerRow = new Int32Array(rows).fill(-1);
  const blankRows: number[] = [];
  for (let r = 1; r < rows; r++) {
    if (ctx.rowKind[r] !== RowKind.Data) continue;
    const cell = cellAt(ctx, r, managerCol.index);
    if (isEmptyCell(table, cell)) {
      managerRow[r] = -2;
      blankRows.push(r);
      continue;
    }
    const key = checkEmailCell(ctx, managerCol, cell, false);
    if (key === undefined) continue;
    const s = table.cellStart[cell];
    const e = table.cellEnd[cell];
    if (personKey[r] !== undefined && key === personKey[r]) {
      out.report('self-manager', s, e,
        'This person is named as their own manager: enter their real manager, or leave the cell blank for the top leader.',
        { attribute: managerCol.name });
      continue;
    }
    const m = rowOf.get(key);
    if (m === undefined) {
      if (personCol && out.wants('manager-not-in-file')) {
        out.report('manager-not-in-file', s, e,
          'This manager has no row in this file. That is fine if they exist in Entra ID; otherwise check the spelling.',
          { attribute: managerCol.name });
      }
      continue;
    }
    if (personKey[r] !== undefined) managerRow[r] = m;
  }

  if (blankRows.length > 1) {
    const [s, e, extras] = atHeader(managerCol);
    const blankMeaning = ctx.dialect === 'ods'
      ? 'a blank cell keeps the manager already stored, and only the top leader should have none'
      : 'Viva Insights allows a blank ManagerId only for the CEO';
    out.report('multiple-top-level', s, e,
      `${blankRows.length} people have no ${managerCol.name} (${blankMeaning}): fill in the managers unless these people really lead the organization.`,
      {
        ...extras,
        related: blankRows.slice(0, MAX_RELATED).map((r) => {
          const cell = cellAt(ctx, r, managerCol.index);
          return { start: table.cellStart[cell], end: table.cellEnd[cell], message: 'no manager' };
        }),
      });
  }
  if (out.wants('reporting-loop')) findLoops(ctx, managerCol, managerRow);
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

/** Every cycle of the manager graph, each reported on all its rows, linked to each other. */
function findLoops(ctx: RuleContext, managerCol: Column, managerRow: Int32Array): void {
  const { table, out } = ctx;
  const rows = managerRow.length;
  // 0 unvisited, 1 on the current path, 2 done
  const state = new Uint8Array(rows);
  const path: number[] = [];
  for (let start = 1; start < rows; start++) {
    if (state[start] !== 0) continue;
    path.length = 0;
    let r = start;
    while (r >= 0 && state[r] === 0) {
      state[r] = 1;
      path.push(r);
      r = managerRow[r];
    }
    if (r >= 0 && state[r] === 1) {
      const loop = path.slice(path.indexOf(r));
      const cells = loop.map((row) => cellAt(ctx, row, managerCol.index));
      const lines = loop.slice(0, 10).map((row) => lineOf(ctx, row) + 1).join(', ') + (loop.length > 10 ? ` and ${loop.length - 10} more` : '');
      for (let i = 0; i < loop.length; i++) {
        const cell = cells[i];
        out.report('reporting-loop', table.cellStart[cell], table.cellEnd[cell],
          `Reporting loop: the people on lines ${lines} report to each other in a circle, so none of them reaches the top leader. Correct one of these managers.`,
          {
            attribute: managerCol.name,
            related: cells
              .filter((_, j) => j !== i)
              .slice(0, MAX_RELATED)
              .map((c) => ({ start: table.cellStart[c], end: table.cellEnd[c], message: 'part of the same loop' })),
          });
      }
    }
    for (const p of path) state[p] = 2;
  }
}

function lineOf(ctx: RuleContext, row: number): number {
  return ctx.out.lineIndex.positionAt(ctx.table.rowStart[row]).line;
}
