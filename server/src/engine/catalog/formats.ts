/**
 * Value formats: email addresses, numbers and dates as the uploaders accept them. Each checker returns
 * undefined when the value is fine, or the reason (without the value itself: messages never repeat
 * personal data, since CLI output ends up in CI logs).
 */
import type { DateFormat } from './settings';
import { ownCopy } from '../text/strings';
import { HASH_MUL1, HASH_MUL2, HASH_SEED1, HASH_SEED2, hashFinishedInto } from '../text/hash';

// A mailbox address as Entra UPNs and SMTP addresses use it: a dot-atom local part, one @, and a domain
// of at least two labels.
/** A mailbox address (kept as the specification of isMailbox, which a test holds to it). */
export const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Characters of a dot-atom local part (RFC 5322 atext), by code. */
const ATEXT = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~-") ATEXT[ch.charCodeAt(0)] = 1;

/**
 * The same test as EMAIL, by hand: this runs on two cells of every row, and a loop over character codes
 * is several times faster than the regular expression.
 */
export function isMailbox(v: string): boolean {
  return isMailboxAt(v, 0, v.length);
}

/**
 * isMailbox of text[s, n), read where it lies: the people rules test a cell without making its string.
 * With `key`, a valid address's hash64 of its lower-cased text goes there, made in the same pass (the
 * people rules key people by it: reading the address once for both took 110 ms where two passes took 165,
 * on 600,000 cells).
 */
export function isMailboxAt(v: string, s: number, n: number, key?: Int32Array): boolean {
  let h1 = HASH_SEED1;
  let h2 = HASH_SEED2;
  // local part, up to the first @: atoms of atext separated by single dots (the @ is looked for within the
  // span only: indexOf would search on past it, through the rest of a chunk that has none)
  let prevDot = true;
  let at = s;
  for (; at < n; at++) {
    let c = v.charCodeAt(at);
    if (c === 64) break;
    if (c === 46) {
      if (prevDot) return false;
      prevDot = true;
    } else if (c < 128 && ATEXT[c] === 1) prevDot = false;
    else return false;
    if (c >= 65 && c <= 90) c += 32;
    h1 = Math.imul(h1 ^ c, HASH_MUL1);
    h2 = Math.imul(h2 ^ c, HASH_MUL2);
  }
  if (at === s || at >= n - 1) return false;
  if (prevDot) return false;
  h1 = Math.imul(h1 ^ 64, HASH_MUL1);
  h2 = Math.imul(h2 ^ 64, HASH_MUL2);
  // most addresses of a file share a domain or two: one already found valid is not checked again
  const known = n - at - 1 === knownDomain.length && v.startsWith(knownDomain, at + 1);
  if (known && !key) return true;
  // domain: labels of letters, digits and inner hyphens, at least two, the last starting with a letter
  let labels = 0;
  let labelStart = at + 1;
  for (let i = at + 1; i <= n; i++) {
    let c = i < n ? v.charCodeAt(i) : 46;
    if (!known) {
      if (c === 46) {
        const len = i - labelStart;
        if (len === 0 || len > 63 || v.charCodeAt(labelStart) === 45 || v.charCodeAt(i - 1) === 45) return false;
        labels++;
        if (i === n) {
          const first = v.charCodeAt(labelStart);
          if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return false;
        }
        labelStart = i + 1;
      } else if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45)) return false;
    }
    if (i === n || !key) continue;
    if (c >= 65 && c <= 90) c += 32;
    h1 = Math.imul(h1 ^ c, HASH_MUL1);
    h2 = Math.imul(h2 ^ c, HASH_MUL2);
  }
  if (!known) {
    if (labels < 2) return false;
    // a copy: a slice would keep the whole document it was cut from alive
    knownDomain = ownCopy(v.slice(at + 1, n));
  }
  if (key) hashFinishedInto(h1, h2, key, 0);
  return true;
}

/** The domain isMailbox last found valid. */
let knownDomain = '';

