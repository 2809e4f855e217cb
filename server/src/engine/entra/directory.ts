/**
 * Entra ID users, from the admin center's "Download users" CSV (ENTRADL: any column order and case) or
 * Graph JSON (user objects as an array, or Graph's `{"value": [...]}` pages, or an array of such pages):
 * for the cross-check of people and managers, the precedence of values and the export preview.
 *
 * Made for a whole tenant (300,000 users, one read per change of the file): a CSV is scanned with the
 * engine's own parser and kept as parsed, offsets and no object per user; every address a user answers to
 * (userPrincipalName, mail, the smtp: proxy addresses) goes into one hash index, so that a person cell is
 * matched with the hash the people rules already computed; a user's values are read only when asked.
 *
 * Values: in JSON an empty string is a value (it wins over organizational data, as Microsoft documents)
 * and null or a missing property is none; a CSV cannot tell the two apart, so an empty CSV cell is none.
 */
import {
  CellSpans,
  cellValue,
  detectDelimiter,
  isBlankRow,
  parseCsv,
  rowCellCount,
  trimmedSpan,
  valueSpan,
  type CsvTable,
} from '../text/csv';
import { HashIndex } from '../text/hash';
import { hash64, hashKeySpanInto, isAsciiSpace } from '../text/hash';

/** The user properties read, by their Graph names (the download's own names are aliases below). */
export const ENTRA_PROPERTIES = [
  'userPrincipalName',
  'mail',
  'displayName',
  'givenName',
  'surname',
  'jobTitle',
  'department',
  'companyName',
  'officeLocation',
  'streetAddress',
  'city',
  'state',
  'country',
  'postalCode',
  'employeeHireDate',
  'objectId',
  'userType',
  'accountEnabled',
  'telephoneNumber',
  'mobile',
  'proxyAddresses',
  'otherMails',
] as const;
export type EntraProperty = (typeof ENTRA_PROPERTIES)[number];
/** Properties that hold several values: a JSON array, or in a CSV cell separated by semicolons, commas or spaces. */
type ListProperty = 'proxyAddresses' | 'otherMails' | 'telephoneNumber';
const LISTS = new Set<EntraProperty>(['proxyAddresses', 'otherMails', 'telephoneNumber']);

export interface EntraManager {
  address?: string;
  objectId?: string;
  displayName?: string;
}

export interface EntraUser {
  /** the user's number in the directory */
  index: number;
  /** single values; lists (proxy addresses, other mails, business phones) are in `lists` */
  values: Partial<Record<Exclude<EntraProperty, ListProperty>, string>>;
  lists: Record<ListProperty, string[]>;
  /** the manager, when Graph JSON has it expanded (the download has no manager) */
  manager?: EntraManager;
  enabled: boolean;
  guest: boolean;
}

export class EntraFileError extends Error {}

const normalize = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]/g, '');
const BY_NORMALIZED = new Map<string, EntraProperty>(ENTRA_PROPERTIES.map((p) => [normalize(p), p]));
// the download's names where they differ from Graph's (ENTRADL), Graph's own (id, mobilePhone, businessPhones),
// and the friendlier headers of older downloads and hand-made files
for (const [alias, prop] of [
  ['physicaldeliveryofficename', 'officeLocation'],
  ['id', 'objectId'],
  ['mobilephone', 'mobile'],
  ['businessphones', 'telephoneNumber'],
  ['officephone', 'telephoneNumber'],
  ['firstname', 'givenName'],
  ['lastname', 'surname'],
  ['company', 'companyName'],
  ['office', 'officeLocation'],
  ['street', 'streetAddress'],
  ['zip', 'postalCode'],
  ['ziporpostalcode', 'postalCode'],
  ['countryorregion', 'country'],
  ['upn', 'userPrincipalName'],
  ['email', 'mail'],
  ['hiredate', 'employeeHireDate'],
] as const) {
  BY_NORMALIZED.set(alias, prop);
}
/** Older downloads say "Block sign in" (Yes/No) where Graph says accountEnabled. */
const BLOCK_SIGN_IN = 'blocksignin';

