/**
 * People rules: the person and manager email columns, duplicates, and the reporting hierarchy. Each chunk
 * of rows adds to the file's people state (a hash per person, the place of their first row, one manager
 * reference per row); the hierarchy is judged when the file ends. Linear in the rows, bounded in memory.
 */
import { deleteMarkerLookalike, isDeleteMarker } from '../../catalog/catalog';
import { CellFlag, cellValue, GrowableInt32, isEmptyCell, type CsvTable } from '../../text/csv';
import { cellAt, columnOf, RowKind, type Column, type RuleContext } from '../context';
import { emailProblem, isMailboxAt, parseDate } from '../../catalog/formats';
import { ownCopy } from '../../text/strings';
import type { FinishContext } from '../finish';
import { crossChecked } from './entra';
import type { Range } from '../../text/positions';
import { addressMatches } from '../../catalog/formats';
import { MAX_RELATED, shifted, type CellPlaces, type ChunkState } from '../state';
import { HashIndex } from '../../text/hash';
import { hash64 } from '../../text/hash';

export function checkPeople(ctx: RuleContext): void {
  const personCol = columnOf(ctx, (a) => a.role === 'person');
  const managerCol = columnOf(ctx, (a) => a.role === 'manager');
  if (!personCol && !managerCol) return;
  const { table, out, chunk } = ctx;
  const emails = ctx.state.emails;
  chunk.reserve(ctx.dataRowCount);
  const snapshotOf = snapshotReader(ctx);
  const entryRow = (chunk.entryRow = new GrowableInt32(ctx.dataRowCount));
  const layerCol = columnOf(ctx, (a) => a.depth === true);
  const colleagueCols = ctx.columns.filter((c) => c.attribute?.relation);
  // one allocation each, of the chunk's size: doubling would leave up to half of every array unused
  if (layerCol) chunk.personLayer.reserve(ctx.dataRowCount);
  // the cross-check against Entra ID (rules/entra) runs next, on the addresses kept here
  const entraKeys = crossChecked(ctx.dialect, ctx.state) ? (chunk.entraKeys = { persons: new GrowableInt32(2 * ctx.dataRowCount), managers: new GrowableInt32(64) }) : undefined;

  for (let r = ctx.firstRow; r < table.rowCount; r++) {
    if (ctx.rowKind[r] !== RowKind.Data) {
      if (ctx.rowKind[r] === RowKind.Misaligned) noteMisaligned(ctx, r);
      continue;
    }
    const snapshot = snapshotOf ? snapshotOf(r) : 0;
    let personKey: [number, number] | undefined;
    let personCell = -1;
    let personEntry = -1;
    if (personCol) {
      const cell = (personCell = cellAt(ctx, r, personCol.index));
      personKey = checkEmailCell(ctx, personCol, cell, true);
      if (personKey !== undefined) {
        // duplicates are judged when the file ends, across chunks
        const [h1, h2] = personKey;
        personEntry = chunk.personCount++;
        chunk.personNumber.push(emails.of(h1, h2));
        if (snapshotOf) chunk.personSnapshot.push(snapshot);
        entryRow.push(r);
        if (entraKeys) entraKeys.persons.push2(h1, h2);
        const range = out.rangeOf(table.cellStart[cell], table.cellEnd[cell]);
        chunk.personCell.push(range.start.line, range.start.character, range.end.character);
        if (layerCol) {
          const layer = cellAt(ctx, r, layerCol.index);
          chunk.personLayer.push(layerValue(ctx, layer), range.start.line, out.rangeOf(table.cellStart[layer], table.cellEnd[layer]));
        }
      }
    }
    for (const col of colleagueCols) noteColleagues(ctx, col, cellAt(ctx, r, col.index), personEntry, snapshot);
    if (!managerCol) continue;
    const cell = cellAt(ctx, r, managerCol.index);
    if (isEmptyCell(table, cell)) {
      if (personEntry >= 0) {
        chunk.blankPerson.push(personEntry);
        const range = out.rangeOf(table.cellStart[cell], table.cellEnd[cell]);
        chunk.blankCell.push(range.start.line, range.start.character, range.end.character);
      }
      continue;
    }
    const key = checkEmailCell(ctx, managerCol, cell, false);
    if (key === undefined) continue;
    if (personKey !== undefined && key[0] === personKey[0] && key[1] === personKey[1] && addressOf(table, cell) === addressOf(table, personCell)) {
      out.report('self-manager', table.cellStart[cell], table.cellEnd[cell],
        'This person is named as their own manager: enter their real manager, or leave the cell blank for the top leader.',
        { attribute: managerCol.name });
      continue;
    }
    const [h1, h2] = key;
    if (entraKeys) entraKeys.managers.push3(cell, h1, h2);
    chunk.refPerson.push(personEntry);
    chunk.refNumber.push(emails.of(h1, h2));
    if (snapshotOf) chunk.refSnapshot.push(snapshot);
    const range = out.rangeOf(table.cellStart[cell], table.cellEnd[cell]);
    chunk.refCell.push(range.start.line, range.start.character, range.end.character);
  }
}

