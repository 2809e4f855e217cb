/**
 * The reporting lines as a tree, for the editor's Reporting Lines view: the top leaders at the root, each
 * person's direct reports below, and roots for the people whose manager is not in the file and for the
 * reporting loops, so that nobody is hidden. Built from the people index the check keeps (who manages whom,
 * in numbers: no parsing), once per check; names and titles are read from the rows asked for only.
 */
import type { PeopleIndex } from '../analysis/rules/people';
import type { FileState } from '../analysis/state';
import type { Finding } from '../analysis/findings';

/** A group of roots: the top leaders, people whose manager is not in the file, people in a reporting loop. */
export type RootKind = 'leaders' | 'unknownManager' | 'loops';

export interface TreePerson {
  /** the person's index in the people index (stable for one check) */
  person: number;
  /** the zero-based line of their (first) row */
  line: number;
  /** direct reports, and everyone below them */
  reports: number;
  team: number;
  /** the snapshot (a Viva Insights history's EffectiveDate), 0 in other files */
  snapshot: number;
}

export class ReportingTree {
  /** per person, where their reports start in `reportList` (CSR), and the list */
  private readonly start: Int32Array;
  private readonly reportList: Int32Array;
  private readonly teamSize: Int32Array;
  private readonly lines: Int32Array;
  /** per person, the traversal (sizeBelow) that counted them */
  private readonly stamp: Int32Array;
  private traversals = 0;
  /** people with no manager in the file, split by whether their row names one */
  readonly roots: Record<RootKind, number[]> = { leaders: [], unknownManager: [], loops: [] };

  constructor(
    private readonly index: PeopleIndex,
    state: FileState,
  ) {
    const n = index.count;
    // the person entries whose row names a manager (a valid address): without one in the file, not a top leader
    const names = state.chunks.map(({ state: chunk }) => {
      const marks = new Uint8Array(chunk.personCount);
      for (let i = 0; i < chunk.refPerson.length; i++) if (chunk.refPerson.data[i] >= 0) marks[chunk.refPerson.data[i]] = 1;
      return marks;
    });
    const namesManager = (c: number, e: number): boolean => names[c][e] === 1;
    const { managerOf } = index;
    this.start = new Int32Array(n + 1);
    for (let p = 0; p < n; p++) if (managerOf[p] >= 0) this.start[managerOf[p] + 1]++;
    for (let p = 0; p < n; p++) this.start[p + 1] += this.start[p];
    this.reportList = new Int32Array(this.start[n]);
    const fill = this.start.slice(0, n);
    for (let p = 0; p < n; p++) if (managerOf[p] >= 0) this.reportList[fill[managerOf[p]]++] = p;
    // each person's line, from their first row's cell place
    this.lines = new Int32Array(n);
    for (let p = 0; p < n; p++) {
      const c = index.firstChunk[p];
      const { state: chunk, lineBase } = state.chunks[c];
      this.lines[p] = chunk.personCell.line(index.firstEntry[p]) + lineBase - chunk.recordedLineBase;
    }
    // roots, and the team sizes below them (iteratively: a tree of 300,000 may be deep)
    this.teamSize = new Int32Array(n);
    const seen = new Uint8Array(n);
    this.stamp = new Int32Array(n);
    for (let p = 0; p < n; p++) {
      if (managerOf[p] >= 0) continue;
      (namesManager(index.firstChunk[p], index.firstEntry[p]) ? this.roots.unknownManager : this.roots.leaders).push(p);
      this.sizeBelow(p, seen);
    }
    // whoever no root reaches is in a loop, or below one: each loop's members are roots of that group
    for (let p = 0; p < n; p++) {
      if (seen[p]) continue;
      const onPath = new Set<number>();
      let q = p;
      while (q >= 0 && !seen[q] && !onPath.has(q)) {
        onPath.add(q);
        q = managerOf[q];
      }
      if (q < 0 || !onPath.has(q)) continue;
      const members: number[] = [];
      let m = q;
      do {
        members.push(m);
        seen[m] = 1;
        m = managerOf[m];
      } while (m !== q && m >= 0);
      this.roots.loops.push(...members);
      for (const member of members) this.sizeBelow(member, seen);
    }
    this.roots.loops.sort((a, b) => a - b);
  }

  /** Counts everyone below `root` whom nothing counted yet (each once), marking them seen. */
  private sizeBelow(root: number, seen: Uint8Array): void {
    // post-order without recursion: a reporting line of 300,000 people may be deep
    const mine = ++this.traversals;
    seen[root] = 1;
    this.stamp[root] = mine;
    const stack = [root];
    const order: number[] = [];
    while (stack.length > 0) {
      const p = stack.pop()!;
      order.push(p);
      for (let i = this.start[p]; i < this.start[p + 1]; i++) {
        const r = this.reportList[i];
        if (seen[r]) continue;
        seen[r] = 1;
        this.stamp[r] = mine;
        stack.push(r);
      }
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const p = order[i];
      let size = 0;
      for (let k = this.start[p]; k < this.start[p + 1]; k++) {
        const r = this.reportList[k];
        if (r !== root && this.stamp[r] === mine) size += 1 + this.teamSize[r];
      }
      this.teamSize[p] = size;
    }
  }

  /** The snapshots (EffectiveDates) of the file's people, in order; [0] for a file without them. */
  snapshots(): number[] {
    if (!this.index.history) return [0];
    const all = new Set<number>();
    for (let p = 0; p < this.index.count; p++) all.add(this.index.snapshotOf(p));
    return [...all].sort((a, b) => a - b);
  }

  describe(person: number): TreePerson {
    return {
      person,
      line: this.lines[person],
      reports: this.start[person + 1] - this.start[person],
      team: this.teamSize[person],
      snapshot: this.index.history ? this.index.snapshotOf(person) : 0,
    };
  }

  /** A root group's people, in file order, in one snapshot. */
  rootsOf(kind: RootKind, snapshot: number): TreePerson[] {
    return this.roots[kind].filter((p) => !this.index.history || this.index.snapshotOf(p) === snapshot).map((p) => this.describe(p));
  }

  /** A person's direct reports, in file order. */
  reportsOf(person: number): TreePerson[] {
    if (person < 0 || person >= this.index.count) return [];
    const out: TreePerson[] = [];
    for (let i = this.start[person]; i < this.start[person + 1]; i++) out.push(this.describe(this.reportList[i]));
    return out.sort((a, b) => a.line - b.line);
  }

  /** The chain of managers above a person, from the root down (for revealing them in the tree). */
  pathTo(person: number): number[] {
    const path: number[] = [];
    const seen = new Set<number>();
    for (let p = person; p >= 0 && !seen.has(p); p = this.index.managerOf[p]) {
      seen.add(p);
      path.unshift(p);
    }
    return path;
  }

  /** The person whose (first) row is on a line, if any. */
  personAtLine(line: number): number | undefined {
    // lines are in file order by person number (people are numbered by their first row)
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.lines[mid] === line) return mid;
      if (this.lines[mid] < line) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}

/**
 * The codes of the findings on each line (badges: what concerns the person on that row), but the cells of
 * a problem most of a column shares (said once on its header: a badge on every person would say nothing).
 */
export function badgesByLine(findings: readonly Finding[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const f of findings) {
    if (f.data?.group !== undefined) continue;
    const list = out.get(f.range.start.line);
    if (!list) out.set(f.range.start.line, [f.code]);
    else if (!list.includes(f.code)) list.push(f.code);
  }
  return out;
}
