/** The reporting hierarchy: blank managers and the top leader, reporting trees, and loops. */
import type { Range } from '../../../text/positions';
import type { Column } from '../../context';
import type { FinishContext } from '../../finish';
import { MAX_RELATED } from '../../state';
import { placeOf, type PeopleIndex } from './peopleIndex';
import { hash64 } from '../../../text/hash';

/**
 * People whose manager cell is blank. Organizational data: a blank keeps the stored manager, so several
 * are a note. Viva Insights: only the top leader may have none ("Missing ManagerId value for new
 * PersonId"), so every other blank is an error on its cell. The top leader of each snapshot is the one
 * orgdata.topLeader names, or else the blank one with the largest reporting tree (the first on a tie).
 */
export function judgeBlankManagers(
  fin: FinishContext,
  managerCol: Column,
  index: PeopleIndex,
  hasManager: Uint8Array,
  label: (s: number) => string,
): void {
  const { out } = fin;
  const chunks = fin.state.chunks;
  // the blank rows of people who have no manager in any row, in file order
  const blanks: { c: number; i: number; p: number }[] = [];
  const top = new Uint8Array(index.count);
  chunks.forEach(({ state: chunk }, c) => {
    for (let i = 0; i < chunk.blankPerson.length; i++) {
      const p = index.personOfEntry[c][chunk.blankPerson.data[i]];
      if (hasManager[p]) continue;
      blanks.push({ c, i, p });
      top[p] = 1;
    }
  });
  const blankCell = (b: { c: number; i: number }): Range => placeOf(fin, b.c, (s) => s.blankCell, b.i);
  if (fin.dialect === 'ods') {
    const people = top.reduce((n, t) => n + t, 0);
    if (people <= 1) return;
    out.reportRange(
      'multiple-top-level',
      fin.state.columnRanges[managerCol.index],
      `${people} people have no ${managerCol.name} (a blank cell keeps the manager already stored, and only the top leader should have none): fill in the managers unless these people really lead the organization.`,
      { attribute: managerCol.name },
      blanks.slice(0, MAX_RELATED).map((b) => ({ range: blankCell(b), message: 'no manager' })),
    );
    return;
  }
  if (blanks.length === 0) return;
  const named = fin.settings.topLeader ? fin.state.emails.find(...hash64(fin.settings.topLeader)) : -1;
  const size = named >= 0 ? undefined : treeSizes(index.managerOf);
  for (const { p } of blanks) {
    const s = index.snapshotOf(p);
    const leader = index.leaders.get(s);
    if (named >= 0) {
      if (index.numberOf(p) === named) index.leaders.set(s, p);
    } else if (leader === undefined || size![p] > size![leader]) {
      index.leaders.set(s, p);
    }
  }
  if (!out.wants('missing-manager')) return;
  for (const b of blanks) {
    const s = index.snapshotOf(b.p);
    const leader = index.leaders.get(s);
    if (leader === b.p) continue;
    const of = index.history ? ` of EffectiveDate ${label(s)}` : '';
    const related = [];
    let who: string;
    if (leader !== undefined) {
      const at = placeOf(fin, index.firstChunk[leader], (x) => x.personCell, index.firstEntry[leader]);
      related.push({ range: at, message: 'the top leader' });
      who = `orgdata takes the top leader${of} to be the person on line ${at.start.line + 1} (${fin.settings.topLeader ? 'orgdata.topLeader' : 'the largest reporting tree; set orgdata.topLeader to name another'})`;
    } else {
      who = `orgdata.topLeader names the top leader, who has no blank ${managerCol.name}${of}`;
    }
    out.reportRange(
      'missing-manager',
      blankCell(b),
      `${managerCol.name} is blank, but Viva Insights takes a blank ${managerCol.name} only for the top leader ("Missing ManagerId value for new PersonId"); ${who}: enter this person's manager.`,
      { attribute: managerCol.name },
      related,
    );
  }
}

/** Each person's reporting tree: themselves and everyone below them (people in loops count for nobody above). */
export function treeSizes(managerOf: Int32Array): Int32Array {
  const n = managerOf.length;
  const size = new Int32Array(n).fill(1);
  const reports = new Int32Array(n);
  for (let p = 0; p < n; p++) if (managerOf[p] >= 0) reports[managerOf[p]]++;
  // from the people without reports upwards: each adds its tree to its manager's once all of theirs are in
  const queue = new Int32Array(n);
  let tail = 0;
  for (let p = 0; p < n; p++) if (reports[p] === 0) queue[tail++] = p;
  for (let head = 0; head < tail; head++) {
    const p = queue[head];
    const m = managerOf[p];
    if (m < 0) continue;
    size[m] += size[p];
    if (--reports[m] === 0) queue[tail++] = m;
  }
  return size;
}

/** Every cycle of the manager graph, as lists of people. */
export function findLoops(managerOf: Int32Array): number[][] {
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
export function reportLoop(fin: FinishContext, managerCol: Column, ranges: Range[]): void {
  const lines =
    ranges
      .slice(0, 10)
      .map((r) => r.start.line + 1)
      .join(', ') + (ranges.length > 10 ? ` and ${ranges.length - 10} more` : '');
  ranges.forEach((range, i) => {
    fin.out.reportRange(
      'reporting-loop',
      range,
      `Reporting loop: the people on lines ${lines} report to each other in a circle, so none of them reaches the top leader. Correct one of these managers.`,
      { attribute: managerCol.name },
      ranges
        .filter((_, j) => j !== i)
        .slice(0, MAX_RELATED)
        .map((r) => ({ range: r, message: 'part of the same loop' })),
    );
  });
}