/**
 * A row with the wrong number of cells is not checked (its cells would be misaligned), but it says who is
 * in it: every valid address it holds is kept, so that the people it manages are not told that their
 * manager has no row. One stray comma gives one finding, the column count, not one per report.
 */
function noteMisaligned(ctx: RuleContext, row: number): void {
  const { table, chunk } = ctx;
  const first = table.rowFirstCell[row];
  const end = table.rowFirstCell[row + 1];
  for (let cell = first; cell < end; cell++) {
    const at = ctx.text.indexOf('@', table.cellStart[cell]);
    if (at < 0 || at >= table.cellEnd[cell]) continue;
    const value = cellValue(table, cell).trim();
    if (!emailProblem(value)) chunk.misalignedHash.push2(...hash64(value.toLowerCase()));
  }
}

/** A Layer cell's whole number, or -1 (blank, deleted, or not a whole number: the values rules say so). */
function layerValue(ctx: RuleContext, cell: number): number {
  const { table } = ctx;
  const s = table.cellStart[cell];
  const e = table.cellEnd[cell];
  if (e === s || e - s > 6) return -1;
  // nearly every Layer is a few plain digits: read them where they lie, without a string
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = ctx.text.charCodeAt(i);
    if (c < 48 || c > 57) {
      n = -1;
      break;
    }
    n = n * 10 + c - 48;
  }
  if (n >= 0 && e - s <= 4) return n;
  const v = cellValue(table, cell).trim();
  return /^\d{1,4}$/.test(v) ? Number(v) : -1;
}

/** The addresses of an assistant or dot-line manager cell, kept for the navigation (go to, references, rename). */
function noteColleagues(ctx: RuleContext, col: Column, cell: number, personEntry: number, snapshot: number): void {
  const { table, chunk } = ctx;
  if (isEmptyCell(table, cell)) return;
  const value = cellValue(table, cell);
  if (isDeleteMarker(value.trim())) return;
  const flags = table.cellFlags[cell];
  // where the value's characters are in the text: after an opening quote, and as they are unless a doubled quote moved them
  const at = (flags & CellFlag.EscapedQuote) === 0 ? table.cellStart[cell] + (flags & CellFlag.Quoted ? 1 : 0) : -1;
  for (const { address, index } of addressMatches(value)) {
    // each address its own place, so that navigation acts on the one under the cursor, not the cell's first
    const range = at >= 0 ? ctx.out.rangeOf(at + index, at + index + address.length) : ctx.out.rangeOf(table.cellStart[cell], table.cellEnd[cell]);
    chunk.colleaguePerson.push(personEntry);
    chunk.colleagueNumber.push(ctx.state.emails.of(...hash64(address.toLowerCase())));
    chunk.colleagueSnapshot.push(snapshot);
    chunk.colleagueKind.push(col.attribute!.relation === 'assistant' ? 0 : 1);
    chunk.colleagueCell.push(range.start.line, range.start.character, range.end.character);
  }
}

/**
 * In a Viva Insights file with an EffectiveDate column, each row's snapshot number (the same date written
 * two ways is one snapshot); undefined elsewhere, where every row is one snapshot.
 */