/** How a user's values are kept: the parsed CSV, or the JSON objects. */
interface UserStore {
  readonly count: number;
  /**
   * The hashes of user u's user principal name and mail as keys (trimmed, lower-cased), in out[0..1] and
   * out[2..3]: how many. A blank one is none, and a mail written as the user principal name is one key.
   */
  keysInto(user: number, out: Int32Array): number;
  /** whether user u's value of `prop`, trimmed, is one of `words` (lower case) */
  isOneOf(user: number, prop: EntraProperty, words: readonly string[]): boolean;
  has(prop: EntraProperty): boolean;
  /** the parsed CSV and the column of each property (-1: none), for comparisons without strings */
  readonly table?: CsvTable;
  column?(prop: EntraProperty): number;
  value(user: number, prop: EntraProperty): string | undefined;
  list(user: number, prop: ListProperty): string[];
  manager(user: number): EntraManager | undefined;
  /** accountEnabled as written, or the inverse of "Block sign in"; undefined when the file says neither */
  enabled(user: number): boolean | undefined;
}

export class EntraDirectory {
  /** users that answer to at least one address */
  readonly users: number;
  private readonly index: HashIndex;
  /** bit 1: account disabled; bit 2: guest; bit 4: answers to an address */
  private readonly flags: Uint8Array;
  /** the download's cells (none for Graph JSON), for comparing values where they lie */
  private readonly cells?: CellSpans;

  constructor(
    private readonly store: UserStore,
    readonly source: string,
  ) {
    if (store.table) this.cells = new CellSpans(store.table);
    this.flags = new Uint8Array(store.count);
    this.index = new HashIndex(store.count);
    const keys = new Int32Array(4);
    const proxies = store.has('proxyAddresses');
    const userType = store.has('userType');
    let users = 0;
    for (let u = 0; u < store.count; u++) {
      const n = store.keysInto(u, keys);
      // (the first user with an address keeps it)
      for (let k = 0; k < n; k++) this.index.getOrSet(keys[2 * k], keys[2 * k + 1], u);
      let any = n > 0;
      if (proxies) {
        for (const proxy of store.list(u, 'proxyAddresses')) {
          const address = smtpAddress(proxy);
          if (!address) continue;
          this.index.getOrSet(...hash64(address), u);
          any = true;
        }
      }
      if (!any) continue;
      users++;
      // B2B guests have #EXT# in their user principal name; userType says it outright where the file has it
      const guest = userType
        ? store.isOneOf(u, 'userType', ['guest'])
        : (store.value(u, 'userPrincipalName') ?? '').toUpperCase().includes('#EXT#');
      this.flags[u] = (store.enabled(u) === false ? 1 : 0) | (guest ? 2 : 0) | 4;
    }
    this.users = users;
  }

  /** The user with this address (as the people rules key it: trimmed, lower-cased), or -1. */
  matchKey(key: string): number {
    return this.matchHash(...hash64(key));
  }

  /** The same by the address's hash (hash64 of the key), which the people rules compute anyway. */
  matchHash(h1: number, h2: number): number {
    return this.index.get(h1, h2);
  }

  /** The user with this address, as written in a cell (any case, spaces around), or undefined. */
  find(address: string): EntraUser | undefined {
    const u = this.matchKey(address.trim().toLowerCase());
    return u < 0 ? undefined : this.user(u);
  }

  value(u: number, prop: Exclude<EntraProperty, ListProperty>): string | undefined {
    return this.store.value(u, prop);
  }

  isDisabled(u: number): boolean {
    return (this.flags[u] & 1) !== 0;
  }

  isGuest(u: number): boolean {
    return (this.flags[u] & 2) !== 0;
  }

  /** Enabled member users: those whose profile organizational data is for. */
  isEnabledMember(u: number): boolean {
    return this.flags[u] === 4;
  }

  /** Whether the file has the property at all (a download has no companyName, for one). */
  has(prop: EntraProperty): boolean {
    return this.store.has(prop);
  }

  /** The download's column of a property, for mayDiffer; -1 for Graph JSON, or a column the file lacks. */
  columnOf(prop: EntraProperty): number {
    return this.store.column?.(prop) ?? -1;
  }

