/**
 * Header rules: each header cell is judged once, and the verdict decides whether the cells below it are
 * checked at all (a header-level problem is reported on the header, never again on every cell).
 */
import {
  attributesOf,
  findAttribute,
  findAttributeIgnoringCase,
  hasOdsPrefix,
  isVivaSystemField,
  MAX_ATTRIBUTES,
  type AttributeDef,
  type Dialect,
} from '../catalog';
import type { Code } from '../codes';
import type { Column, RuleContext } from '../context';
import type { ReportExtras } from '../findings';
import { belongsToOds, belongsToViva } from '../dialect';
import { rankCandidates } from '../spelling';
import { sensitiveCategoryOf } from './sensitive';

const DIALECT_NAME: Record<Dialect, string> = {
  ods: 'Organizational data in Microsoft 365',
  viva: 'Viva Insights',
};

export function checkHeader(ctx: RuleContext): void {
  const { columns, dialect, out } = ctx;
  const custom = new Set(ctx.settings.customAttributes.map((n) => n.toLowerCase()));
  const known = attributesOf(dialect).map((a) => a.name);
  const seen = new Map<string, Column>();

  for (const col of columns) {
    const name = col.name;
    const trimmed = name.trim();
    if (trimmed.length === 0) {
      reportColumn(ctx, col, 'blank-header', `Column ${col.index + 1} has no name: name it, or delete the column.`);
      continue;
    }
    const key = trimmed.toLowerCase();
    const first = seen.get(key);
    if (first) {
      reportColumn(ctx, col, 'duplicate-header',
        `'${trimmed}' already appears in column ${first.index + 1}: delete or rename this column.`, {
          attribute: trimmed,
          related: [{ start: first.start, end: first.end, message: `first '${first.name.trim()}'` }],
        });
      continue;
    }
    seen.set(key, col);
    if (dialect === 'ods') judgeOdsHeader(ctx, col, custom, known);
    else judgeVivaHeader(ctx, col, custom, known);
  }

  if (columns.length > MAX_ATTRIBUTES) {
    const extra = columns[MAX_ATTRIBUTES];
    const last = columns[columns.length - 1];
    out.report('too-many-attributes', extra.start, last.end,
      `The header has ${columns.length} columns; Viva Insights takes at most ${MAX_ATTRIBUTES} attributes. Remove ${columns.length - MAX_ATTRIBUTES} columns you do not need.`);
  }

  checkRequired(ctx);
}

function judgeOdsHeader(ctx: RuleContext, col: Column, custom: Set<string>, known: string[]): void {
  const { out } = ctx;
  const name = col.name;
  const trimmed = name.trim();
  const exact = findAttribute('ods', name);
  if (exact) {
    col.attribute = exact;
    return;
  }
  if (trimmed !== name && findAttribute('ods', trimmed)) {
    reportSpaces(ctx, col, trimmed);
    return;
  }
  const byCase = findAttributeIgnoringCase('ods', trimmed);
  if (byCase) {
    reportCase(ctx, col, byCase);
    return;
  }
  if (belongsToViva(trimmed)) {
    const viva = findAttributeIgnoringCase('viva', trimmed)!;
    reportDialectMix(ctx, col, viva, 'ods');
    return;
  }
  if (custom.has(trimmed.toLowerCase())) {
    col.custom = true;
    return;
  }
  const candidates = rankCandidates(trimmed, known).map((c) => c.name);
  if (hasOdsPrefix(trimmed) || candidates.length > 0) {
    const hint = candidates.length > 0 ? `Did you mean ${quoteList(candidates)}? ` : '';
    reportColumn(ctx, col, 'unknown-attribute',
      `'${trimmed}' is not an Organizational data attribute, so this column will not be imported. ${hint}If it is meant as a custom attribute, add it to orgdata.customAttributes.`,
      { attribute: trimmed, data: { candidates } });
    return;
  }
  // a sensitive column gets the sensitive-data warning instead: one finding, the one that matters
  if (sensitiveCategoryOf(trimmed)) return;
  reportColumn(ctx, col, 'unused-column',
    `'${trimmed}' is not an Organizational data attribute (they start with Microsoft_), so this column will not be imported. Remove it, or add it to orgdata.customAttributes to keep it.`,
    { attribute: trimmed, data: { candidates: [] } });
}

