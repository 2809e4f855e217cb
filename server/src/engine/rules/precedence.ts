/**
 * Values that profile cards will not show: with Entra ID first (Microsoft's default), a person's Entra ID
 * value hides the uploaded one. Runs only when an Entra ID users file is configured.
 */
import { isDeleteMarker } from '../catalog';
import { cellValue, isEmptyCell } from '../csv';
import { cellAt, columnOf, RowKind, type RuleContext } from '../context';
import type { EntraDirectory } from '../entra';

export function checkPrecedence(ctx: RuleContext, entra: EntraDirectory | undefined): void {
  if (!entra || ctx.dialect !== 'ods' || ctx.settings.precedence !== 'entra' || !ctx.out.wants('shadowed-by-entra')) return;
  const personCol = columnOf(ctx, (a) => a.role === 'person');
  if (!personCol) return;
  const backed = ctx.columns.filter((c) => c.attribute?.entra && c.attribute.role !== 'manager');
  const { table } = ctx;
  for (let r = ctx.firstRow; r < table.rowCount; r++) {
    if (ctx.rowKind[r] !== RowKind.Data) continue;
    const user = entra.byAddress.get(cellValue(table, cellAt(ctx, r, personCol.index)).trim().toLowerCase());
    if (!user) continue;
    for (const col of backed) {
      const a = col.attribute!;
      const shown = user.values[a.entra as keyof typeof user.values];
      if (shown === undefined) continue;
      const cell = cellAt(ctx, r, col.index);
      if (isEmptyCell(table, cell)) continue;
      const uploaded = cellValue(table, cell).trim();
      if (isDeleteMarker(uploaded) || uploaded === shown) continue;
      ctx.out.report('shadowed-by-entra', table.cellStart[cell], table.cellEnd[cell],
        `Profile cards will show the Entra ID ${a.entra} '${shown}' instead of '${uploaded}': Entra ID takes precedence by default. Change it in Entra ID, or set orgdata.precedence if your tenant puts organizational data first.`,
        { attribute: a.name, data: { entra: shown, entraProperty: a.entra } });
    }
  }
}