export function emailProblem(v: string): string | undefined {
  if (isMailbox(v)) return undefined;
  const at = v.split('@').length - 1;
  if (at === 0) return 'it has no @';
  if (at > 1) return 'it has more than one @';
  const [local, domain] = v.split('@');
  if (local.length === 0) return 'nothing comes before the @';
  if (domain.length === 0) return 'nothing comes after the @';
  if (/\s/.test(v)) return 'it contains a space';
  if (!domain.includes('.')) return 'the domain after the @ has no dot';
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return 'the part before the @ has a misplaced dot';
  if (/[^\x21-\x7e]/.test(v)) return 'it contains characters that are not allowed in an address';
  return 'it is not of the form name@domain.com';
}

export function integerProblem(v: string): string | undefined {
  if (/^-?[0-9]+$/.test(v)) return undefined;
  if (/^-?[0-9]{1,3}([,.\u00a0 ][0-9]{3})+$/.test(v)) return 'it has a thousands separator: write the digits only, such as 1000';
  if (/^-?[0-9]*[.,][0-9]+$/.test(v)) return 'it has decimals: round it to a whole number';
  return 'it is not a number: write digits only, such as 2';
}

/**
 * A number written in a style the upload does not read, as the plain number it means (currency signs and
 * codes, spaces, thousands separators and a decimal comma taken out), or undefined when that is not plain
 * either or the reading is not sure (1,234 could be either).
 */
export function numberRepair(v: string): string | undefined {
  let t = v.replace(/[$€£¥₹]|\b(?:USD|EUR|GBP)\b/gi, '').replace(/[\s\u00a0]/g, '');
  if (/^-?[0-9]{1,3}(,[0-9]{3})+\.[0-9]+$/.test(t)) t = t.replace(/,/g, '');
  else if (/^-?[0-9]{1,3}(\.[0-9]{3})+,[0-9]+$/.test(t)) t = t.replace(/\./g, '').replace(',', '.');
  else if (/^-?[0-9]+,[0-9]{1,2}$/.test(t)) t = t.replace(',', '.');
  return t !== v && /^-?(?:[0-9]+(?:\.[0-9]+)?)$/.test(t) ? t : undefined;
}

export function numberProblem(v: string): string | undefined {
  if (/^-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$/.test(v)) return undefined;
  if (/[$€£¥₹]|\b(?:USD|EUR|GBP)\b/i.test(v)) return 'it has a currency sign: remove it';
  if (/^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$/.test(v)) return 'it has thousands separators: remove them';
  if (/^-?[0-9]+,[0-9]+$/.test(v)) return 'it uses a comma for decimals: use a point, such as 52.5';
  if (/%\s*$/.test(v)) return 'it has a percent sign: remove it';
  return 'it is not a number: write it like 52.5';
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const NUMERIC = /^([0-9]{1,4})([/-])([0-9]{1,2})\2([0-9]{2,4})(?:[ T].*)?$/;
const LONG = /^(?:([A-Za-z]+),\s*)?([A-Za-z]+)\s+([0-9]{1,2}),\s*([0-9]{4})$/;
const SHORT_MONTH = /^([0-9]{1,2})-([A-Za-z]{3})-([0-9]{2}|[0-9]{4})$/;

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n < 50 ? 2000 + n : 1900 + n) : n;
}