function judgeVivaHeader(ctx: RuleContext, col: Column, custom: Set<string>, known: string[]): void {
  const { out } = ctx;
  const name = col.name;
  const trimmed = name.trim();
  const exact = findAttribute('viva', name);
  if (exact) {
    col.attribute = exact;
    return;
  }
  if (belongsToOds(trimmed)) {
    const ods = findAttributeIgnoringCase('ods', trimmed);
    if (ods?.counterpart) {
      reportDialectMix(ctx, col, ods, 'viva');
    } else {
      reportColumn(ctx, col, 'reserved-prefix',
        `Viva Insights reserves names that start with Microsoft_: rename '${trimmed}', for example to '${sanitize(trimmed.slice(10)) || 'CustomAttribute'}'.`,
        { attribute: trimmed, data: { candidates: [sanitize(trimmed.slice(10))].filter((c) => c) } });
    }
    return;
  }
  if (isVivaSystemField(trimmed)) {
    reportColumn(ctx, col, 'system-field',
      `'${trimmed}' is a Viva Insights system field and cannot be a column: rename it, for example to 'Hr${trimmed}'.`,
      { attribute: trimmed, data: { candidates: [`Hr${trimmed}`] } });
    return;
  }
  if (trimmed !== name && findAttribute('viva', trimmed)) {
    reportSpaces(ctx, col, trimmed);
    return;
  }
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    const fixed = sanitize(trimmed);
    const what = /\s/.test(name) ? 'spaces' : 'characters other than ASCII letters, digits and underscores';
    reportColumn(ctx, col, 'header-characters',
      `'${trimmed}' has ${what}, which Viva Insights rejects in a header: rename it to '${fixed}'.`,
      { attribute: trimmed, data: { candidates: fixed ? [fixed] : [] } });
    return;
  }
  const byCase = findAttributeIgnoringCase('viva', trimmed);
  if (byCase) {
    reportCase(ctx, col, byCase);
    return;
  }
  col.custom = true;
  if (custom.has(trimmed.toLowerCase())) return;
  const close = rankCandidates(trimmed, known).filter((c) => c.distance <= 2);
  if (close.length > 0) {
    const candidates = close.map((c) => c.name);
    reportColumn(ctx, col, 'possible-misspelling',
      `'${trimmed}' will be a custom attribute, but it is close to the reserved field ${quoteList(candidates)}: rename it if that was meant, or add it to orgdata.customAttributes.`,
      { attribute: trimmed, data: { candidates } });
  }
}

function reportSpaces(ctx: RuleContext, col: Column, trimmed: string): void {
  reportColumn(ctx, col, 'header-characters',
    `'${col.name}' has spaces around the name, so it does not match the attribute: rename it to '${trimmed}'.`,
    { attribute: trimmed, data: { candidates: [trimmed] } });
}

function reportCase(ctx: RuleContext, col: Column, attr: AttributeDef): void {
  reportColumn(ctx, col, 'attribute-case',
    `'${col.name.trim()}' is written in the wrong case; attribute names must match exactly: rename it to '${attr.name}'.`,
    { attribute: attr.name, data: { candidates: [attr.name] } });
}

function reportDialectMix(ctx: RuleContext, col: Column, attr: AttributeDef, fileDialect: Dialect): void {
  const target = attr.counterpart;
  const fix = target ? `rename it to '${target}'` : `remove it; ${DIALECT_NAME[fileDialect]} has no such attribute`;
  const why = ctx.settings.dialect === 'auto'
    ? `this file reads as ${DIALECT_NAME[fileDialect]} (from its other headers)`
    : `orgdata.dialect is set to ${DIALECT_NAME[fileDialect]}`;
  reportColumn(ctx, col, 'dialect-mix',
    `'${col.name.trim()}' is a ${DIALECT_NAME[attr.dialect]} name, but ${why}: ${fix}.`,
    { attribute: col.name.trim(), data: { candidates: target ? [target] : [] } });
}

function checkRequired(ctx: RuleContext): void {
  const { columns, dialect, out } = ctx;
  if (columns.length === 0) return;
  const lineStart = ctx.table.rowStart[0];
  const lineEnd = ctx.table.rowEnd[0];
  const present = new Set(columns.map((c) => c.name.trim().toLowerCase()));
  for (const attr of attributesOf(dialect)) {
    if (!attr.required || present.has(attr.name.toLowerCase())) continue;
    if (attr.required === 'defaults') {
      out.report('effective-date-missing', lineStart, lineEnd,
        `There is no ${attr.name} column, so every row applies from the day of the upload. Add ${attr.name} to date the rows.`);
      continue;
    }
    out.report('required-missing', lineStart, lineEnd,
      `The header has no ${attr.name} column, which ${DIALECT_NAME[dialect]} requires: add ${attr.name} and fill it in for every row.`,
      { data: { missing: attr.name } });
  }
}

/** The nearest name Viva Insights accepts: ASCII letters, digits and underscores. */
export function sanitize(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/\s+/g, '_')
    .replace(/[^A-Za-z0-9_]/g, '')
    .replace(/_+/g, '_');
}

/** Reports a problem with a column's header and remembers it on the column (its cells are not imported). */
function reportColumn(ctx: RuleContext, col: Column, code: Code, message: string, extras?: ReportExtras): void {
  col.problem = code;
  ctx.out.report(code, col.start, col.end, message, extras);
}

function quoteList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}
