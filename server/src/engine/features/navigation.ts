/**
 * The reporting lines as an editor walks them: what person a cell names, where that person's row is, who
 * names them (their direct reports, and the rows that have them as assistant or dot-line manager), and
 * their manager. Answered from the people index the rules keep (every chunk's address numbers and cell
 * places), never by parsing the document again: each answer is a scan of integer arrays.
 *
 * In a Viva Insights history file a person is one per EffectiveDate: a manager cell leads to the manager's
 * row of the same snapshot, and references stay within the snapshot.
 */
import { cellAt, columnOf, RowKind, type RuleContext } from '../analysis/context';
import { cellValue } from '../text/csv';
import { isDeleteMarker } from '../catalog/catalog';
import type { Position, Range } from '../text/positions';
import { shifted, type CellPlaces, type ChunkState, type FileState } from '../analysis/state';
import { hash64 } from '../text/hash';

export type PlaceKind = 'person' | 'manager' | 'assistant' | 'dotLineManager';

/** A cell that names someone: where it is, whom (the address number) and in which snapshot. */
export interface PeoplePlace {
  kind: PlaceKind;
  range: Range;
  number: number;
  snapshot: number;
  /** the chunk, and the entry of its list (person, reference or colleague entries) */
  chunk: number;
  entry: number;
  /** the person entry of the row the cell is on (-1: the row has no usable person) */
  rowPerson: number;
}

export class PeopleNavigation {
  constructor(private readonly state: FileState) {}

  private get chunks(): { state: ChunkState; lineBase: number }[] {
    return this.state.chunks;
  }

  private range(c: number, places: CellPlaces, i: number): Range {
    const { state: chunk, lineBase } = this.chunks[c];
    return shifted(places.range(i), lineBase - chunk.recordedLineBase);
  }

  private line(c: number, places: CellPlaces, i: number): number {
    const { state: chunk, lineBase } = this.chunks[c];
    return places.line(i) + lineBase - chunk.recordedLineBase;
  }

  private person(c: number, i: number): PeoplePlace {
    const chunk = this.chunks[c].state;
    return {
      kind: 'person',
      range: this.range(c, chunk.personCell, i),
      number: chunk.personNumber.data[i],
      snapshot: snapshotAt(chunk.personSnapshot, i),
      chunk: c,
      entry: i,
      rowPerson: i,
    };
  }

  private reference(c: number, i: number): PeoplePlace {
    const chunk = this.chunks[c].state;
    return {
      kind: 'manager',
      range: this.range(c, chunk.refCell, i),
      number: chunk.refNumber.data[i],
      snapshot: snapshotAt(chunk.refSnapshot, i),
      chunk: c,
      entry: i,
      rowPerson: chunk.refPerson.data[i],
    };
  }

  private colleague(c: number, i: number): PeoplePlace {
    const chunk = this.chunks[c].state;
    return {
      kind: chunk.colleagueKind.data[i] === 0 ? 'assistant' : 'dotLineManager',
      range: this.range(c, chunk.colleagueCell, i),
      number: chunk.colleagueNumber.data[i],
      snapshot: chunk.colleagueSnapshot.data[i],
      chunk: c,
      entry: i,
      rowPerson: chunk.colleaguePerson.data[i],
    };
  }

