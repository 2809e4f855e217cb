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
  ODS_NEAR_NAMES,
  type AttributeDef,
  type Dialect,
} from '../../catalog/catalog';
import type { Code } from '../../catalog/codes';
import { misspeltColumn, type Column, type RuleContext } from '../context';
import type { ReportExtras } from '../findings';
import { belongsToOds, belongsToViva } from '../../catalog/dialect';
import { hasPrefixTypo, rankCandidates } from '../../catalog/spelling';
import { sensitiveCategoryOf } from './sensitive';
import type { RuleModule } from '../ruleModule';

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
    if (col.excluded) {
      // (a column the mapping leaves out of the upload: said once, and nothing in it is checked)
      col.problem = 'unmapped-column';
      out.report(
        'unmapped-column',
        col.start,
        col.end,
        `'${col.name.trim()}' is not in orgdata.columns, so the upload made from this export leaves it out: map it to an attribute or a custom name in orgdata.columns to keep it.`,
        { attribute: col.name.trim() },
      );
      continue;
    }
    const name = col.name;
    const trimmed = name.trim();
    if (trimmed.length === 0) {
      reportColumn(ctx, col, 'blank-header', `Column ${col.index + 1} has no name: name it, or delete the column.`);
      continue;
    }
    const key = trimmed.toLowerCase();
    const first = seen.get(key);
    if (first) {
      reportColumn(
        ctx,
        col,
        'duplicate-header',
        `'${trimmed}' already appears in column ${first.index + 1}: delete or rename this column.`,
        {
          attribute: trimmed,
          related: [{ start: first.start, end: first.end, message: `first '${first.name.trim()}'` }],
        },
      );
      continue;
    }
    seen.set(key, col);
    if (dialect === 'ods') judgeOdsHeader(ctx, col, custom, known);
    else judgeVivaHeader(ctx, col, custom, known);
  }

  const uploaded = columns.filter((c) => !c.excluded);
  if (uploaded.length > MAX_ATTRIBUTES) {
    const extra = uploaded[MAX_ATTRIBUTES];
    const last = uploaded[uploaded.length - 1];
    out.report(
      'too-many-attributes',
      extra.start,
      last.end,
      `The header has ${uploaded.length} columns; Viva Insights takes at most ${MAX_ATTRIBUTES} attributes. Remove ${uploaded.length - MAX_ATTRIBUTES} columns you do not need.`,
    );
  }

  checkRequired(ctx);
}

/**
 * An ODS header: a reserved attribute, a Microsoft_ name that is none (an error: the prefix is reserved),
 * or a custom attribute (ORG, MAP: imported, mapped and shared per app by the admin, never on the profile
 * card). A custom name that was probably meant as a reserved one says so: a Viva name with a documented
 * twin or a misspelt prefix as a warning, anything else at information level.
 */
function judgeOdsHeader(ctx: RuleContext, col: Column, custom: Set<string>, known: string[]): void {
  const name = col.name;
  const trimmed = name.trim();
  const exact = findAttribute('ods', name);
  if (exact) {
    col.attribute = exact;
    return;
  }
  if (padded(ctx, col, 'ods')) return;
  const byCase = findAttributeIgnoringCase('ods', trimmed);
  if (byCase) {
    reportCase(ctx, col, byCase);
    return;
  }
  const viva = belongsToViva(trimmed) ? findAttributeIgnoringCase('viva', trimmed) : undefined;
  if (viva?.documentedTwin) {
    col.custom = true;
    reportDialectMix(ctx, col, viva, 'ods');
    return;
  }
  // declared: a custom attribute, or a Microsoft_ attribute newer than the catalog
  if (custom.has(trimmed.toLowerCase())) {
    col.custom = true;
    return;
  }
  if (hasOdsPrefix(trimmed)) {
    const near = ODS_NEAR_NAMES[trimmed.toLowerCase()];
    const candidates = near ? [near] : rankCandidates(trimmed, known).map((c) => c.name);
    const hint = candidates.length > 0 ? ` Did you mean ${quoteList(candidates)}?` : '';
    reportColumn(
      ctx,
      col,
      'unknown-attribute',
      `'${trimmed}' is not an Organizational data attribute, and names starting with Microsoft_ are reserved, so this column will not be imported.${hint} For a custom attribute, rename it without the Microsoft_ prefix.`,
      { attribute: trimmed, data: { candidates } },
    );
    return;
  }
  // everything else is imported as a custom attribute
  col.custom = true;
  const candidates = viva?.counterpart ? [viva.counterpart] : rankCandidates(trimmed, known).map((c) => c.name);
  if (candidates.length > 0 && hasPrefixTypo(trimmed)) {
    reportColumn(
      ctx,
      col,
      'possible-misspelling',
      `'${trimmed}' will be a custom attribute, not on the profile card, but it looks like a misspelt ${quoteList(candidates)}: rename it if that was meant, or add it to orgdata.customAttributes.`,
      { attribute: trimmed, data: { candidates } },
    );
    return;
  }
  // a sensitive column gets the sensitive-data warning instead: one finding, the one that matters
  if (sensitiveCategoryOf(trimmed)) return;
  const meant = candidates.length > 0 ? ` If you meant the reserved attribute ${quoteList(candidates)}, rename it.` : '';
  reportColumn(
    ctx,
    col,
    'unused-column',
    `'${trimmed}' is not a Microsoft_ attribute, so it is imported as a custom attribute: it does not reach the profile card or its export, and apps see it only once you map it and share it with them.${meant} Add it to orgdata.customAttributes to say it is meant, or remove the column.`,
    { attribute: trimmed, data: { candidates } },
  );
}

