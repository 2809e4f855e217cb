/** Hover: what a header cell's attribute is, and what a data cell means for the person of its row. */
import { attributeMarkdown, customAttributeMarkdown } from './attributeDocs';
import { isDeleteMarker } from '../catalog/catalog';
import { cellAtOffset, cellValue, isEmptyCell } from '../text/csv';
import { cellAt, columnOf, RowKind, type RuleContext } from '../analysis/context';
import type { Position, Range } from '../text/positions';
import { provenanceMarkdown } from '../catalog/codes';
import type { Finding } from '../analysis/findings';
import { emailProblem } from '../catalog/formats';
import { crossCheckDirectory } from '../analysis/rules/entra';

export interface HoverResult {
  markdown: string;
  range: Range;
}

/**
 * The hover at a position. `findings`: those of the document on this cell, whose provenance (documented,
 * with the page, or orgdata's decision and why) the hover adds.
 */
export function hoverAt(doc: RuleContext, pos: Position, findings: readonly Finding[] = []): HoverResult | undefined {
  const h = cellHover(doc, pos);
  if (!h) return undefined;
  const codes = [...new Set(findings.filter((f) => contains(f.range, h.range)).map((f) => f.code))];
  if (codes.length === 0) return h;
  return { markdown: `${h.markdown}\n\n---\n\n${codes.map((c) => `- ${provenanceMarkdown(c)}`).join('\n')}`, range: h.range };
}

/** Whether a finding's range lies on the cell (a header finding over the whole header line counts for each cell). */
function contains(r: Range, cell: Range): boolean {
  const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(r.start, cell.start) ? before(cell.end, r.end) : before(r.start, cell.end);
}

function cellHover(doc: RuleContext, pos: Position): HoverResult | undefined {
  const lines = doc.out.lineIndex;
  const at = cellAtOffset(doc.table, lines.offsetAt(pos));
  if (!at) return undefined;
  const range = lines.range(doc.table.cellStart[at.cell], doc.table.cellEnd[at.cell]);
  const col = doc.columns[at.col];
  if (at.row < doc.firstRow) {
    if (!col || col.name.trim() === '') return undefined;
    // under a column mapping, where the column's name comes from (orgdata.json), or that it is left out
    if (col.excluded)
      return {
        markdown: `**${col.name.trim()}** is not in \`columns\` of orgdata.json: the upload made from this export leaves it out, and nothing in it is checked.`,
        range,
      };
    const mapped =
      col.mappedFrom !== undefined ? `\n\n*Mapped from this export's \`${col.mappedFrom}\` by \`columns\` in orgdata.json.*` : '';
    if (col.attribute) return { markdown: attributeMarkdown(col.attribute) + mapped, range };
    const declared = doc.settings.customAttributes.some((c) => c.toLowerCase() === col.name.trim().toLowerCase());
    return { markdown: customAttributeMarkdown(col.name.trim(), doc.dialect, declared) + mapped, range };
  }
  if (!col || doc.rowKind[at.row] !== RowKind.Data) return undefined;
  const parts: string[] = [];
  const person = columnOf(doc, (a) => a.role === 'person');
  const who = person && person !== col ? cellValue(doc.table, cellAt(doc, at.row, person.index)).trim() : '';
  parts.push(`**${col.name.trim()}**${who ? ` of \`${who}\`` : ''} · line ${pos.line + 1}`);
  const meaning = cellMeaning(doc, at.cell, col.attribute?.deleteNumber, col.attribute?.role === 'person');
  if (meaning) parts.push('', meaning);
  const match = col.attribute?.role ? entraMatch(doc, at.cell, col.attribute.role) : undefined;
  if (match) parts.push('', match);
  return { markdown: parts.join('\n'), range };
}

/** Whom a person or manager cell matches in the tenant's Entra ID users (orgdata.entraUsers), or why nobody. */
function entraMatch(doc: RuleContext, cell: number, role: 'person' | 'manager'): string | undefined {
  const entra = crossCheckDirectory(doc.dialect, doc.state.entra);
  if (!entra || isEmptyCell(doc.table, cell)) return undefined;
  const address = cellValue(doc.table, cell).trim();
  if (!address || isDeleteMarker(address) || emailProblem(address)) return undefined;
  const user = entra.find(address);
  if (!user) {
    return role === 'person'
      ? `**Entra ID:** no user in ${code(entra.source)} has this address as user principal name, mail or proxy address: the upload drops this row.`
      : `**Entra ID:** no user in ${code(entra.source)} has this address: "Unmatched ${doc.columns.find((c) => c.attribute?.role === 'manager')?.name ?? 'manager'}", no manager is stored.`;
  }
  const v = user.values;
  const how =
    v.userPrincipalName?.trim().toLowerCase() === address.toLowerCase()
      ? 'user principal name'
      : v.mail?.trim().toLowerCase() === address.toLowerCase()
        ? 'mail'
        : 'proxy address';
  const state = [!user.enabled ? 'account disabled' : '', user.guest ? 'guest' : ''].filter(Boolean).join(', ');
  const name = v.displayName ? `**${markdownText(v.displayName)}**` : 'a user without a display name';
  const byUpnOnly =
    how === 'user principal name' &&
    v.mail?.trim().toLowerCase() !== address.toLowerCase() &&
    !(user.lists.proxyAddresses ?? []).some(
      (p) =>
        p
          .replace(/^smtp:/i, '')
          .trim()
          .toLowerCase() === address.toLowerCase(),
    );
  const upnNote = byUpnOnly
    ? " By user principal name alone: orgdata's decision, since Microsoft documents the primary SMTP address or an alias for this column; if the upload does not resolve it, use the person's mail."
    : '';
  return `**Entra ID:** matches ${name} (${code(v.userPrincipalName ?? v.mail ?? address)}) by ${how} in ${code(entra.source)}${v.objectId ? `; objectId ${code(v.objectId)}` : ''}${state ? `; ${state}` : ''}.${upnNote}`;
}

/** Text from a file, shown as itself in Markdown. */
function markdownText(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

function cellMeaning(doc: RuleContext, cell: number, deleteNumber: number | undefined, isPerson: boolean): string | undefined {
  if (isPerson) return 'Identifies the person this row describes.';
  if (isEmptyCell(doc.table, cell)) return "Blank: the value already stored for this person stays as it is. To delete it, write `''`.";
  const v = cellValue(doc.table, cell).trim();
  if (isDeleteMarker(v))
    return `\`${v}\` deletes the stored value when the file is uploaded${v === "'''" ? " (`'''` is how Excel saves `''`)" : ''}.`;
  if (deleteNumber !== undefined && v === String(deleteNumber)) return `\`${v}\` deletes the stored value when the file is uploaded.`;
  return undefined;
}