  /** The person, manager, assistant or dot-line manager cell at a position, if any. */
  at(pos: Position): PeoplePlace | undefined {
    const within = (r: Range): boolean =>
      r.start.line === pos.line && r.start.character <= pos.character && pos.character <= r.end.character;
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c].state;
      for (const [places, count, make] of [
        [chunk.personCell, chunk.personCount, (i: number) => this.person(c, i)],
        [chunk.refCell, chunk.refPerson.length, (i: number) => this.reference(c, i)],
        [chunk.colleagueCell, chunk.colleaguePerson.length, (i: number) => this.colleague(c, i)],
      ] as const) {
        if (count === 0 || this.line(c, places, 0) > pos.line || this.line(c, places, count - 1) < pos.line) continue;
        // entries are in row order: the first on the line by bisection
        let lo = 0;
        let hi = count;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (this.line(c, places, mid) < pos.line) lo = mid + 1;
          else hi = mid;
        }
        for (let i = lo; i < count && this.line(c, places, i) === pos.line; i++) if (within(this.range(c, places, i))) return make(i);
      }
    }
    return undefined;
  }

  /** The row of the person with this address in this snapshot (their first row), if they have one. */
  personOf(number: number, snapshot: number): PeoplePlace | undefined {
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c].state;
      const numbers = chunk.personNumber.data;
      for (let i = 0; i < chunk.personCount; i++) {
        if (numbers[i] === number && snapshotAt(chunk.personSnapshot, i) === snapshot) return this.person(c, i);
      }
    }
    return undefined;
  }

  /** The person whose address this is, given the address as written (any case, spaces around). */
  numberOf(address: string): number {
    return this.state.emails.find(...hash64(address.trim().toLowerCase()));
  }

  /** Every cell that names the person: as manager, assistant or dot-line manager; in one snapshot, or all. */
  namedBy(number: number, snapshot?: number): PeoplePlace[] {
    const out: PeoplePlace[] = [];
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c].state;
      for (let i = 0; i < chunk.refNumber.length; i++) {
        if (chunk.refNumber.data[i] === number && (snapshot === undefined || snapshotAt(chunk.refSnapshot, i) === snapshot))
          out.push(this.reference(c, i));
      }
      for (let i = 0; i < chunk.colleagueNumber.length; i++) {
        if (chunk.colleagueNumber.data[i] === number && (snapshot === undefined || chunk.colleagueSnapshot.data[i] === snapshot))
          out.push(this.colleague(c, i));
      }
    }
    return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }

  /** Every person cell of this address (a history file has one per EffectiveDate). */
  rowsOf(number: number): PeoplePlace[] {
    const out: PeoplePlace[] = [];
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c].state;
      for (let i = 0; i < chunk.personCount; i++) if (chunk.personNumber.data[i] === number) out.push(this.person(c, i));
    }
    return out;
  }

  /** The direct reports of a person: each report's own row, and the manager cell that names the person. */
  reportsOf(person: PeoplePlace): { report: PeoplePlace; via: Range }[] {
    return this.namedBy(person.number, person.snapshot)
      .filter((p) => p.kind === 'manager' && p.rowPerson >= 0)
      .map((ref) => ({ report: this.person(ref.chunk, ref.rowPerson), via: ref.range }));
  }

  /** The manager of a person's row: the manager's row (when the file has one) and the cell naming them. */
  managerOf(person: PeoplePlace): { manager?: PeoplePlace; via: Range } | undefined {
    const chunk = this.chunks[person.chunk].state;
    for (let i = 0; i < chunk.refPerson.length; i++) {
      if (chunk.refPerson.data[i] !== person.entry) continue;
      const ref = this.reference(person.chunk, i);
      return { manager: this.personOf(ref.number, ref.snapshot), via: ref.range };
    }
    return undefined;
  }
}

function snapshotAt(snapshots: { length: number; data: Int32Array }, i: number): number {
  return snapshots.length > i ? snapshots.data[i] : 0;
}

/** What an editor shows of a person: their address, their name, job title and organization, from their row. */
export interface PersonSummary {
  email: string;
  name: string;
  jobTitle: string;
  organization: string;
}

/** The summary of the person on a line of `doc` (the rows around it suffice). */
export function personSummary(doc: RuleContext, line: number): PersonSummary | undefined {
  const t = doc.table;
  const lines = doc.out.lineIndex;
  // the row that starts on the line, by bisection (rows are in line order): the view asks for many at once
  let lo = doc.firstRow;
  let hi = t.rowCount - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines.positionAt(t.rowStart[mid]).line < line) lo = mid + 1;
    else hi = mid;
  }
  for (let r = lo; r <= lo && r < t.rowCount; r++) {
    if (lines.positionAt(t.rowStart[r]).line !== line) continue;
    if (doc.rowKind[r] !== RowKind.Data) return undefined;
    const text = (pick: (a: NonNullable<RuleContext['columns'][number]['attribute']>) => boolean): string => {
      const col = columnOf(doc, pick);
      const v = col ? cellValue(t, cellAt(doc, r, col.index)).trim() : '';
      return isDeleteMarker(v) ? '' : v;
    };
    const email = text((a) => a.role === 'person');
    const display = text((a) => a.profilePath === 'names/displayName');
    const first = text((a) => a.profilePath === 'names/first');
    const last = text((a) => a.profilePath === 'names/last');
    return {
      email,
      name: display || [first, last].filter(Boolean).join(' '),
      jobTitle: text((a) => a.profilePath === 'positions/detail/jobTitle'),
      organization: text((a) => a.counterpart === 'Organization' || a.name === 'Organization'),
    };
  }
  return undefined;
}
