/** Microsoft_Layer: the distance from the top leader, checked against the reporting lines. */
import { cellValue } from '../../../text/csv';
import type { RuleContext } from '../../context';
import type { FinishContext } from '../../finish';
import { shifted } from '../../state';
import { placeOf, type PeopleIndex } from './peopleIndex';

/** A Layer cell's whole number, or -1 (blank, deleted, or not a whole number: the values rules say so). */
export function layerValue(ctx: RuleContext, cell: number): number {
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

/**
 * Layer is the distance from the top leader (CEO 0). A person's Layer is wrong where it is neither their
 * depth in the reporting line nor their manager's Layer + 1: only the cell that breaks the chain is
 * reported, not the descendants that follow it. The depth counts from the person at the top of each
 * chain: 0 for Viva Insights' top leader, otherwise that person's own Layer (their manager is outside the
 * file, or kept as stored). People in loops, and Layers blank, deleted or not numbers, are skipped.
 */
export function checkLayers(fin: FinishContext, index: PeopleIndex, hasManager: Uint8Array): void {
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
    if (depth[p] >= -1)
      d = depth[p]; // reached a person already judged
    else if (managerOf[p] >= 0)
      d = -1; // back on the path: a loop
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
    const at = shifted(
      chunk.personLayer.range(index.firstEntry[p], chunk.personCell.line(index.firstEntry[p])),
      lineBase - chunk.recordedLineBase,
    );
    const why =
      m >= 0
        ? `this person is ${expected} ${expected === 1 ? 'level' : 'levels'} below the top leader${
            managerLayer < 0
              ? ''
              : otherLayers.has(m)
                ? `, and their manager has several rows (first on line ${placeOf(fin, index.firstChunk[m], (s) => s.personCell, index.firstEntry[m]).start.line + 1}) with ${layerCol.name} ${[managerLayer, ...otherLayers.get(m)!].join(' and ')}`
                : `, and their manager on line ${placeOf(fin, index.firstChunk[m], (s) => s.personCell, index.firstEntry[m]).start.line + 1} has ${layerCol.name} ${managerLayer}`
          }`
        : 'this person is the top leader (the blank ManagerId)';
    fin.out.reportRange(
      'layer-mismatch',
      at,
      `${layerCol.name} should be ${expected}: ${why}. Write ${expected}, or correct the manager.`,
      { attribute: layerCol.name, data: { expected, replacement: String(expected) } },
    );
  }
}