function judgeVivaHeader(ctx: RuleContext, col: Column, custom: Set<string>, known: string[]): void {
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
      reportColumn(
        ctx,
        col,
        'reserved-prefix',
        `Viva Insights reserves names that start with Microsoft_: rename '${trimmed}', for example to '${sanitize(trimmed.slice(10)) || 'CustomAttribute'}'.`,
        { attribute: trimmed, data: { candidates: [sanitize(trimmed.slice(10))].filter((c) => c) } },
      );
    }
    return;
  }
  if (isVivaSystemField(trimmed)) {
    reportColumn(
      ctx,
      col,
      'system-field',
      `'${trimmed}' is a Viva Insights system field and cannot be a column: rename it, for example to 'Hr${trimmed}'.`,
      { attribute: trimmed, data: { candidates: [`Hr${trimmed}`] } },
    );
    return;
  }
  if (padded(ctx, col, 'viva')) return;
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    const fixed = sanitize(trimmed);
    const what = /\s/.test(name) ? 'spaces' : 'characters other than ASCII letters, digits and underscores';
    reportColumn(
      ctx,
      col,
      'header-characters',
      `'${trimmed}' has ${what}, which Viva Insights rejects in a header: rename it to '${fixed}'.`,
      { attribute: trimmed, data: { candidates: fixed ? [fixed] : [] } },
    );
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
    reportColumn(
      ctx,
      col,
      'possible-misspelling',
      `'${trimmed}' will be a custom attribute, but it is close to the reserved field ${quoteList(candidates)}: rename it if that was meant, or add it to orgdata.customAttributes.`,
      { attribute: trimmed, data: { candidates } },
    );
  }
}

/** Characters that do not show: zero-width spaces and joiners, the word joiner, a byte-order mark, a soft hyphen. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/**
 * A header that names an attribute but for white space around it or a character that does not show: one
 * finding on the header, with the rename as its fix, and the column is checked as that attribute (its
 * cells' own problems are still worth fixing; the upload will not import it until it is renamed).
 */
function padded(ctx: RuleContext, col: Column, dialect: Dialect): boolean {
  const bare = col.name.replace(INVISIBLE, '').trim();
  if (bare === col.name) return false;
  const attr = findAttribute(dialect, bare);
  if (!attr) return false;
  const invisible = INVISIBLE.test(col.name);
  INVISIBLE.lastIndex = 0;
  const what = invisible ? 'a character that does not show (a zero-width space or the like) in the name' : 'spaces around the name';
  reportColumn(
    ctx,
    col,
    'header-characters',
    `'${col.name.trim()}' has ${what}, so it does not match the attribute and will not be imported: rename it to '${bare}'.`,
    // (the one rename that guesses nothing: --fix and fix all make it, see SAFE_FIX)
    { attribute: bare, data: { candidates: [bare], padding: true } },
  );
  col.attribute = attr;
  return true;
}

