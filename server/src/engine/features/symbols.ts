/** Outline: one symbol per column, so the Outline view and breadcrumbs navigate columns. */
import { typeLabel } from './attributeDocs';
import type { RuleContext } from '../analysis/context';
import type { Range } from '../text/positions';

export interface ColumnSymbol {
  name: string;
  detail: string;
  range: Range;
}

export function columnSymbols(doc: RuleContext): ColumnSymbol[] {
  const lines = doc.out.lineIndex;
  return doc.columns.map((c) => ({
    name: c.name.trim() || `(column ${c.index + 1} has no name)`,
    detail: c.attribute ? typeLabel(c.attribute) : c.custom ? 'custom attribute' : 'not imported',
    range: lines.range(c.start, c.end),
  }));
}
