/**
 * Sensitive personal data: column names that denote it (matched on whole words of the header, so that no
 * org attribute is caught), and values that look like identifiers or financial data (sampled, so that
 * large files stay fast). Facts: GDPR Art. 9 special categories, national identifiers, financial data.
 */
import { isDeleteMarker } from '../../catalog/catalog';
import { cellValue, isEmptyCell } from '../../text/csv';
import { atHeader, RowKind, type RuleContext } from '../context';
import type { FinishContext } from '../finish';
import { shifted, type SensitiveSample } from '../state';
import type { RuleModule } from '../ruleModule';

interface Category {
  /** what the data is, for the message */
  what: string;
  /** word sequences of a header that denote it */
  phrases: string[][];
}

const p = (...phrases: string[]): string[][] => phrases.map((x) => x.split(' '));

export const SENSITIVE_CATEGORIES: readonly Category[] = [
  {
    what: 'health data',
    phrases: p('health', 'medical', 'disability', 'diagnosis', 'illness', 'sick leave', 'sickness', 'pregnancy', 'pregnant'),
  },
  {
    what: 'religious or philosophical beliefs',
    phrases: p('religion', 'religious', 'faith', 'belief', 'beliefs', 'church', 'denomination'),
  },
  { what: 'racial or ethnic origin', phrases: p('race', 'racial', 'ethnicity', 'ethnic') },
  { what: 'sexual orientation or sex life', phrases: p('sexual orientation', 'sexuality', 'sex life') },
  { what: 'political opinions', phrases: p('political', 'politics', 'party affiliation', 'party membership') },
  { what: 'trade-union membership', phrases: p('union', 'trade union', 'works union', 'union member', 'union membership') },
  { what: 'biometric data', phrases: p('biometric', 'biometrics', 'fingerprint', 'face id', 'retina') },
  { what: 'genetic data', phrases: p('genetic', 'genome', 'dna') },
  { what: 'date of birth', phrases: p('date of birth', 'birth date', 'birthdate', 'birthday', 'dob', 'birth') },
  {
    what: 'a national identifier',
    phrases: p(
      'ssn',
      'social security',
      'national id',
      'national identifier',
      'national insurance',
      'nino',
      'passport',
      'tax id',
      'tax number',
      'tax identification',
      'tin',
      'sin',
      'id card',
      'identity card',
      'driver license',
      'drivers license',
      'driver licence',
      'drivers licence',
      'driving licence',
      'driving license',
    ),
  },
  {
    what: 'bank or card data',
    phrases: p('bank', 'bank account', 'account number', 'iban', 'bic', 'routing number', 'credit card', 'card number', 'debit card'),
  },
  {
    what: 'a home address',
    phrases: p(
      'home address',
      'home street',
      'home city',
      'home postal code',
      'home zip',
      'private address',
      'residential address',
      'residence',
    ),
  },
  {
    what: 'personal contact details',
    phrases: p(
      'personal phone',
      'personal mobile',
      'private phone',
      'private mobile',
      'home phone',
      'personal email',
      'private email',
      'personal mail',
      'private mail',
    ),
  },
];

/** Pay is confidential but legitimate (Viva Insights has HourlyRate): information, not a warning. */
const PAY_PHRASES = p('salary', 'wage', 'wages', 'compensation', 'pay rate', 'hourly rate', 'bonus', 'pay grade', 'payroll');

