/**
 * Preview Export: the profile JSON a person's "Export data" will hold after the upload, built from one row
 * with the upload rules applied (name group, '' deletes, a blank keeps, Layer -1 deletes) and merged with
 * Entra ID by precedence. The `UserProfileInfo` part keeps the export's shape; everything we explain
 * lives beside it, in `orgdataPreview`, so the JSON stays faithful.
 */
import { attributesOf, findAttribute, isDeleteMarker, type AttributeDef } from '../catalog/catalog';
import { cellValue, isEmptyCell } from '../text/csv';
import { cellAt, columnOf, RowKind, type Column, type RuleContext } from '../analysis/context';
import type { EntraDirectory, EntraManager, EntraUser } from '../entra/directory';
import { addressMatches, emailProblem, parseDate } from '../catalog/formats';

export const SOURCES = {
  entra: { id: '4ce763dd-9214-4eff-af7c-da491cc3782d', type: 'AAD', label: 'Entra ID' },
  ods: { id: '7986c642-b494-4140-8df4-f5ed125e2c67', type: 'OrganizationalDataInMicrosoft365', label: 'Organizational data' },
  skills: { id: '75d4238e-b142-4d2d-aed9-232b830b8706', type: 'SkillsInViva', label: 'People Skills' },
} as const;
/** The sources that compete by precedence for a single-valued property. */
type SourceKey = 'entra' | 'ods';

export type Precedence = 'entra' | 'organizationalData';