  /**
   * Which of a row's cells may not hold user u's value of their property: bit i for cell
   * `first + cells[i]`, whose property is `props[i]` (the download's column `columns[i]`, from columnOf),
   * set unless the cell is blank, the user has no value, or the cell's trimmed text is the value. The
   * download's value is compared where it lies in its text, a Graph value as the string it is: no string
   * is made, and a value of another length is ruled out without reading it. The caller compares the
   * values of the bits set. At most 31 cells.
   */
  mayDiffer(
    u: number,
    row: CellSpans,
    first: number,
    cells: Int32Array,
    props: readonly Exclude<EntraProperty, ListProperty>[],
    columns: Int32Array,
  ): number {
    const download = this.cells;
    const span = this.span;
    let bits = 0;
    for (let i = 0; i < cells.length; i++) {
      const cell = first + cells[i];
      if (row.end[cell] === row.start[cell]) continue;
      let value: string;
      let from = 0;
      let to: number;
      if (download && columns[i] >= 0) {
        const at = download.rowFirstCell[u + 1] + columns[i];
        if (at >= download.rowFirstCell[u + 2]) continue;
        // (a value with a doubled quote: compared as a string by the caller)
        if (!valueSpan(download, at, span)) {
          bits |= 1 << i;
          continue;
        }
        if (span[1] === span[0]) continue;
        value = download.text;
        from = span[0];
        to = span[1];
      } else {
        // (in JSON an empty string is a value, which hides the uploaded one: no cell left after trimming is empty)
        const v = this.store.value(u, props[i]);
        if (v === undefined) continue;
        value = v;
        to = v.length;
      }
      if (!trimmedSpan(row, cell, span) || !sameText(row.text, span[0], span[1], value, from, to)) bits |= 1 << i;
    }
    return bits;
  }

  private readonly span = new Int32Array(2);

  /** How many user slots there are (users without an address included), for arrays indexed by user. */
  get slots(): number {
    return this.store.count;
  }

  /** The address to name a user by: the user principal name, else the mail. */
  nameOf(u: number): string {
    return (this.store.value(u, 'userPrincipalName') ?? this.store.value(u, 'mail') ?? '').trim();
  }

  user(u: number): EntraUser {
    const values: EntraUser['values'] = {};
    for (const p of ENTRA_PROPERTIES) {
      if (LISTS.has(p)) continue;
      const v = this.store.value(u, p);
      if (v !== undefined) values[p as Exclude<EntraProperty, ListProperty>] = v;
    }
    const user: EntraUser = {
      index: u,
      values,
      lists: {
        proxyAddresses: this.store.list(u, 'proxyAddresses'),
        otherMails: this.store.list(u, 'otherMails'),
        telephoneNumber: this.store.list(u, 'telephoneNumber'),
      },
      enabled: !this.isDisabled(u),
      guest: this.isGuest(u),
    };
    const manager = this.store.manager(u);
    if (manager) user.manager = manager;
    return user;
  }
}

/** Whether a.slice(aFrom, aTo) equals b.slice(bFrom, bTo), read in place. */
function sameText(a: string, aFrom: number, aTo: number, b: string, bFrom: number, bTo: number): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false;
  for (let i = aFrom, j = bFrom; i < aTo; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

/** How accountEnabled says false: the one way an account is disabled. */
const FALSE_WORDS = ['false', 'no', '0'];
const FALSE = new RegExp(`^\\s*(${FALSE_WORDS.join('|')})\\s*$`, 'i');

/** accountEnabled written as false, with any white space around. */
function isFalse(v: string | undefined): boolean {
  return v !== undefined && FALSE.test(v);
}

/**
 * Whether text.slice(start, end), trimmed and lower-cased, is one of `words` (lower-case ASCII), read in
 * place; undefined when the span holds a character past ASCII, for the caller to ask the string.
 */
function spanIsOneOf(text: string, start: number, end: number, words: readonly string[]): boolean | undefined {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) >= 128) return undefined;
  while (start < end && isAsciiSpace(text.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(text.charCodeAt(end - 1))) end--;
  next: for (const word of words) {
    if (word.length !== end - start) continue;
    for (let i = 0; i < word.length; i++) {
      const ch = text.charCodeAt(start + i);
      if ((ch >= 65 && ch <= 90 ? ch + 32 : ch) !== word.charCodeAt(i)) continue next;
    }
    return true;
  }
  return false;
}

/** The address of a proxy address entry: `smtp:` or `SMTP:` (the primary), or a bare address; other kinds (x500:, sip:) none. */
function smtpAddress(proxy: string): string | undefined {
  const p = proxy.trim();
  const colon = p.indexOf(':');
  if (colon < 0) return p.includes('@') ? p.toLowerCase() : undefined;
  if (p.slice(0, colon).toLowerCase() !== 'smtp') return undefined;
  const address = p.slice(colon + 1).trim();
  return address ? address.toLowerCase() : undefined;
}