function snapshotReader(ctx: RuleContext): ((row: number) => number) | undefined {
  if (ctx.dialect !== 'viva') return undefined;
  const col = columnOf(ctx, (a) => a.snapshotKey === true);
  if (!col) return undefined;
  const { table } = ctx;
  const snapshots = ctx.state.snapshots;
  const format = ctx.settings.dateFormat;
  // a history file repeats a dozen dates: each text is read as a date once a chunk
  const known = new Map<string, number>();
  return (row) => {
    const text = cellValue(table, cellAt(ctx, row, col.index)).trim();
    let n = known.get(text);
    if (n === undefined) {
      const date = text.length > 0 ? parseDate(text, format) : '';
      n = snapshots.of(typeof date === 'number' ? date : undefined, ownCopy(text));
      if (known.size < 4096) known.set(ownCopy(text), n);
    }
    return n;
  };
}

/** Where isMailboxAt leaves a valid address's key hash. */
const keyHash = new Int32Array(2);

/** A valid address cell's key (trimmed, lower-cased), for an exact comparison where two hashes agree. */
function addressOf(table: CsvTable, cell: number): string {
  return cellValue(table, cell).trim().toLowerCase();
}

/**
 * Checks a person or manager cell; for a valid address, the hash64 of its key (trimmed, lower-cased), which
 * the people index, duplicates and the Entra ID cross-check go by. The common case, a plain address with no
 * space around it, is read where it lies: two cells of every row made four strings each, and their tests
 * on those strings took a tenth of a 300,000-row check.
 */