export interface PreviewOptions {
  precedence: Precedence;
  entra?: EntraDirectory;
  /** why no Entra ID data could be read, shown in the notes */
  entraProblem?: string;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

export interface ExportPreview {
  UserProfileInfo: { names: JsonObject[]; positions: JsonObject[]; emails: JsonObject[]; phones: JsonObject[]; skills: JsonObject[] };
  orgdataPreview: JsonObject;
}

/** Item properties in the export's order, so that previews read like real exports. */
const ORDER: Record<string, string[]> = {
  names: ['displayName', 'first', 'last'],
  positions: [
    'detail/jobTitle',
    'detail/secondaryJobTitle',
    'detail/role',
    'detail/level',
    'detail/layer',
    'detail/company/displayName',
    'detail/company/companyCode',
    'detail/company/department',
    'detail/company/officeLocation',
    'detail/company/address/street',
    'detail/company/address/city',
    'detail/company/address/state',
    'detail/company/address/countryOrRegion',
    'detail/company/address/postalCode',
    'detail/company/address/postOfficeBox',
    'manager',
    'colleagues',
  ],
};

/** What this row's upload does to one property. */
type CellEffect = { kind: 'value'; value: Json } | { kind: 'deleted' } | { kind: 'unchanged' } | { kind: 'dropped'; why: string };

interface Property {
  attribute: string;
  collection: 'names' | 'positions';
  path: string;
  ods?: CellEffect;
  entra?: Json;
}

export interface PersonEntry {
  email: string;
  name: string;
  /** zero-based line of the row */
  line: number;
  row: number;
}

/** The people of the file, for the quick pick: every data row with a person email. */
export function peopleOf(doc: RuleContext): PersonEntry[] {
  const personCol = columnOf(doc, (a) => a.role === 'person');
  if (!personCol) return [];
  const display = columnOf(doc, (a) => a.profilePath === 'names/displayName');
  const first = columnOf(doc, (a) => a.profilePath === 'names/first');
  const last = columnOf(doc, (a) => a.profilePath === 'names/last');
  const out: PersonEntry[] = [];
  const text = (r: number, c?: Column): string => (c ? cellValue(doc.table, cellAt(doc, r, c.index)).trim() : '');
  for (let r = doc.firstRow; r < doc.table.rowCount; r++) {
    if (doc.rowKind[r] !== RowKind.Data) continue;
    const email = text(r, personCol);
    if (!email) continue;
    const name = text(r, display) || [text(r, first), text(r, last)].filter(Boolean).join(' ');
    out.push({ email, name: isDeleteMarker(name) ? '' : name, line: doc.out.lineOf(doc.table.rowStart[r]), row: r });
  }
  return out;
}

/** The data row on a zero-based line (a row's continuation lines included), if any. */
export function rowAtLine(doc: RuleContext, line: number): number | undefined {
  const t = doc.table;
  const lines = doc.out.lineIndex;
  for (let r = doc.firstRow; r < t.rowCount; r++) {
    const start = lines.positionAt(t.rowStart[r]).line;
    if (start > line) return undefined;
    const end = lines.positionAt(t.rowEnd[r]).line;
    if (line <= end) return doc.rowKind[r] === RowKind.Data ? r : undefined;
  }
  return undefined;
}

/**
 * In a Viva Insights history file, the person's row of the latest EffectiveDate (the later row on a tie;
 * a date that does not read as one sorts first), when they have more than one row.
 */
function latestSnapshot(
  doc: RuleContext,
  personCol: Column,
  person: string,
): { row: number; effectiveDate: string; count: number } | undefined {
  const dateCol = columnOf(doc, (a) => a.snapshotKey === true);
  if (!dateCol) return undefined;
  const key = person.toLowerCase();
  let best: { row: number; date: number; effectiveDate: string } | undefined;
  let count = 0;
  for (let r = doc.firstRow; r < doc.table.rowCount; r++) {
    if (
      doc.rowKind[r] !== RowKind.Data ||
      cellValue(doc.table, cellAt(doc, r, personCol.index))
        .trim()
        .toLowerCase() !== key
    )
      continue;
    count++;
    const text = cellValue(doc.table, cellAt(doc, r, dateCol.index)).trim();
    const parsed = parseDate(text, doc.settings.dateFormat);
    const date = typeof parsed === 'number' ? parsed : -1;
    if (!best || date >= best.date) best = { row: r, date, effectiveDate: text };
  }
  return best && count > 1 ? { row: best.row, effectiveDate: best.effectiveDate, count } : undefined;
}

export function rowOfPerson(doc: RuleContext, email: string): number | undefined {
  const key = email.trim().toLowerCase();
  return peopleOf(doc).find((p) => p.email.toLowerCase() === key)?.row;
}

export function previewExport(checked: RuleContext, row: number, options: PreviewOptions): ExportPreview | { error: string } {
  const doc = asUploaded(checked);
  const personCol = columnOf(doc, (a) => a.role === 'person');
  if (!personCol) return { error: 'The file has no person column (Microsoft_PersonEmail), so no row belongs to anyone.' };
  if (doc.rowKind[row] !== RowKind.Data) return { error: 'This line is not a row of the file (blank, or with the wrong number of cells).' };
  const person = cellValue(doc.table, cellAt(doc, row, personCol.index)).trim();
  if (!person || emailProblem(person))
    return { error: 'This row has no valid person email: the upload drops it, so it changes no profile.' };

  const snapshot = doc.dialect === 'viva' ? latestSnapshot(doc, personCol, person) : undefined;
  if (snapshot) row = snapshot.row;
  const line = doc.out.lineOf(doc.table.rowStart[row]) + 1;
  const notes: JsonObject = {
    person,
    line,
    dialect: doc.dialect === 'ods' ? 'Organizational data in Microsoft 365' : 'Viva Insights',
    precedence: options.precedence,
  };
  const empty: ExportPreview = { UserProfileInfo: { names: [], positions: [], emails: [], phones: [], skills: [] }, orgdataPreview: notes };
  if (doc.dialect === 'viva') {
    if (snapshot) {
      notes.snapshot = {
        effectiveDate: snapshot.effectiveDate,
        snapshots: snapshot.count,
        note: `A Viva Insights history file has a row per EffectiveDate: this is the person's latest of ${snapshot.count} (line ${line}).`,
      };
    }
    notes.values = Object.fromEntries(
      doc.columns.filter((c) => c.attribute || c.custom).map((c) => [c.name.trim(), cellValue(doc.table, cellAt(doc, row, c.index))]),
    );
    notes.note =
      'This is a Viva Insights file: its fields are not profile properties, so the export holds none of them as such. Since 2025 Viva Insights tenants upload organizational data in the Microsoft 365 admin center with Microsoft_ names, and with the admin\u2019s consent Viva Insights data is shared with organizational data; this preview does not simulate that sharing.';
    notes.vivaInsights = vivaReach(doc);
    return empty;
  }

  const entra = options.entra;
  const user = entra?.find(person);
  notes.entraId = options.entraProblem
    ? `not read: ${options.entraProblem}`
    : !entra
      ? 'no Entra ID users file (orgdata.entraUsers): the preview shows organizational data only'
      : user
        ? `found in ${entra.source}${user.values.objectId ? ` (objectId ${user.values.objectId})` : ''}`
        : `not in ${entra.source}: the upload drops this row ("Rows of data that will not be shared"), so the profile gets none of it`;

  const inferred = new Inferred();
  const properties = collectProperties(doc, row, entra, user, notes, inferred);
  const order: SourceKey[] = options.precedence === 'entra' ? ['entra', 'ods'] : ['ods', 'entra'];
  const deleted: JsonObject[] = [];
  const unchanged: JsonObject[] = [];
  const dropped: JsonObject[] = [];
  const shadowed: JsonObject[] = [];
  const items: Record<'names' | 'positions', { values: Map<string, Json>; from: Map<string, SourceKey> }> = {
    names: { values: new Map(), from: new Map() },
    positions: { values: new Map(), from: new Map() },
  };

  for (const p of properties) {
    const where = { attribute: p.attribute, property: `${p.collection}/${p.path}` };
    if (p.ods?.kind === 'deleted') deleted.push(where);
    if (p.ods?.kind === 'unchanged') unchanged.push(where);
    // (a name group's drop has its own note)
    if (p.ods?.kind === 'dropped' && p.collection !== 'names') dropped.push({ ...where, why: p.ods.why });
    const has: Record<SourceKey, Json | undefined> = { entra: p.entra, ods: p.ods?.kind === 'value' ? p.ods.value : undefined };
    const winner = order.find((s) => has[s] !== undefined);
    if (!winner) continue;
    items[p.collection].values.set(p.path, has[winner]!);
    items[p.collection].from.set(p.path, winner);
    const loser = order.find((s) => s !== winner && has[s] !== undefined);
    if (loser && JSON.stringify(has[loser]) !== JSON.stringify(has[winner])) {
      shadowed.push({
        ...where,
        shown: { source: SOURCES[winner].label, value: has[winner]! },
        hidden: { source: SOURCES[loser].label, value: has[loser]! },
      });
    }
  }

  const info = empty.UserProfileInfo;
  for (const collection of ['names', 'positions'] as const) {
    const { values, from } = items[collection];
    if (values.size === 0) continue;
    const item: JsonObject = {};
    for (const path of ORDER[collection]) if (values.has(path)) setPath(item, path, values.get(path)!);
    if (collection === 'positions') item.isCurrent = true;
    Object.assign(item, annotate(from, order, ORDER[collection]));
    info[collection].push(item);
    inferred.add('isDefaultSource');
  }
  if (user) {
    info.emails = entraEmails(user);
    info.phones = entraPhones(user);
    if (info.emails.length + info.phones.length > 0) inferred.add('emailAndPhoneTypes');
  }
  info.skills = skillsOf(doc, row);
  if (info.skills.length > 0) inferred.add('skills');

  notes.deleted = deleted;
  notes.unchanged = unchanged;
  if (unchanged.length > 0)
    notes.unchangedMeans = 'A blank cell keeps the value already stored for this person, which this preview cannot see.';
  if (dropped.length > 0) notes.dropped = dropped;
  notes.shadowed = shadowed;
  notes.inferred = inferred.list();
  notes.notSimulated = NOT_SIMULATED;
  notes.ignoredColumns = ignoredColumns(doc);
  notes.notInExport = doc.columns
    .filter((c) => c.attribute && !c.attribute.profilePath && c.attribute.role !== 'person')
    .map((c) => c.attribute!.name);
  notes.vivaInsights = vivaReach(doc);
  return empty;
}

/** What the preview cannot show, whatever the files: said once in every preview of an Organizational data file. */
const NOT_SIMULATED =
  'People-connector sources, first in Microsoft\u2019s precedence order (newest first), are not simulated: a connector value would hide both Entra ID and organizational data. Nor are the profile\u2019s other collections (addresses, accounts, anniversaries, …) or the items\u2019 own metadata (id, allowedAudiences, created and modified).';

/**
 * What the preview infers rather than knows: Microsoft documents the shape of the export (EXP, SRC) but not
 * each of these. Each entry says what and why, so that nobody takes an inference for a documented fact.
 */
const INFERENCES = {
  isDefaultSource:
    'isDefaultSource goes to the highest-precedence source that supplies a property of the item, as in Microsoft\u2019s only published example (SRC); Microsoft states no rule.',
  entraAddress:
    'Entra ID\u2019s officeLocation (physicalDeliveryOfficeName), streetAddress, city, state, country and postalCode are shown in positions.detail.company; Microsoft publishes no mapping of Entra ID properties to the profile.',
  skills:
    'Skills from Microsoft_UserSkillNames are shown as People Skills items (source SkillsInViva), as Microsoft\u2019s People Skills page describes imported skills; the attribute reference maps them to no profile property, and names must match the skills library\u2019s English names.',
  emailAndPhoneTypes:
    'emails and phones come from Entra ID (mail and otherMails; telephoneNumber or businessPhones, and mobile); their types (work, other; business, mobile) are orgdata\u2019s reading of the Graph itemEmail and itemPhone types.',
  managerWithoutEntra:
    'manager.userId is the manager\u2019s Entra ID objectId (documented), unknown without an Entra ID users file: userPrincipalName shows the uploaded address instead, which may be an alias.',
  colleagues:
    'Assistants and dot-line managers are shown as positions.colleagues with relationship assistant and dotLineManager, from a summary of Microsoft\u2019s attribute-page changes (the attribute rows were not retrievable).',
  dotLineLabel:
    'A dot-line manager\u2019s label has no documented place in relatedPerson; orgdata reads the cell as addresses each followed by its label, and shows the labels only in orgdataPreview.colleagueLabels.',
} as const;

class Inferred {
  private readonly keys = new Set<keyof typeof INFERENCES>();
  add(key: keyof typeof INFERENCES): void {
    this.keys.add(key);
  }
  list(): JsonObject[] {
    return (Object.keys(INFERENCES) as (keyof typeof INFERENCES)[])
      .filter((k) => this.keys.has(k))
      .map((k) => ({ about: k, inference: INFERENCES[k] }));
  }
}

const ENTRA_ADDRESS_PATHS = /^detail\/company\/(officeLocation|address\/)/;

function collectProperties(
  doc: RuleContext,
  row: number,
  entra: EntraDirectory | undefined,
  user: EntraUser | undefined,
  notes: JsonObject,
  inferred: Inferred,
): Property[] {
  const out: Property[] = [];
  const nameGroup = nameGroupVerdict(doc, row);
  if (nameGroup) notes.names = nameGroup;
  const colleagues = colleaguesOf(doc, row, entra, notes, inferred);
  if (colleagues) out.push(colleagues);
  for (const col of doc.columns) {
    const a = col.attribute;
    if (!a?.profilePath || a.type === 'stringList' || a.relation) continue;
    const [collection, ...rest] = a.profilePath.split('/');
    if (collection !== 'names' && collection !== 'positions') continue;
    const p: Property = { attribute: a.name, collection, path: rest.join('/'), ods: cellEffect(doc, row, col, a, entra, inferred) };
    if (a.nameGroup && nameGroup && p.ods?.kind !== 'unchanged') p.ods = { kind: 'dropped', why: nameGroup };
    const value = entraValue(a, user, entra);
    if (value !== undefined) p.entra = value;
    out.push(p);
  }
  // Entra ID values for properties this file has no column for
  if (user) {
    for (const a of allEntraBacked()) {
      if (out.some((p) => p.attribute === a.name)) continue;
      const value = entraValue(a, user, entra);
      if (value === undefined) continue;
      const [collection, ...rest] = a.profilePath!.split('/');
      out.push({ attribute: a.name, collection: collection as 'names' | 'positions', path: rest.join('/'), entra: value });
    }
  }
  if (out.some((p) => p.entra !== undefined && ENTRA_ADDRESS_PATHS.test(p.path))) inferred.add('entraAddress');
  return out;
}

/** ODS attributes that land in names or positions and have an Entra ID counterpart. */
function allEntraBacked(): AttributeDef[] {
  return attributesOf('ods').filter(
    (a) => a.entra && a.profilePath && a.type !== 'stringList' && /^(names|positions)\//.test(a.profilePath),
  );
}

function entraValue(a: AttributeDef, user: EntraUser | undefined, entra: EntraDirectory | undefined): Json | undefined {
  if (!user || !a.entra) return undefined;
  if (a.role === 'manager') {
    const m = user.manager;
    if (!m) return undefined;
    const known = m.address ? entra?.find(m.address) : undefined;
    return relatedPerson('manager', m.address ?? '', known, m);
  }
  const v = user.values[a.entra as keyof EntraUser['values']];
  return v === undefined ? undefined : v;
}

/**
 * A relatedPerson as Microsoft stores it: userId is the Entra ID objectId (ATTR), with the user principal
 * name and display name; without the user at hand, the address as given.
 */
function relatedPerson(relationship: string, address: string, user: EntraUser | undefined, expanded?: EntraManager): JsonObject {
  const out: JsonObject = {};
  const userId = expanded?.objectId ?? user?.values.objectId;
  if (userId) out.userId = userId;
  out.userPrincipalName = user?.values.userPrincipalName ?? expanded?.address ?? address;
  const displayName = expanded?.displayName ?? user?.values.displayName;
  if (displayName) out.displayName = displayName;
  out.relationship = relationship;
  return out;
}

function cellEffect(
  doc: RuleContext,
  row: number,
  col: Column,
  a: AttributeDef,
  entra: EntraDirectory | undefined,
  inferred: Inferred,
): CellEffect {
  const cell = cellAt(doc, row, col.index);
  if (isEmptyCell(doc.table, cell)) return { kind: 'unchanged' };
  const raw = cellValue(doc.table, cell);
  const v = raw.trim();
  if (v === '') return { kind: 'unchanged' };
  if (isDeleteMarker(v)) return { kind: 'deleted' };
  if (a.deleteNumber !== undefined && v === String(a.deleteNumber)) return { kind: 'deleted' };
  if (a.role === 'manager') {
    if (!entra) {
      inferred.add('managerWithoutEntra');
      return { kind: 'value', value: relatedPerson('manager', v, undefined) };
    }
    const manager = entra.find(v);
    return manager
      ? { kind: 'value', value: relatedPerson('manager', v, manager) }
      : {
          kind: 'dropped',
          why: `no user in ${entra.source} has this address: the admin center reports it as "Unmatched ${col.name}" and stores no manager`,
        };
  }
  if (a.type === 'integer' || a.type === 'double') {
    const n = Number(v);
    return Number.isFinite(n) && v !== '' ? { kind: 'value', value: n } : { kind: 'dropped', why: 'not a number' };
  }
  return { kind: 'value', value: raw };
}

/**
 * positions.colleagues from the assistant and dot-line manager columns. A column's blank keeps its stored
 * colleagues and '' deletes them, like any value; the property shows the colleagues the row gives.
 */
function colleaguesOf(
  doc: RuleContext,
  row: number,
  entra: EntraDirectory | undefined,
  notes: JsonObject,
  inferred: Inferred,
): Property | undefined {
  const cols = doc.columns.filter((c) => c.attribute?.relation);
  if (cols.length === 0) return undefined;
  inferred.add('colleagues');
  const people: JsonObject[] = [];
  const labels: JsonObject[] = [];
  const effects: CellEffect[] = [];
  for (const col of cols) {
    const relation = col.attribute!.relation!;
    const cell = cellAt(doc, row, col.index);
    const v = isEmptyCell(doc.table, cell) ? '' : cellValue(doc.table, cell).trim();
    if (v === '') effects.push({ kind: 'unchanged' });
    else if (isDeleteMarker(v)) effects.push({ kind: 'deleted' });
    else {
      effects.push({ kind: 'value', value: null });
      // several entries are separated by semicolons (or commas); each an address, then a dot-line label
      for (const entry of v.split(/[;,]/)) {
        const m = addressMatches(entry)[0];
        if (!m) continue;
        const { address } = m;
        people.push(relatedPerson(relation, address, entra?.find(address)));
        if (!entra) inferred.add('managerWithoutEntra');
        const label = (entry.slice(0, m.index) + entry.slice(m.index + address.length)).replace(/^[\s:|\-()]+|[\s:|\-()]+$/g, '');
        if (relation === 'dotLineManager' && label) labels.push({ address, label });
      }
    }
  }
  if (labels.length > 0) {
    inferred.add('dotLineLabel');
    notes.colleagueLabels = labels;
  }
  const attribute = cols.map((c) => c.attribute!.name).join(' and ');
  const ods: CellEffect =
    people.length > 0
      ? { kind: 'value', value: people }
      : effects.every((e) => e.kind === 'unchanged')
        ? { kind: 'unchanged' }
        : { kind: 'deleted' };
  return { attribute, collection: 'positions', path: 'colleagues', ods };
}

/** The person's email addresses in Entra ID, as emails items (Entra ID is their only source here). */
function entraEmails(user: EntraUser): JsonObject[] {
  const out: JsonObject[] = [];
  const seen = new Set<string>();
  const add = (address: string | undefined, type: string): void => {
    const a = address?.trim();
    if (!a || seen.has(a.toLowerCase())) return;
    seen.add(a.toLowerCase());
    out.push({ address: a, type, ...entraOnly() });
  };
  add(user.values.mail, 'work');
  for (const other of user.lists.otherMails) add(other, 'other');
  return out;
}

function entraPhones(user: EntraUser): JsonObject[] {
  const out: JsonObject[] = [];
  for (const number of user.lists.telephoneNumber) out.push({ number, type: 'business', ...entraOnly() });
  if (user.values.mobile?.trim()) out.push({ number: user.values.mobile.trim(), type: 'mobile', ...entraOnly() });
  return out;
}

function entraOnly(): JsonObject {
  return { source: { type: [SOURCES.entra.type] }, sources: [{ id: SOURCES.entra.id, isDefaultSource: true }] };
}

/** Why no name is stored for this row, or undefined when the name group is complete or untouched. */
function nameGroupVerdict(doc: RuleContext, row: number): string | undefined {
  const group = attributesOf('ods').filter((a) => a.nameGroup);
  const cols = group.map((a) => doc.columns.find((c) => c.attribute === a));
  const filled = cols.map((c) => (c ? !isEmptyCell(doc.table, cellAt(doc, row, c.index)) : false));
  const count = filled.filter(Boolean).length;
  if (count === 0 || count === 3) return undefined;
  const missing = group
    .filter((_, i) => !filled[i])
    .map((a) => a.name)
    .join(' and ');
  return `No name is stored from this row: ${missing} ${missing.includes(' and ') ? 'are' : 'is'} blank or missing, and first, last and display name are stored only together.`;
}

/** Skills as People Skills items, "Imported by your organization" (PSK; inferred, see INFERENCES.skills). */
function skillsOf(doc: RuleContext, row: number): JsonObject[] {
  const col = doc.columns.find((c) => c.attribute?.type === 'stringList');
  if (!col) return [];
  const cell = cellAt(doc, row, col.index);
  if (isEmptyCell(doc.table, cell)) return [];
  const v = cellValue(doc.table, cell);
  if (isDeleteMarker(v.trim())) return [];
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((displayName) => ({
      displayName,
      source: { type: [SOURCES.skills.type] },
      sources: [{ id: SOURCES.skills.id, isDefaultSource: true }],
    }));
}

/**
 * `source` and `sources` of an item: the highest-precedence source that supplies a property is the
 * default (Microsoft's one example; INFERENCES.isDefaultSource), the others list theirs.
 */
function annotate(from: Map<string, SourceKey>, order: SourceKey[], canonical: string[]): JsonObject {
  const bySource = new Map<SourceKey, string[]>();
  const paths = [...from.keys()].sort((a, b) => canonical.indexOf(a) - canonical.indexOf(b));
  for (const path of paths) bySource.set(from.get(path)!, [...(bySource.get(from.get(path)!) ?? []), path]);
  const present = order.filter((s) => bySource.has(s));
  const def = present[0];
  return {
    source: { type: present.map((s) => SOURCES[s].type) },
    sources: [
      { id: SOURCES[def].id, isDefaultSource: true },
      ...present.filter((s) => s !== def).map((s) => ({ id: SOURCES[s].id, properties: bySource.get(s)! })),
    ],
  };
}

function setPath(obj: JsonObject, path: string, value: Json): void {
  const keys = path.split('/');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object') o[k] = {};
    o = o[k] as JsonObject;
  }
  o[keys[keys.length - 1]] = value;
}