export function parseEntraUsers(text: string, name: string): EntraDirectory {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const first = /\S/.exec(text.length > 4096 ? text.slice(start, 4096) : text.slice(start));
  if (!first) throw new EntraFileError(`${name} is empty`);
  const store = first[0] === '[' || first[0] === '{' ? jsonStore(text, name) : csvStore(text, name);
  return new EntraDirectory(store, name);
}

/** The parsed download: the value of user u is a cell of row u + 1, read when asked. */
function csvStore(text: string, name: string): UserStore {
  const table: CsvTable = parseCsv(text, undefined, detectDelimiter(text));
  if (table.unclosedQuotes.length > 0)
    throw new EntraFileError(`${name} is not a readable CSV file (a quote opened at offset ${table.unclosedQuotes[0]} never closes)`);
  const columns = new Map<EntraProperty, number>();
  let blockSignIn = -1;
  for (let c = 0; c < rowCellCount(table, 0); c++) {
    const header = normalize(cellValue(table, table.rowFirstCell[0] + c));
    const prop = BY_NORMALIZED.get(header);
    if (prop && !columns.has(prop)) columns.set(prop, c);
    if (header === BLOCK_SIGN_IN) blockSignIn = c;
  }
  if (!columns.has('userPrincipalName') && !columns.has('mail')) {
    throw new EntraFileError(`${name} has no userPrincipalName or mail column, so its users cannot be matched to people`);
  }
  let rows = 0;
  for (let r = 1; r < table.rowCount && rows === 0; r++) if (!isBlankRow(table, r)) rows++;
  if (rows === 0) throw new EntraFileError(`${name} holds no Entra ID users: it has a header row and no user below it`);
  const col: Record<string, number> = {};
  for (const p of ENTRA_PROPERTIES) col[p] = columns.get(p) ?? -1;
  const cellOf = (u: number, c: number): number => (c >= 0 && c < rowCellCount(table, u + 1) ? table.rowFirstCell[u + 1] + c : -1);
  const cell = (u: number, c: number): string | undefined => {
    const at = cellOf(u, c);
    if (at < 0) return undefined;
    const v = cellValue(table, at);
    return v === '' ? undefined : v;
  };
  const at = (u: number, prop: EntraProperty): number => {
    const c = col[prop];
    const first = table.rowFirstCell[u + 1];
    return c >= 0 && c < table.rowFirstCell[u + 2] - first ? first + c : -1;
  };
  const cells = new CellSpans(table);
  const span = new Int32Array(2);
  /** The key of an address cell into out[at], where it can without the string; false when blank. */
  const keyInto = (cell: number, out: Int32Array, at: number): boolean => {
    if (cell < 0 || cells.end[cell] === cells.start[cell]) return false;
    if (valueSpan(cells, cell, span) && hashKeySpanInto(cells.text, span[0], span[1], out, at)) return true;
    const key = cellValue(table, cell).trim().toLowerCase();
    if (!key) return false;
    const [h1, h2] = hash64(key);
    out[at] = h1;
    out[at + 1] = h2;
    return true;
  };
  return {
    count: Math.max(0, table.rowCount - 1),
    has: (prop) => col[prop] >= 0,
    keysInto: (u, out) => {
      const upn = at(u, 'userPrincipalName');
      const mail = at(u, 'mail');
      const n = keyInto(upn, out, 0) ? 1 : 0;
      // (most users' mail is their user principal name: the same text, the same key, indexed once)
      if (
        n === 1 &&
        mail >= 0 &&
        sameText(table.text, table.cellStart[upn], table.cellEnd[upn], table.text, table.cellStart[mail], table.cellEnd[mail])
      )
        return n;
      return keyInto(mail, out, 2 * n) ? n + 1 : n;
    },
    isOneOf: (u, prop, words) => {
      const where = at(u, prop);
      if (where < 0) return false;
      const fast = valueSpan(cells, where, span) ? spanIsOneOf(table.text, span[0], span[1], words) : undefined;
      if (fast !== undefined) return fast;
      return words.includes(cellValue(table, where).trim().toLowerCase());
    },
    table,
    column: (prop) => col[prop],
    value: (u, prop) => cell(u, col[prop]),
    list: (u, prop) => {
      const v = cell(u, col[prop]);
      if (v === undefined) return [];
      // one phone number has spaces; addresses are split on spaces too
      return (prop === 'telephoneNumber' ? v.split(/[;,]/) : v.split(/[;,\s]+/)).map((s) => s.trim()).filter(Boolean);
    },
    manager: () => undefined,
    enabled: (u) => {
      const enabled = at(u, 'accountEnabled');
      if (enabled >= 0) {
        const no = valueSpan(cells, enabled, span) ? spanIsOneOf(table.text, span[0], span[1], FALSE_WORDS) : undefined;
        return !(no ?? isFalse(cellValue(table, enabled)));
      }
      const blocked = cell(u, blockSignIn);
      return blocked === undefined ? undefined : !/^(true|yes|1)$/i.test(blocked.trim());
    },
  };
}