function daysIn(month: number, year: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function checkDay(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  if (day < 1 || day > daysIn(month, year)) return `day ${day} does not exist in ${cap(MONTHS[month - 1])} ${year}`;
  return undefined;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Dates in the family set by orgdata.dateFormat, plus the long forms both families accept
 * ("Wednesday, March 14, 2012", "March 14, 2012", "14-Mar-2012", "14-Mar-12"). A time after the date
 * ("12/1/2020 12:00:00 AM") is accepted, as Microsoft's uploader does.
 */
export function dateProblem(v: string, format: DateFormat): string | undefined {
  const d = parseDate(v, format);
  return typeof d === 'string' ? d : undefined;
}

/** The date as YYYYMMDD when it is one (read as dateProblem reads it), or the reason it is not. */
export function parseDate(v: string, format: DateFormat): number | string {
  const m = NUMERIC.exec(v);
  if (m) {
    const [, a, sep, b, c] = m;
    if (a.length === 4) {
      if (sep !== '-') return `a date that starts with the year is written ${format === 'MM/DD/YYYY' ? 'YYYY-MM-DD' : 'YYYY-DD-MM'}`;
      if (c.length > 2) return `use ${format} or ${format === 'MM/DD/YYYY' ? 'YYYY-MM-DD' : 'YYYY-DD-MM'}`;
      const year = Number(a);
      const [month, day] = format === 'MM/DD/YYYY' ? [Number(b), Number(c)] : [Number(c), Number(b)];
      const problem = checkDay(year, month, day);
      return problem ? `${problem} in ${format === 'MM/DD/YYYY' ? 'YYYY-MM-DD' : 'YYYY-DD-MM'}: correct the date` : ymd(year, month, day);
    }
    if (a.length > 2 || c.length === 3) return `use ${format}`;
    const year = fullYear(c);
    const [month, day] = format === 'MM/DD/YYYY' ? [Number(a), Number(b)] : [Number(b), Number(a)];
    const problem = checkDay(year, month, day);
    if (problem && month > 12 && day <= 12) {
      const other = format === 'MM/DD/YYYY' ? 'DD/MM/YYYY' : 'MM/DD/YYYY';
      return `${problem} in ${format}; it reads as ${other}: fix the date, or set orgdata.dateFormat to ${other}`;
    }
    return problem ? `${problem} in ${format}: correct the date` : ymd(year, month, day);
  }
  const l = LONG.exec(v);
  if (l) {
    const [, weekday, monthName, d, y] = l;
    const month = MONTHS.indexOf(monthName.toLowerCase()) + 1;
    if (month === 0) return 'the month is not a month name: write it in full, as in March 14, 2012';
    const year = Number(y);
    const day = Number(d);
    const problem = checkDay(year, month, day);
    if (problem) return `${problem}: correct the date`;
    if (weekday) {
      const wd = WEEKDAYS.indexOf(weekday.toLowerCase());
      if (wd < 0) return 'the weekday is not a day of the week: write it in full, as in Wednesday, March 14, 2012';
      const actual = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
      if (actual !== wd)
        return `${cap(MONTHS[month - 1])} ${day}, ${year} was a ${cap(WEEKDAYS[actual])}, not a ${cap(WEEKDAYS[wd])}: correct the weekday or the date`;
    }
    return ymd(year, month, day);
  }
  const s = SHORT_MONTH.exec(v);
  if (s) {
    const [, d, mon, y] = s;
    const month = MONTHS.findIndex((x) => x.startsWith(mon.toLowerCase())) + 1;
    if (month === 0) return 'the month is not a month abbreviation: write it like 14-Mar-2012';
    const problem = checkDay(fullYear(y), month, Number(d));
    return problem ? `${problem}: correct the date` : ymd(fullYear(y), month, Number(d));
  }
  return `it is not in a date format the upload reads: write it as ${format === 'MM/DD/YYYY' ? 'M/D/YYYY, such as 3/14/2012' : 'D/MM/YYYY, such as 14/03/2012'}`;
}

function ymd(year: number, month: number, day: number): number {
  return year * 10000 + month * 100 + day;
}

const ADDRESS = /[^\s,;:|<>()"']+@[^\s,;:|<>()"']+/g;

/**
 * The email addresses in a cell that may hold several (assistants, dot-line managers with labels), with
 * where each starts: entries separated by semicolons or commas, each an address with perhaps a label
 * around it. The format of Microsoft_DotLineManagersEmailAndLabel is not published: this reading is ours
 * (README).
 */
export function addressMatches(value: string): { address: string; index: number }[] {
  return [...value.matchAll(ADDRESS)].map((m) => ({ address: m[0], index: m.index! }));
}

export function addressesIn(value: string): string[] {
  return addressMatches(value).map((m) => m.address);
}
