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
import type { Range } from '../positions';
import { hash64, MAX_RELATED, shifted } from '../state';

export function checkPeople(ctx: RuleContext): void {
  const personCol = columnOf(ctx, (a) => a.role === 'person');
  const managerCol = columnOf(ctx, (a) => a.role === 'manager');
  if (!personCol && !managerCol) return;
  const { table, out, chunk } = ctx;
  const emails = ctx.state.emails;
  chunk.reserve(ctx.dataRowCount);

  for (let r = ctx.firstRow; r < table.rowCount; r++) {
    if (ctx.rowKind[r] !== RowKind.Data) continue;
    let personKey: string | undefined;
    let personEntry = -1;
    if (personCol) {
      const cell = cellAt(ctx, r, personCol.index);
      personKey = checkEmailCell(ctx, personCol, cell, true);
      if (personKey !== undefined) {
        // duplicates are judged when the file ends, across chunks
        const [h1, h2] = hash64(personKey);
        personEntry = chunk.personCount++;
        chunk.personNumber.push(emails.of(h1, h2));
        const range = out.rangeOf(table.cellStart[cell], table.cellEnd[cell]);
        chunk.personCell.push(range.start.line, range.start.character, range.end.character);
      }
    }
    if (!managerCol) continue;
    const cell = cellAt(ctx, r, managerCol.index);
    if (isEmptyCell(table, cell)) {
      chunk.blankManagers++;
      if (chunk.blankManagerRanges.length < MAX_RELATED) chunk.blankManagerRanges.push(out.rangeOf(table.cellStart[cell], table.cellEnd[cell]));
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
    chunk.refPerson.push(personEntry);
    chunk.refNumber.push(emails.of(h1, h2));
    const range = out.rangeOf(table.cellStart[cell], table.cellEnd[cell]);
    chunk.refCell.push(range.start.line, range.start.character, range.end.character);
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

/** When the file ends: duplicates, people without a manager, managers outside the file, reporting loops. */
export function finishPeople(fin: FinishContext): void {
  const personCol = fin.columns.find((c) => c.attribute?.role === 'person');
  const managerCol = fin.columns.find((c) => c.attribute?.role === 'manager');
  if (!personCol && !managerCol) return;
  const { out } = fin;
  const chunks = fin.state.chunks;

  // every person in file order: the first row of each address counts, later ones are duplicates
  const total = chunks.reduce((n, c) => n + c.state.personCount, 0);
  const personOf = new Int32Array(fin.state.emails.count).fill(-1);
  let people = 0;
  const firstChunk = new Int32Array(total);
  const firstEntry = new Int32Array(total);
  const globalOf: Int32Array[] = [];
  chunks.forEach(({ state: chunk, lineBase }, c) => {
    const shift = lineBase - chunk.recordedLineBase;
    const map = new Int32Array(chunk.personCount);
    for (let i = 0; i < chunk.personCount; i++) {
      const number = chunk.personNumber.data[i];
      const first = personOf[number];
      if (first >= 0) {
        map[i] = -1;
        const firstState = chunks[firstChunk[first]];
        const firstRange = shifted(firstState.state.personCell.range(firstEntry[first]), firstState.lineBase - firstState.state.recordedLineBase);
        out.reportRange('duplicate-person', shifted(chunk.personCell.range(i), shift),
          `This person already has a row on line ${firstRange.start.line + 1} (emails compare without case): merge the two rows into one.`,
          { attribute: personCol?.name }, [{ range: firstRange, message: 'first row of this person' }]);
        continue;
      }
      personOf[number] = people;
      firstChunk[people] = c;
      firstEntry[people] = i;
      map[i] = people++;
    }
    globalOf.push(map);
  });
  if (!managerCol) return;

  const blankManagers = chunks.reduce((n, c) => n + c.state.blankManagers, 0);
  if (blankManagers > 1) {
    const blankMeaning = fin.dialect === 'ods'
      ? 'a blank cell keeps the manager already stored, and only the top leader should have none'
      : 'Viva Insights allows a blank ManagerId only for the CEO';
    const related = chunks.flatMap((c) => c.state.blankManagerRanges.map((r) => shifted(r, c.lineBase - c.state.recordedLineBase))).slice(0, MAX_RELATED);
    out.reportRange('multiple-top-level', fin.state.columnRanges[managerCol.index],
      `${blankManagers} people have no ${managerCol.name} (${blankMeaning}): fill in the managers unless these people really lead the organization.`,
      { attribute: managerCol.name }, related.map((range) => ({ range, message: 'no manager' })));
  }

  const managerOf = new Int32Array(people).fill(-1);
  const wantOutside = !!personCol && out.wants('manager-not-in-file');
  chunks.forEach(({ state: chunk, lineBase }, c) => {
    const shift = lineBase - chunk.recordedLineBase;
    for (let i = 0; i < chunk.refPerson.length; i++) {
      const m = personOf[chunk.refNumber.data[i]];
      const entry = chunk.refPerson.data[i];
      const p = entry >= 0 ? globalOf[c][entry] : -1;
      if (m < 0) {
        if (wantOutside) {
          out.reportRange('manager-not-in-file', shifted(chunk.refCell.range(i), shift),
            'This manager has no row in this file. That is fine if they exist in Entra ID; otherwise check the spelling.',
            { attribute: managerCol.name });
        }
        continue;
      }
      if (p >= 0) managerOf[p] = m;
    }
  });
  if (out.wants('reporting-loop')) {
    const loops = findLoops(managerOf);
    if (loops.length === 0) return;
    // where the loop members' manager cells are: one pass over the references, for them only
    const members = new Map<number, Range>();
    for (const loop of loops) for (const p of loop) members.set(p, fin.state.columnRanges[managerCol.index]);
    chunks.forEach(({ state: chunk, lineBase }, c) => {
      for (let i = 0; i < chunk.refPerson.length; i++) {
        const entry = chunk.refPerson.data[i];
        const p = entry >= 0 ? globalOf[c][entry] : -1;
        if (p >= 0 && members.has(p)) members.set(p, shifted(chunk.refCell.range(i), lineBase - chunk.recordedLineBase));
      }
    });
    for (const loop of loops) reportLoop(fin, managerCol, loop.map((p) => members.get(p)!));
  }
}

/** Every cycle of the manager graph, as lists of people. */
function findLoops(managerOf: Int32Array): number[][] {
  const n = managerOf.length;
  // 0 unvisited, 1 on the current path, 2 done; the path as a typed stack (no array per person)
  const state = new Uint8Array(n);
  const path = new Int32Array(n);
  const loops: number[][] = [];
  for (let start = 0; start < n; start++) {
    if (state[start] !== 0) continue;
    let depth = 0;
    let p = start;
    while (p >= 0 && state[p] === 0) {
      state[p] = 1;
      path[depth++] = p;
      p = managerOf[p];
    }
    if (p >= 0 && state[p] === 1) loops.push(Array.from(path.subarray(path.subarray(0, depth).indexOf(p), depth)));
    for (let i = 0; i < depth; i++) state[path[i]] = 2;
  }
  return loops;
}

/** A loop is reported on every one of its rows, each linked to the others. */
function reportLoop(fin: FinishContext, managerCol: Column, ranges: Range[]): void {
  const lines = ranges.slice(0, 10).map((r) => r.start.line + 1).join(', ') + (ranges.length > 10 ? ` and ${ranges.length - 10} more` : '');
  ranges.forEach((range, i) => {
    fin.out.reportRange('reporting-loop', range,
      `Reporting loop: the people on lines ${lines} report to each other in a circle, so none of them reaches the top leader. Correct one of these managers.`,
      { attribute: managerCol.name },
      ranges.filter((_, j) => j !== i).slice(0, MAX_RELATED).map((r) => ({ range: r, message: 'part of the same loop' })));
  });
}