interface JsonUser {
  values: Partial<Record<EntraProperty, string>>;
  lists: Partial<Record<ListProperty, string[]>>;
  enabled?: boolean;
  manager?: EntraManager;
}

function jsonStore(text: string, name: string): UserStore {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new EntraFileError(`${name} is not valid JSON (${e instanceof Error ? e.message : 'parse error'})`);
  }
  // a user list, a Graph page ({"value": [...]}), or the pages of a paged download saved as one array
  const pageOf = (d: unknown): unknown[] | undefined => {
    const v = (d as { value?: unknown } | null)?.value;
    return Array.isArray(v) ? v : undefined;
  };
  let list: unknown[] | undefined = Array.isArray(data) ? data : pageOf(data);
  if (Array.isArray(data) && data.length > 0 && data.every((d) => pageOf(d))) list = data.flatMap((d) => pageOf(d)!);
  if (!list) throw new EntraFileError(`${name} must hold a JSON array of Graph user objects (or a Graph response with "value")`);
  const users: JsonUser[] = list
    .filter((u): u is Record<string, unknown> => !!u && typeof u === 'object' && !Array.isArray(u))
    .map(readJsonUser);
  if (!users.some((u) => u.values.userPrincipalName || u.values.mail)) {
    throw new EntraFileError(
      `${name} holds no Entra ID users: ${list.length === 0 ? 'its list is empty' : `none of its ${list.length} ${list.length === 1 ? 'item is a user object' : 'items is a user object'} with a userPrincipalName or mail`} (export the users with Get-MgUser or Graph's /users)`,
    );
  }
  const present = new Set<EntraProperty>(users.flatMap((u) => [...Object.keys(u.values), ...Object.keys(u.lists)] as EntraProperty[]));
  if (users.some((u) => u.enabled !== undefined)) present.add('accountEnabled');
  return {
    count: users.length,
    has: (prop) => present.has(prop),
    keysInto: (u, out) => {
      let n = 0;
      const upn = users[u].values.userPrincipalName?.trim().toLowerCase();
      for (const key of [upn, users[u].values.mail?.trim().toLowerCase()]) {
        if (!key || (n === 1 && key === upn)) continue;
        [out[2 * n], out[2 * n + 1]] = hash64(key);
        n++;
      }
      return n;
    },
    isOneOf: (u, prop, words) => {
      const v = users[u].values[prop];
      return v !== undefined && words.includes(v.trim().toLowerCase());
    },
    value: (u, prop) => users[u].values[prop],
    list: (u, prop) => users[u].lists[prop] ?? [],
    manager: (u) => users[u].manager,
    enabled: (u) => users[u].enabled,
  };
}

function readJsonUser(u: Record<string, unknown>): JsonUser {
  const user: JsonUser = { values: {}, lists: {} };
  for (const [key, v] of Object.entries(u)) {
    const prop = BY_NORMALIZED.get(normalize(key));
    if (!prop) continue;
    if (prop === 'accountEnabled') {
      if (typeof v === 'boolean') user.enabled = v;
      else if (typeof v === 'string') user.enabled = !isFalse(v);
    } else if (LISTS.has(prop)) {
      const items = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
      user.lists[prop as ListProperty] = [...(user.lists[prop as ListProperty] ?? []), ...items];
    } else if (typeof v === 'string') user.values[prop] = v;
  }
  const m = u.manager;
  if (typeof m === 'string') user.manager = { address: m };
  else if (m && typeof m === 'object') {
    const o = m as Record<string, unknown>;
    const str = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    const manager: EntraManager = {};
    const address = str('userPrincipalName') ?? str('mail');
    if (address) manager.address = address;
    if (str('id')) manager.objectId = str('id');
    if (str('displayName')) manager.displayName = str('displayName');
    if (Object.keys(manager).length > 0) user.manager = manager;
  }
  return user;
}