/**
 * The columns as the upload reads them: a header with a problem is not imported, even where the rules
 * check its cells as the attribute it names (spaces around the name).
 */
function asUploaded(doc: RuleContext): RuleContext {
  if (!doc.columns.some((c) => c.attribute && c.problem)) return doc;
  return { ...doc, columns: doc.columns.map((c) => (c.attribute && c.problem ? { ...c, attribute: undefined } : c)) };
}

const IGNORED_REASON: Record<string, string> = {
  'unknown-attribute': 'a Microsoft_ name that is not an attribute: not imported',
  'unused-column': 'a custom attribute: imported, but not part of the profile or its export',
  'possible-misspelling': 'a custom attribute (close to a reserved name): imported, but not part of the profile or its export',
  'attribute-case': 'attribute name in the wrong case',
  'dialect-mix': 'a Viva Insights name: a custom attribute here, not part of the profile or its export',
  'header-characters': 'header has characters that are not allowed',
  'blank-header': 'the header cell is blank',
  'duplicate-header': 'the column appears twice',
  'system-field': 'a Viva Insights system field',
  'reserved-prefix': 'a reserved name',
  'unmapped-column': 'not in orgdata.columns: the upload made from this export leaves it out',
};

function ignoredColumns(doc: RuleContext): JsonObject[] {
  return doc.columns
    .filter((c) => !c.attribute)
    .map((c) => ({
      column: c.name.trim() || `(column ${c.index + 1})`,
      reason:
        IGNORED_REASON[c.problem ?? ''] ??
        (c.custom
          ? 'a custom attribute: imported (mapped and shared per app by the admin), but not part of the profile or its export'
          : 'not imported'),
    }));
}

/** What each column becomes in Viva Insights. */
function vivaReach(doc: RuleContext): JsonObject[] {
  return doc.columns
    .filter((c) => c.attribute || c.custom)
    .map((c) => {
      const a = c.attribute;
      if (!a)
        return {
          attribute: c.name.trim(),
          vivaInsights: doc.dialect === 'viva' ? 'custom attribute' : 'custom attribute, once mapped and shared with Viva Insights',
        };
      if (a.dialect === 'viva') return { attribute: a.name, vivaInsights: a.required ? 'required field' : 'reserved field' };
      const viva = a.counterpart ? findAttribute('viva', a.counterpart) : undefined;
      return {
        attribute: a.name,
        vivaInsights: viva ? `${viva.required ? 'required' : 'reserved'} field ${viva.name}` : 'usable as a custom attribute',
      };
    });
}