/** Words of a header: split at non-letters and at camel-case boundaries, lower-cased. */
export function headerWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function containsPhrase(words: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

export function sensitiveCategoryOf(name: string): string | undefined {
  const words = headerWords(name);
  for (const c of SENSITIVE_CATEGORIES) if (c.phrases.some((ph) => containsPhrase(words, ph))) return c.what;
  return undefined;
}

const VISIBLE = 'organizational data is visible to everyone in the tenant on profile cards and can reach Copilot';

/** The header (first chunk): column names that denote sensitive data, and which columns to sample. */
export function checkSensitiveHeader(ctx: RuleContext): void {
  for (const col of ctx.columns) {
    const name = col.name.trim();
    if (name.length === 0 || col.excluded) continue;
    const [s, e, extras] = atHeader(col);
    if (col.attribute?.confidential) {
      ctx.out.report(
        'pay-data',
        s,
        e,
        `${name} is confidential pay data: it is legitimate for Viva Insights, but make sure this file goes only to people meant to see pay.`,
        extras,
      );
      continue;
    }
    if (col.attribute) {
      // documented attributes are org data on purpose: only free-text ones can carry stray identifiers
      if (col.attribute.type === 'string') ctx.state.sampleColumns.push(col.index);
      continue;
    }
    const what = sensitiveCategoryOf(name);
    if (what) {
      ctx.out.report('sensitive-column', s, e, `'${name}' looks like ${what}. Remove this column before uploading: ${VISIBLE}.`, {
        ...extras,
        data: { category: what },
      });
      continue;
    }
    const words = headerWords(name);
    if (PAY_PHRASES.some((ph) => containsPhrase(words, ph))) {
      ctx.out.report(
        'pay-data',
        s,
        e,
        `'${name}' looks like pay data, which is confidential: ${VISIBLE}, so upload it only if everyone may see it.`,
        extras,
      );
      continue;
    }
    ctx.state.sampleColumns.push(col.index);
  }
}

interface Pattern {
  what: string;
  test: (v: string) => boolean;
}

const VALUE_PATTERNS: readonly Pattern[] = [
  { what: 'US social security numbers', test: (v) => /^(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$/.test(v) },
  { what: 'card numbers', test: isCardNumber },
  { what: 'IBANs', test: isIban },
  {
    what: 'UK national insurance numbers',
    test: (v) => /^(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]$/i.test(v),
  },
];

/** What a single value looks like, if it looks like an identifier or financial data (SSN, card, IBAN, NINO). */
export function identifierKind(v: string): string | undefined {
  return VALUE_PATTERNS.find((p) => p.test(v))?.what;
}

/** 13 to 19 digits (spaces or hyphens between groups allowed) that pass the Luhn check. */
export function isCardNumber(v: string): boolean {
  if (!/^\d(?:[ -]?\d){12,18}$/.test(v)) return false;
  const digits = v.replace(/[ -]/g, '');
  if (/^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Country code, check digits and up to 30 letters or digits that pass the mod-97 check. */
export function isIban(v: string): boolean {
  const s = v.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const n = code >= 65 ? String(code - 55) : ch;
    for (const digit of n) rem = (rem * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

/**
 * A column is said to hold identifiers when at least this many of its values, and this share of them,
 * look like one (our decision): a single stray value, such as a reference that happens to have an SSN's
 * shape, does not condemn a column; a real ID column, where nearly every value matches, is flagged.
 */
export const SENSITIVE_MIN_VALUES = 2;
export const SENSITIVE_MIN_SHARE = 0.05;
/** Cells linked from the finding. */
const RELATED = 5;

/**
 * Whether a cell can be one of the identifiers, from its first characters (no string is made): three
 * digits and then a digit, a hyphen or a space and a digit (an SSN or a card number), or two letters and
 * a digit, perhaps after a space (an IBAN, a NINO).
 */
function mayBeIdentifier(text: string, s: number, e: number): boolean {
  if (text.charCodeAt(s) === 34) {
    s++;
    e--;
  }
  const len = e - s;
  if (len < 9 || len > 40) return false;
  const c0 = text.charCodeAt(s);
  const c1 = text.charCodeAt(s + 1);
  const c2 = text.charCodeAt(s + 2);
  const c3 = text.charCodeAt(s + 3);
  if (isDigit(c0)) {
    return isDigit(c1) && isDigit(c2) && (isDigit(c3) || c3 === 45 || (c3 === 32 && isDigit(text.charCodeAt(s + 4))));
  }
  return isLetter(c0) && isLetter(c1) && (isDigit(c2) || (c2 === 32 && isDigit(c3)));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 122;
}

/** The hits of a column with none: shared, never added to. */
const NO_HITS: SensitiveSample['hits'] = new Map();

/**
 * Per chunk: every filled cell of the free-text columns is checked, so the verdict depends on the text
 * alone (not on how a document is split into blocks); a look at the first characters keeps it cheap.
 */
export function scanSensitiveValues(ctx: RuleContext): void {
  const { table, state, text } = ctx;
  const columns = state.sampleColumns;
  if (columns.length === 0 || !ctx.out.wants('sensitive-values')) return;
  // (one map of hits made per column that has some: a big file has thousands of chunks, most with none)
  const samples: SensitiveSample[] = columns.map(() => ({ sampled: 0, hits: NO_HITS }));
  // (a million cells for 100,000 rows: counts in a typed array, and a value string made only for a cell
  // whose first characters look like an identifier)
  const sampled = new Int32Array(columns.length);
  const cols = Int32Array.from(columns);
  const { cellStart, cellEnd, rowFirstCell } = table;
  // row by row: the cells of a row are near each other in the text
  for (let r = ctx.firstRow; r < table.rowCount; r++) {
    if (ctx.rowKind[r] !== RowKind.Data) continue;
    const first = rowFirstCell[r];
    for (let k = 0; k < cols.length; k++) {
      const cell = first + cols[k];
      if (isEmptyCell(table, cell)) continue;
      const s = cellStart[cell];
      const e = cellEnd[cell];
      sampled[k]++;
      if (!mayBeIdentifier(text, s, e)) continue;
      const sample = samples[k];
      const v = cellValue(table, cell).trim();
      if (isDeleteMarker(v)) continue;
      const pat = VALUE_PATTERNS.find((p) => p.test(v));
      if (!pat) continue;
      if (sample.hits === NO_HITS) sample.hits = new Map();
      let hit = sample.hits.get(pat.what);
      if (!hit) sample.hits.set(pat.what, (hit = { count: 0, ranges: [] }));
      hit.count++;
      if (hit.ranges.length < RELATED) hit.ranges.push(ctx.out.rangeOf(s, e));
    }
  }
  for (let k = 0; k < cols.length; k++) samples[k].sampled = sampled[k];
  columns.forEach((colIndex, k) => ctx.chunk.samples.set(colIndex, samples[k]));
}

/** When the file ends: each column's values over all chunks, in file order. */
export function finishSensitive(fin: FinishContext): void {
  const merged = new Map<number, SensitiveSample>();
  for (const { state: chunk, lineBase } of fin.state.chunks) {
    const shift = lineBase - chunk.recordedLineBase;
    for (const [colIndex, sample] of chunk.samples) {
      let m = merged.get(colIndex);
      if (!m) merged.set(colIndex, (m = { sampled: 0, hits: new Map() }));
      m.sampled += sample.sampled;
      for (const [what, hit] of sample.hits) {
        let h = m.hits.get(what);
        if (!h) m.hits.set(what, (h = { count: 0, ranges: [] }));
        h.count += hit.count;
        for (const r of hit.ranges) if (h.ranges.length < RELATED) h.ranges.push(shifted(r, shift));
      }
    }
  }
  for (const [colIndex, sample] of merged) {
    // the pattern most values match, the first on a tie
    const best = [...sample.hits.entries()].sort((a, b) => b[1].count - a[1].count)[0];
    if (!best) continue;
    const [what, hit] = best;
    const flagged =
      hit.count === sample.sampled || (hit.count >= SENSITIVE_MIN_VALUES && hit.count >= SENSITIVE_MIN_SHARE * sample.sampled);
    if (!flagged) continue;
    const col = fin.columns[colIndex];
    fin.out.reportRange(
      'sensitive-values',
      fin.state.columnRanges[colIndex],
      `Values in '${col.name.trim()}' look like ${what} (${hit.count.toLocaleString('en-US')} of ${sample.sampled.toLocaleString('en-US')} values; orgdata flags a column when at least ${SENSITIVE_MIN_VALUES} values and ${SENSITIVE_MIN_SHARE * 100}% of them look so). Remove this column before uploading: ${VISIBLE}.`,
      { attribute: col.name.trim(), data: { category: what, matches: hit.count, values: sample.sampled } },
      hit.ranges.map((range) => ({ range, message: `looks like one of the ${what}` })),
    );
  }
}

export const sensitiveRules: RuleModule = {
  name: 'sensitive',
  codes: ['sensitive-column', 'sensitive-values', 'pay-data'],
  header: checkSensitiveHeader,
  rows: scanSensitiveValues,
  finish: finishSensitive,
};