function reportCase(ctx: RuleContext, col: Column, attr: AttributeDef): void {
  reportColumn(
    ctx,
    col,
    'attribute-case',
    `'${col.name.trim()}' is written in the wrong case; attribute names must match exactly: rename it to '${attr.name}'.`,
    { attribute: attr.name, data: { candidates: [attr.name] } },
  );
}

function reportDialectMix(ctx: RuleContext, col: Column, attr: AttributeDef, fileDialect: Dialect): void {
  const target = attr.counterpart;
  const fix = target ? `rename it to '${target}'` : `remove it; ${DIALECT_NAME[fileDialect]} has no such attribute`;
  const why =
    ctx.settings.dialect === 'auto'
      ? `this file reads as ${DIALECT_NAME[fileDialect]} (from its ${fileDialect === 'ods' ? 'Microsoft_ headers' : 'PersonId, ManagerId, EffectiveDate, … headers'})`
      : `orgdata.dialect is set to ${DIALECT_NAME[fileDialect]}`;
  const effect =
    fileDialect === 'ods'
      ? `here it would be imported as a custom attribute, not as ${target ?? 'an attribute'}`
      : 'Viva Insights reserves every name that starts with Microsoft_ and rejects the upload';
  reportColumn(
    ctx,
    col,
    'dialect-mix',
    `'${col.name.trim()}' is ${attr.dialect === 'ods' ? 'an' : 'a'} ${DIALECT_NAME[attr.dialect]} name, but ${why}; ${effect}: ${fix}.`,
    { attribute: col.name.trim(), data: { candidates: target ? [target] : [] } },
  );
}

function checkRequired(ctx: RuleContext): void {
  const { columns, dialect, out } = ctx;
  if (columns.length === 0) return;
  const lineStart = ctx.table.rowStart[0];
  const lineEnd = ctx.table.rowEnd[0];
  // (a column checked as an attribute despite its header's problem has that attribute: the problem says it once)
  const present = new Set(columns.filter((c) => !c.excluded).map((c) => (c.attribute?.name ?? c.name.trim()).toLowerCase()));
  for (const attr of attributesOf(dialect)) {
    if (!attr.required || present.has(attr.name.toLowerCase())) continue;
    if (attr.required === 'defaults') {
      out.report(
        'effective-date-missing',
        lineStart,
        lineEnd,
        `There is no ${attr.name} column, so every row applies from the day of the upload. Add ${attr.name} to date the rows.`,
      );
      continue;
    }
    const misspelt = misspeltColumn(columns, attr.name);
    const fix = misspelt
      ? `'${misspelt.name.trim()}' (column ${misspelt.index + 1}) looks like a misspelt ${attr.name}: rename it, or add ${attr.name} and fill it in for every row.`
      : `add ${attr.name} and fill it in for every row.`;
    out.report(
      'required-missing',
      lineStart,
      lineEnd,
      `The header has no ${attr.name} column, which ${DIALECT_NAME[dialect]} requires: ${fix}`,
      { data: { missing: attr.name, ...(misspelt ? { misspelt: misspelt.name.trim() } : {}) } },
    );
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
  // a mapped column's name comes from orgdata.columns: the fix is there, not in the export's header
  if (col.mappedFrom !== undefined) {
    message = `${message} (The name is orgdata.columns' mapping of '${col.mappedFrom}': correct it there.)`;
    extras = { ...extras, data: { ...extras?.data, mappedFrom: col.mappedFrom } };
  }
  const candidates = extras?.data?.candidates;
  if (Array.isArray(candidates) && candidates.length > 0) {
    col.candidates = candidates as string[];
    // a rename to a name another column has would make it appear twice: no fix makes it without asking
    const first = String(candidates[0]).toLowerCase();
    if (ctx.columns.some((c) => c !== col && !c.excluded && c.name.trim().toLowerCase() === first))
      extras = { ...extras, data: { ...extras!.data, taken: true } };
  }
  ctx.out.report(code, col.start, col.end, message, extras);
}

function quoteList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

export const headerRules: RuleModule = {
  name: 'header',
  codes: [
    'too-many-attributes',
    'blank-header',
    'duplicate-header',
    'unknown-attribute',
    'unused-column',
    'attribute-case',
    'possible-misspelling',
    'dialect-mix',
    'header-characters',
    'system-field',
    'reserved-prefix',
    'required-missing',
    'effective-date-missing',
    'unmapped-column',
  ],
  header: checkHeader,
};