function checkEmailCell(ctx: RuleContext, col: Column, cell: number, isPerson: boolean): [number, number] | undefined {
  const { table, out, text } = ctx;
  const s = table.cellStart[cell];
  const e = table.cellEnd[cell];
  const f = table.cellFlags[cell];
  if ((f & (CellFlag.EscapedQuote | CellFlag.TextAfterQuote)) === 0) {
    const q = f & CellFlag.Quoted;
    const a = text.charCodeAt(s + q);
    const z = text.charCodeAt(e - q - 1);
    // (printable ASCII at both ends: nothing that trim() would take)
    if (e - q > s + q && a > 32 && a < 127 && z > 32 && z < 127 && isMailboxAt(text, s + q, e - q, keyHash)) return [keyHash[0], keyHash[1]];
  }
  const name = col.name;
  if (isEmptyCell(table, cell)) {
    if (isPerson) {
      out.report('missing-person', s, e, `${name} is blank: every row needs the email of the person it describes, or the row is dropped.`,
        { attribute: name });
    }
    return undefined;
  }
  const raw = cellValue(table, cell);
  // a deletion, or the lone quote Excel leaves of one (the Excel rules report that)
  if (!isPerson && (isDeleteMarker(raw) || raw.trim() === "'" || deleteMarkerLookalike(raw.trim()) !== undefined)) return undefined;
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
  return hash64(value.toLowerCase());
}

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
class PersonKeys {
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

function mix(n: number): number {
  return Math.imul(n + 1, 0x9e3779b1) | 1;
}

function usesSeveralSnapshots(chunks: ChunkState[]): boolean {
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
function placeOf(fin: FinishContext, c: number, places: (chunk: ChunkState) => CellPlaces, i: number): Range {
  const { state: chunk, lineBase } = fin.state.chunks[c];
  return shifted(places(chunk).range(i), lineBase - chunk.recordedLineBase);
}

/** When the file ends: duplicates, people without a manager, managers outside the file, reporting loops. */
export function finishPeople(fin: FinishContext): PeopleIndex | undefined {
  const personCol = fin.columns.find((c) => c.attribute?.role === 'person');
  const managerCol = fin.columns.find((c) => c.attribute?.role === 'manager');
  if (!personCol && !managerCol) return undefined;
  const { out } = fin;
  const chunks = fin.state.chunks;
  const snapshots = fin.state.snapshots;
  // a history: the rows use more than one snapshot (numbers of dates edited away do not count)
  const history = usesSeveralSnapshots(chunks.map((c) => c.state));
  const snapshotOf = (chunk: ChunkState, i: number): number => (chunk.personSnapshot.length > i ? chunk.personSnapshot.data[i] : 0);
  const refSnapshotOf = (chunk: ChunkState, i: number): number => (chunk.refSnapshot.length > i ? chunk.refSnapshot.data[i] : 0);
  const dated = fin.columns.some((c) => c.attribute?.snapshotKey);
  const label = (snapshot: number): string => snapshots.labels[snapshot] || '(blank)';

  // every person in file order: the first row of each address (and snapshot) counts, later ones are duplicates
  const total = chunks.reduce((n, c) => n + c.state.personCount, 0);
  const keys = new PersonKeys(fin.state.emails.count, history);
  let count = 0;
  const firstChunk = new Int32Array(total);
  const firstEntry = new Int32Array(total);
  const personOfEntry: Int32Array[] = [];
  chunks.forEach(({ state: chunk }, c) => {
    const map = new Int32Array(chunk.personCount);
    for (let i = 0; i < chunk.personCount; i++) {
      const n = chunk.personNumber.data[i];
      const snap = snapshotOf(chunk, i);
      const first = keys.getOrSet(n, snap, count);
      if (first >= 0) {
        map[i] = first;
        const firstRange = placeOf(fin, firstChunk[first], (s) => s.personCell, firstEntry[first]);
        const line = firstRange.start.line + 1;
        const message = fin.dialect === 'ods'
          ? `This person already has a row on line ${line} (emails compare without case): Microsoft merges a person's rows in an order it does not document, so which value wins is unknown (orgdata flags it). Merge the two rows into one.`
          : dated
            ? `This person already has a row for EffectiveDate ${label(snap)} on line ${line} (emails compare without case): a person has one row per EffectiveDate. Merge the two rows, or correct the date.`
            : `This person already has a row on line ${line} (emails compare without case), and without an EffectiveDate column both apply from the upload date: merge the two rows, or add EffectiveDate to date them.`;
        out.reportRange('duplicate-person', placeOf(fin, c, (s) => s.personCell, i), message,
          { attribute: personCol?.name }, [{ range: firstRange, message: 'first row of this person' }]);
        continue;
      }
      firstChunk[count] = c;
      firstEntry[count] = i;
      map[i] = count++;
    }
    personOfEntry.push(map);
  });
  const index: PeopleIndex = {
    count, personOfEntry,
    firstChunk: firstChunk.subarray(0, count), firstEntry: firstEntry.subarray(0, count),
    managerOf: new Int32Array(count).fill(-1), leaders: new Map(), history,
    // the chunks as they are when asked: an index kept over an edit that changed no person reads the new ones
    snapshotOf: (p) => snapshotOf(fin.state.chunks[firstChunk[p]].state, firstEntry[p]),
    numberOf: (p) => fin.state.chunks[firstChunk[p]].state.personNumber.data[firstEntry[p]],
  };
  if (!managerCol) return index;

  // managers, within the same snapshot; a person named with any manager (in the file or not) has one
  const { managerOf } = index;
  const hasManager = new Uint8Array(count);
  // with the tenant's users at hand, whether a manager exists is known: the cross-check says it instead
  const wantOutside = !!personCol && out.wants('manager-not-in-file') && !crossChecked(fin.dialect, fin.state);
  const outside = history ? 'has no row for the same EffectiveDate in this file' : 'has no row in this file';
  // addresses in rows with the wrong number of cells: their people may be there, so they are not accused
  const inMisaligned = new Uint8Array(fin.state.emails.count);
  for (const { state: chunk } of chunks) {
    const h = chunk.misalignedHash;
    for (let i = 0; i + 1 < h.length; i += 2) {
      const n = fin.state.emails.find(h.data[i], h.data[i + 1]);
      if (n >= 0) inMisaligned[n] = 1;
    }
  }
  // people whose rows name different managers (a duplicate-person finding): a loop through them is not sure
  let severalManagers: Uint8Array | undefined;
  chunks.forEach(({ state: chunk }, c) => {
    for (let i = 0; i < chunk.refPerson.length; i++) {
      const m = keys.get(chunk.refNumber.data[i], refSnapshotOf(chunk, i));
      const entry = chunk.refPerson.data[i];
      const p = entry >= 0 ? personOfEntry[c][entry] : -1;
      if (p >= 0) hasManager[p] = 1;
      if (m < 0) {
        if (wantOutside && !inMisaligned[chunk.refNumber.data[i]]) {
          out.reportRange('manager-not-in-file', placeOf(fin, c, (s) => s.refCell, i),
            `This manager ${outside}. That is fine if they exist in Entra ID; otherwise check the spelling.`,
            { attribute: managerCol.name });
        }
        continue;
      }
      if (p >= 0 && managerOf[p] < 0) managerOf[p] = m;
      else if (p >= 0 && managerOf[p] !== m) (severalManagers ??= new Uint8Array(count))[p] = 1;
    }
  });
  judgeBlankManagers(fin, managerCol, index, hasManager, label);
  checkLayers(fin, index, hasManager);

  if (out.wants('reporting-loop')) {
    // a loop through someone whose rows disagree on their manager is a guess: their duplicate is the finding
    const loops = findLoops(managerOf).filter((loop) => !severalManagers || !loop.some((p) => severalManagers![p]));
    if (loops.length === 0) return index;
    // where the loop members' manager cells are: one pass over the references, for them only
    const members = new Map<number, Range | undefined>();
    for (const loop of loops) for (const p of loop) members.set(p, undefined);
    chunks.forEach(({ state: chunk }, c) => {
      for (let i = 0; i < chunk.refPerson.length; i++) {
        const entry = chunk.refPerson.data[i];
        const p = entry >= 0 ? personOfEntry[c][entry] : -1;
        if (p >= 0 && members.has(p) && !members.get(p)) members.set(p, placeOf(fin, c, (s) => s.refCell, i));
      }
    });
    for (const loop of loops) reportLoop(fin, managerCol, loop.map((p) => members.get(p) ?? fin.state.columnRanges[managerCol.index]));
  }
  return index;
}

/**
 * People whose manager cell is blank. Organizational data: a blank keeps the stored manager, so several
 * are a note. Viva Insights: only the top leader may have none ("Missing ManagerId value for new
 * PersonId"), so every other blank is an error on its cell. The top leader of each snapshot is the one
 * orgdata.topLeader names, or else the blank one with the largest reporting tree (the first on a tie).
 */
function judgeBlankManagers(fin: FinishContext, managerCol: Column, index: PeopleIndex, hasManager: Uint8Array, label: (s: number) => string): void {
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
    out.reportRange('multiple-top-level', fin.state.columnRanges[managerCol.index],
      `${people} people have no ${managerCol.name} (a blank cell keeps the manager already stored, and only the top leader should have none): fill in the managers unless these people really lead the organization.`,
      { attribute: managerCol.name }, blanks.slice(0, MAX_RELATED).map((b) => ({ range: blankCell(b), message: 'no manager' })));
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
    out.reportRange('missing-manager', blankCell(b),
      `${managerCol.name} is blank, but Viva Insights takes a blank ${managerCol.name} only for the top leader ("Missing ManagerId value for new PersonId"); ${who}: enter this person's manager.`,
      { attribute: managerCol.name }, related);
  }
}

/**
 * Layer is the distance from the top leader (CEO 0). A person's Layer is wrong where it is neither their
 * depth in the reporting line nor their manager's Layer + 1: only the cell that breaks the chain is
 * reported, not the descendants that follow it. The depth counts from the person at the top of each
 * chain: 0 for Viva Insights' top leader, otherwise that person's own Layer (their manager is outside the
 * file, or kept as stored). People in loops, and Layers blank, deleted or not numbers, are skipped.
 */
function checkLayers(fin: FinishContext, index: PeopleIndex, hasManager: Uint8Array): void {
  const layerCol = fin.columns.find((c) => c.attribute?.depth);
  if (!layerCol || !fin.out.wants('layer-mismatch')) return;
  const chunks = fin.state.chunks;
  const { count, managerOf } = index;
  // each person's Layer, read once (in file order: the chunks' arrays one after another)
  const layers = new Int32Array(count).fill(-1);
  for (let p = 0; p < count; p++) {
    const chunk = chunks[index.firstChunk[p]].state;
    const i = index.firstEntry[p];
    if (chunk.personLayer.length > i) layers[p] = chunk.personLayer.value(i);
  }
  const layerOf = (p: number): number => layers[p];
  // a person with several rows that give different Layers (a duplicate-person finding): every Layer they
  // have, so that a check that depends on them accepts any of their rows rather than guessing one
  const otherLayers = new Map<number, number[]>();
  chunks.forEach(({ state: chunk }, c) => {
    const entries = index.personOfEntry[c];
    for (let i = 0; i < entries.length && i < chunk.personLayer.length; i++) {
      const p = entries[i];
      const v = chunk.personLayer.value(i);
      if (v < 0 || layers[p] < 0 || v === layers[p]) continue;
      const list = otherLayers.get(p);
      if (!list) otherLayers.set(p, [v]);
      else if (!list.includes(v)) list.push(v);
    }
  });
  const hasLayer = (p: number, v: number): boolean => layers[p] === v || (otherLayers.get(p)?.includes(v) ?? false);
  // the top of a chain is Layer 0 only where it is known to be the top leader: Viva Insights' (a blank
  // ManagerId); in Organizational data a blank keeps the stored manager, and a file may be one department
  const leaders = new Set(index.leaders.values());
  const isTop = (p: number): boolean => leaders.has(p) && !hasManager[p];
  // depth from the top of each chain; -2: not yet known, -3: on the path being walked, -1: unknown (a loop, or no base)
  const depth = new Int32Array(count).fill(-2);
  const path = new Int32Array(count);
  for (let start = 0; start < count; start++) {
    if (depth[start] !== -2) continue;
    let n = 0;
    let p = start;
    while (depth[p] === -2) {
      depth[p] = -3;
      path[n++] = p;
      if (managerOf[p] < 0) break;
      p = managerOf[p];
    }
    let d: number;
    if (depth[p] >= -1) d = depth[p]; // reached a person already judged
    else if (managerOf[p] >= 0) d = -1; // back on the path: a loop
    else {
      // (a chain whose top has rows with different Layers has no one depth: its people are judged by their manager)
      d = isTop(p) ? 0 : otherLayers.has(p) ? -1 : layerOf(p);
      depth[path[--n]] = d;
    }
    while (n > 0) {
      d = d >= 0 ? d + 1 : -1;
      depth[path[--n]] = d;
    }
  }
  for (let p = 0; p < count; p++) {
    const layer = layerOf(p);
    const expected = depth[p];
    const m = managerOf[p];
    if (layer < 0 || layer === expected) continue;
    if (m >= 0 && hasLayer(m, layer - 1)) continue; // follows (one of the rows of) its manager: the break is above
    if (expected < 0 || otherLayers.has(p)) continue; // no one depth to compare with, or the duplicate says it
    const managerLayer = m >= 0 ? layerOf(m) : -1;
    const { state: chunk, lineBase } = chunks[index.firstChunk[p]];
    const at = shifted(chunk.personLayer.range(index.firstEntry[p], chunk.personCell.line(index.firstEntry[p])), lineBase - chunk.recordedLineBase);
    const why = m >= 0
      ? `this person is ${expected} ${expected === 1 ? 'level' : 'levels'} below the top leader${managerLayer < 0 ? ''
        : otherLayers.has(m) ? `, and their manager has several rows (first on line ${placeOf(fin, index.firstChunk[m], (s) => s.personCell, index.firstEntry[m]).start.line + 1}) with ${layerCol.name} ${[managerLayer, ...otherLayers.get(m)!].join(' and ')}`
        : `, and their manager on line ${placeOf(fin, index.firstChunk[m], (s) => s.personCell, index.firstEntry[m]).start.line + 1} has ${layerCol.name} ${managerLayer}`}`
      : 'this person is the top leader (the blank ManagerId)';
    fin.out.reportRange('layer-mismatch', at,
      `${layerCol.name} should be ${expected}: ${why}. Write ${expected}, or correct the manager.`,
      { attribute: layerCol.name, data: { expected, replacement: String(expected) } });
  }
}

/** Each person's reporting tree: themselves and everyone below them (people in loops count for nobody above). */
function treeSizes(managerOf: Int32Array): Int32Array {
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
