/**
 * People rules: the person and manager email columns, duplicates, and the reporting hierarchy. Each chunk
 * of rows adds to the file's people state (a hash per person, the place of their first row, one manager
 * reference per row); the hierarchy is judged when the file ends. Linear in the rows, bounded in memory.
 */
import { GrowableInt32, isEmptyCell } from '../../../text/csv';
import { cellAt, columnOf, RowKind, type RuleContext } from '../../context';
import type { FinishContext } from '../../finish';
import { crossChecked } from '../entra';
import type { Range } from '../../../text/positions';
import type { ChunkState } from '../../state';
import { addressOf, checkEmailCell, checkOtherEmailColumns, noteColleagues, noteMisaligned, snapshotReader } from './emails';
import { placeOf, PersonKeys, usesSeveralSnapshots, type PeopleIndex } from './peopleIndex';
import { findLoops, judgeBlankManagers, reportLoop } from './hierarchy';
import { checkLayers, layerValue } from './layers';
import type { RuleModule } from '../../ruleModule';

export type { PeopleIndex } from './peopleIndex';

export function checkPeople(ctx: RuleContext): void {
  checkOtherEmailColumns(ctx);
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
  const entraKeys = crossChecked(ctx.dialect, ctx.state)
    ? (chunk.entraKeys = { persons: new GrowableInt32(2 * ctx.dataRowCount), managers: new GrowableInt32(64) })
    : undefined;

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
        // (places as numbers, no Range objects: three a row made a third of this loop's time and its garbage)
        const line = out.lineOf(table.cellStart[cell]);
        chunk.personCell.push(line, out.characterOf(table.cellStart[cell]), out.characterOf(table.cellEnd[cell]));
        if (layerCol) {
          const layer = cellAt(ctx, r, layerCol.index);
          const [s, e] = [table.cellStart[layer], table.cellEnd[layer]];
          if (out.lineOf(s) === line && out.lineOf(e) === line)
            chunk.personLayer.pushOnLine(layerValue(ctx, layer), line, out.characterOf(s), out.characterOf(e));
          else chunk.personLayer.push(layerValue(ctx, layer), line, out.rangeOf(s, e));
        }
      }
    }
    for (const col of colleagueCols) noteColleagues(ctx, col, cellAt(ctx, r, col.index), personEntry, snapshot);
    if (!managerCol) continue;
    const cell = cellAt(ctx, r, managerCol.index);
    if (isEmptyCell(table, cell)) {
      if (personEntry >= 0) {
        chunk.blankPerson.push(personEntry);
        chunk.blankCell.push(
          out.lineOf(table.cellStart[cell]),
          out.characterOf(table.cellStart[cell]),
          out.characterOf(table.cellEnd[cell]),
        );
      }
      continue;
    }
    const key = checkEmailCell(ctx, managerCol, cell, false);
    if (key === undefined) continue;
    if (
      personKey !== undefined &&
      key[0] === personKey[0] &&
      key[1] === personKey[1] &&
      addressOf(table, cell) === addressOf(table, personCell)
    ) {
      out.report(
        'self-manager',
        table.cellStart[cell],
        table.cellEnd[cell],
        'This person is named as their own manager: enter their real manager, or leave the cell blank for the top leader.',
        { attribute: managerCol.name },
      );
      continue;
    }
    const [h1, h2] = key;
    if (entraKeys) entraKeys.managers.push3(cell, h1, h2);
    chunk.refPerson.push(personEntry);
    chunk.refNumber.push(emails.of(h1, h2));
    if (snapshotOf) chunk.refSnapshot.push(snapshot);
    chunk.refCell.push(out.lineOf(table.cellStart[cell]), out.characterOf(table.cellStart[cell]), out.characterOf(table.cellEnd[cell]));
  }
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
        const message =
          fin.dialect === 'ods'
            ? `This person already has a row on line ${line} (emails compare without case): Microsoft merges a person's rows in an order it does not document, so which value wins is unknown (orgdata flags it). Merge the two rows into one.`
            : dated
              ? `This person already has a row for EffectiveDate ${label(snap)} on line ${line} (emails compare without case): a person has one row per EffectiveDate. Merge the two rows, or correct the date.`
              : `This person already has a row on line ${line} (emails compare without case), and without an EffectiveDate column both apply from the upload date: merge the two rows, or add EffectiveDate to date them.`;
        out.reportRange(
          'duplicate-person',
          placeOf(fin, c, (s) => s.personCell, i),
          message,
          { attribute: personCol?.name },
          [{ range: firstRange, message: 'first row of this person' }],
        );
        continue;
      }
      firstChunk[count] = c;
      firstEntry[count] = i;
      map[i] = count++;
    }
    personOfEntry.push(map);
  });
  const index: PeopleIndex = {
    count,
    personOfEntry,
    firstChunk: firstChunk.subarray(0, count),
    firstEntry: firstEntry.subarray(0, count),
    managerOf: new Int32Array(count).fill(-1),
    leaders: new Map(),
    history,
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
          out.reportRange(
            'manager-not-in-file',
            placeOf(fin, c, (s) => s.refCell, i),
            `This manager ${outside}. That is fine if they exist in Entra ID; otherwise check the spelling.`,
            { attribute: managerCol.name },
          );
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
        if (p >= 0 && members.has(p) && !members.get(p))
          members.set(
            p,
            placeOf(fin, c, (s) => s.refCell, i),
          );
      }
    });
    for (const loop of loops)
      reportLoop(
        fin,
        managerCol,
        loop.map((p) => members.get(p) ?? fin.state.columnRanges[managerCol.index]),
      );
  }
  return index;
}

export const peopleRules: RuleModule = {
  name: 'people',
  codes: [
    'invalid-email',
    'missing-person',
    'email-spaces',
    'duplicate-person',
    'self-manager',
    'reporting-loop',
    'multiple-top-level',
    'missing-manager',
    'layer-mismatch',
    'manager-not-in-file',
  ],
  rows: checkPeople,
};
