/**
 * The people of a file as the verdicts see them, derived from the chunks' people data (address numbers,
 * snapshots, cell places), and the lookups the verdicts share.
 */
import type { Range } from '../../../text/positions';
import type { FinishContext } from '../../finish';
import { HashIndex } from '../../../text/hash';
import { shifted, type CellPlaces, type ChunkState } from '../../state';

/**
 * The people of a file as the verdicts see them: one per address and snapshot (a Viva Insights history
 * file has a person once per EffectiveDate; other files one snapshot), numbered in file order by the row
 * that first names them. Derived from the chunks' people data alone, so it is kept while an edit changes
 * no person, manager or line.
 */
export interface PeopleIndex {
  /** people, in file order */
  count: number;
  /** per chunk, the person of each entry (a later row of the same person: the same person) */
  personOfEntry: Int32Array[];
  /** per person: the chunk and entry of their first row (which give their snapshot and address number) */
  firstChunk: Int32Array;
  firstEntry: Int32Array;
  /** per person: their manager among the people of the same snapshot, or -1 */
  managerOf: Int32Array;
  /** per snapshot with a top leader: that person (blank manager, the largest reporting tree or orgdata.topLeader) */
  leaders: Map<number, number>;
  /** whether the file has more than one snapshot */
  history: boolean;
  /** a person's snapshot and address number, read from their first row (no array per person for them) */
  snapshotOf(person: number): number;
  numberOf(person: number): number;
}

/** Finds people by address number and snapshot: an array when there is one snapshot, a hash otherwise. */
export class PersonKeys {
  private readonly byNumber?: Int32Array;
  private readonly byPair?: HashIndex;
  constructor(numbers: number, history: boolean) {
    if (history) this.byPair = new HashIndex();
    else this.byNumber = new Int32Array(numbers).fill(-1);
  }
  get(number: number, snapshot: number): number {
    return this.byNumber ? this.byNumber[number] : this.byPair!.get(mix(number), snapshot + 1);
  }
  /** The person already known, or -1 after making `person` theirs. */
  getOrSet(number: number, snapshot: number, person: number): number {
    if (this.byNumber) {
      const known = this.byNumber[number];
      if (known < 0) this.byNumber[number] = person;
      return known;
    }
    return this.byPair!.getOrSet(mix(number), snapshot + 1, person);
  }
}

export function mix(n: number): number {
  return Math.imul(n + 1, 0x9e3779b1) | 1;
}

export function usesSeveralSnapshots(chunks: ChunkState[]): boolean {
  let first = -1;
  for (const chunk of chunks) {
    const s = chunk.personSnapshot;
    for (let i = 0; i < s.length; i++) {
      if (first < 0) first = s.data[i];
      else if (s.data[i] !== first) return true;
    }
  }
  return false;
}

/** The place of a chunk entry's cell, moved to where its line is now. */
export function placeOf(fin: FinishContext, c: number, places: (chunk: ChunkState) => CellPlaces, i: number): Range {
  const { state: chunk, lineBase } = fin.state.chunks[c];
  return shifted(places(chunk).range(i), lineBase - chunk.recordedLineBase);
}
