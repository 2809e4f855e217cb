/**
 * The attribute catalog: every column the two dialects know, as data. Rules, hover, completion and the
 * export preview read it; no attribute name is spelled anywhere else.
 */
import { SOURCES } from './sources';

export type Dialect = 'ods' | 'viva';

export type ValueType = 'email' | 'string' | 'stringList' | 'integer' | 'double' | 'date' | 'enum';

/** Which person a column identifies, for the hierarchy rules. */
export type Role = 'person' | 'manager';

export interface AttributeDef {
  readonly name: string;
  readonly dialect: Dialect;
  readonly type: ValueType;
  readonly description: string;
  readonly example: string;
  /** where the value lands in the profile, for the export preview (ODS only) */
  readonly profilePath?: string;
  /** the Entra ID (Graph user) property that usually holds the same fact */
  readonly entra?: string;
  /** the same attribute in the other dialect (migration rename) */
  readonly counterpart?: string;
  /** the counterpart is one of Microsoft's documented migration renames (COP), not only the same idea */
  readonly documentedTwin?: boolean;
  readonly role?: Role;
  /** a colleague relation the column names (positions/colleagues: relatedPerson.relationship) */
  readonly relation?: 'assistant' | 'dotLineManager';
  /** 'always': a header and a value in every row; 'column': the header must be present; 'defaults': may be left out */
  readonly required?: 'always' | 'column' | 'defaults';
  readonly enumValues?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /**
   * enumValues are the documented spellings of a text field, read without regard to case: another value
   * is a warning (unrecognized-value), not an error
   */
  readonly openEnum?: boolean;
  /**
   * a grouping column: people are counted per value in reports (Viva Insights' minimum group size), so a
   * value held by few people can identify them (orgdata-lint profile: smallGroups)
   */
  readonly grouping?: boolean;
  /** the distance from the top leader (Layer; CEO 0), checked against the reporting line */
  readonly depth?: boolean;
  /** number that deletes the stored value (Layer: -1) */
  readonly deleteNumber?: number;
  /** part of the first/last/display name group (ODS) */
  readonly nameGroup?: boolean;
  /** Viva Insights: the date from which a row applies; a person has one row per date (a history file) */
  readonly snapshotKey?: boolean;
  /** confidential but legitimate data (pay) */
  readonly confidential?: boolean;
  /** the rules are best known: Microsoft's full row for it was not retrieved */
  readonly bestKnown?: boolean;
  readonly source: string;
}

const ods = (a: Omit<AttributeDef, 'dialect' | 'source'> & { source?: string }): AttributeDef => ({
  dialect: 'ods',
  source: SOURCES.ATTR,
  ...a,
});
const viva = (a: Omit<AttributeDef, 'dialect' | 'source'> & { source?: string }): AttributeDef => ({
  dialect: 'viva',
  source: SOURCES.VPREP,
  ...a,
});

/**
 * SupervisorIndicator's documented spellings: IC, Mngr, Mngr+ (VPREP) and Mgr, Mgr+, True, False (WFI,
 * case-insensitive). The pages disagree, so every documented spelling is accepted (our decision).
 */
export const SUPERVISOR_VALUES: readonly string[] = ['IC', 'Mngr', 'Mngr+', 'Mgr', 'Mgr+', 'True', 'False'];

export const ATTRIBUTES: readonly AttributeDef[] = [
  ods({
    name: 'Microsoft_PersonEmail',
    type: 'email',
    role: 'person',
    required: 'always',
    counterpart: 'PersonId',
    description:
      "The person's primary SMTP address or an alias; it identifies the person (resolved to their Entra ID object). One row per person (orgdata's decision: Microsoft merges several rows in an undocumented order).",
    example: 'adele.vance@contoso.com',
  }),
  ods({
    name: 'Microsoft_ManagerEmail',
    type: 'email',
    role: 'manager',
    counterpart: 'ManagerId',
    entra: 'manager',
    profilePath: 'positions/manager',
    description: "The manager's email address, resolved to the manager's Entra ID object. Leave it blank only for the top leader (CEO).",
    example: 'megan.bowen@contoso.com',
  }),
  ods({
    name: 'Microsoft_Organization',
    grouping: true,
    type: 'string',
    counterpart: 'Organization',
    entra: 'department',
    profilePath: 'positions/detail/company/department',
    description: 'The organization or department the person belongs to.',
    example: 'Finance',
  }),
  ods({
    name: 'Microsoft_LevelDesignation',
    grouping: true,
    type: 'string',
    counterpart: 'LevelDesignation',
    profilePath: 'positions/detail/level',
    description: 'The level of the person (no Entra ID counterpart).',
    example: 'Senior',
  }),
  ods({
    name: 'Microsoft_JobDiscipline',
    grouping: true,
    type: 'string',
    counterpart: 'FunctionType',
    profilePath: 'positions/detail/role',
    description: 'The job discipline or function.',
    example: 'Engineering',
  }),
  ods({
    name: 'Microsoft_Layer',
    type: 'integer',
    counterpart: 'Layer',
    min: 0,
    deleteNumber: -1,
    depth: true,
    profilePath: 'positions/detail/layer',
    description: 'Distance from the top leader: the CEO is 0 (no Entra ID counterpart). -1 deletes the stored layer.',
    example: '2',
  }),
  ods({
    name: 'Microsoft_FirstName',
    type: 'string',
    nameGroup: true,
    entra: 'givenName',
    profilePath: 'names/first',
    description: 'First name. Stored only when the last and display name are given in the same row.',
    example: 'Adele',
  }),
  ods({
    name: 'Microsoft_LastName',
    type: 'string',
    nameGroup: true,
    entra: 'surname',
    profilePath: 'names/last',
    description: 'Last name. Stored only when the first and display name are given in the same row.',
    example: 'Vance',
  }),
  ods({
    name: 'Microsoft_DisplayName',
    type: 'string',
    nameGroup: true,
    entra: 'displayName',
    profilePath: 'names/displayName',
    description: 'Display name. Stored only when the first and last name are given in the same row.',
    example: 'Adele Vance',
  }),
  ods({
    name: 'Microsoft_JobTitle',
    type: 'string',
    entra: 'jobTitle',
    profilePath: 'positions/detail/jobTitle',
    description: 'Job title.',
    example: 'Retail Manager',
  }),
  ods({
    name: 'Microsoft_SecondaryJobTitle',
    type: 'string',
    profilePath: 'positions/detail/secondaryJobTitle',
    description: 'A second job title.',
    example: 'Works council member',
  }),
  ods({
    name: 'Microsoft_Company',
    type: 'string',
    entra: 'companyName',
    profilePath: 'positions/detail/company/displayName',
    description: 'Company name.',
    example: 'Contoso Ltd',
  }),
  ods({
    name: 'Microsoft_CompanyCode',
    type: 'string',
    profilePath: 'positions/detail/company/companyCode',
    description: 'Legal entity number of the company.',
    example: '1010',
  }),
  ods({
    name: 'Microsoft_CompanyOfficeLocation',
    type: 'string',
    entra: 'officeLocation',
    profilePath: 'positions/detail/company/officeLocation',
    description: 'Building, floor or room of the office. Never a home address.',
    example: 'Building 4, Floor 2',
  }),
  ods({
    name: 'Microsoft_CompanyPostOfficeBox',
    type: 'string',
    profilePath: 'positions/detail/company/address/postOfficeBox',
    description: 'Post office box of the office.',
    example: 'PO Box 1234',
  }),
  ods({
    name: 'Microsoft_CompanyOfficeStreet',
    type: 'string',
    entra: 'streetAddress',
    profilePath: 'positions/detail/company/address/street',
    description: 'Street address of the office.',
    example: '1 Microsoft Way',
  }),
  ods({
    name: 'Microsoft_CompanyOfficeCity',
    grouping: true,
    type: 'string',
    entra: 'city',
    profilePath: 'positions/detail/company/address/city',
    description: 'City of the office.',
    example: 'Redmond',
  }),
  ods({
    name: 'Microsoft_CompanyOfficeState',
    type: 'string',
    entra: 'state',
    profilePath: 'positions/detail/company/address/state',
    description: 'State or province of the office.',
    example: 'WA',
  }),
  ods({
    name: 'Microsoft_CompanyOfficeCountryOrRegion',
    grouping: true,
    type: 'string',
    entra: 'country',
    profilePath: 'positions/detail/company/address/countryOrRegion',
    description: 'Country or region of the office, as free text.',
    example: 'United States',
  }),
  ods({
    name: 'Microsoft_CompanyOfficePostalCode',
    type: 'string',
    entra: 'postalCode',
    profilePath: 'positions/detail/company/address/postalCode',
    description: 'Postal code of the office.',
    example: '98052',
  }),
  ods({
    name: 'Microsoft_UserSkillNames',
    type: 'stringList',
    profilePath: 'skills/displayName',
    description: 'Skills, comma-separated inside one cell (so the cell is quoted).',
    example: '"Azure,Project management"',
  }),
  ods({
    name: 'Microsoft_HireDate',
    type: 'date',
    bestKnown: true,
    counterpart: 'HireDate',
    entra: 'employeeHireDate',
    description: 'Date the person was hired.',
    example: '3/14/2012',
  }),
  ods({
    name: 'Microsoft_HourlyRate',
    type: 'double',
    bestKnown: true,
    counterpart: 'HourlyRate',
    min: 0,
    confidential: true,
    description: 'Hourly pay in US dollars: confidential pay data.',
    example: '52.50',
  }),
  ods({
    name: 'Microsoft_SupervisorIndicator',
    type: 'enum',
    bestKnown: true,
    counterpart: 'SupervisorIndicator',
    enumValues: SUPERVISOR_VALUES,
    openEnum: true,
    description:
      'IC (individual contributor), Mngr (manager of individual contributors) or Mngr+ (manager of managers); Workforce Insights also reads Mgr, Mgr+, True and False. Case does not matter.',
    example: 'Mngr',
  }),
  ods({
    name: 'Microsoft_GlintEmploymentStatus',
    type: 'enum',
    bestKnown: true,
    enumValues: ['ACTIVE', 'INACTIVE'],
    description: 'Employment status used by Viva Glint.',
    example: 'ACTIVE',
  }),
  ods({
    name: 'Microsoft_DotLineManagersEmailAndLabel',
    type: 'string',
    bestKnown: true,
    relation: 'dotLineManager',
    profilePath: 'positions/colleagues',
    description: 'Dotted-line managers with a label (colleague relation "dotLineManager").',
    example: '',
  }),
  ods({
    name: 'Microsoft_AssistantsEmail',
    type: 'email',
    bestKnown: true,
    relation: 'assistant',
    profilePath: 'positions/colleagues',
    description: 'The assistant\'s email address (colleague relation "assistant").',
    example: 'lynne.robbins@contoso.com',
  }),

  viva({
    name: 'PersonId',
    type: 'email',
    role: 'person',
    required: 'always',
    counterpart: 'Microsoft_PersonEmail',
    documentedTwin: true,
    description: "The person's email address; it identifies the person.",
    example: 'adele.vance@contoso.com',
  }),
  viva({
    name: 'ManagerId',
    type: 'email',
    role: 'manager',
    required: 'column',
    counterpart: 'Microsoft_ManagerEmail',
    documentedTwin: true,
    description: "The manager's email address; blank only for the CEO.",
    example: 'megan.bowen@contoso.com',
  }),
  viva({
    name: 'Organization',
    grouping: true,
    type: 'string',
    required: 'always',
    counterpart: 'Microsoft_Organization',
    documentedTwin: true,
    description: 'The organization the person belongs to.',
    example: 'Finance',
  }),
  viva({
    name: 'EffectiveDate',
    type: 'date',
    required: 'defaults',
    snapshotKey: true,
    description: 'Date from which the row applies; the upload date when the column is left out.',
    example: '12/1/2020',
  }),
  viva({
    name: 'LevelDesignation',
    grouping: true,
    type: 'string',
    counterpart: 'Microsoft_LevelDesignation',
    description: 'Level of the person (reserved field).',
    example: 'Senior',
  }),
  viva({
    name: 'FunctionType',
    grouping: true,
    type: 'string',
    counterpart: 'Microsoft_JobDiscipline',
    documentedTwin: true,
    description: 'Job function (reserved field).',
    example: 'Engineering',
  }),
  viva({
    name: 'HireDate',
    type: 'date',
    counterpart: 'Microsoft_HireDate',
    description: 'Date the person was hired (reserved field).',
    example: '3/14/2012',
  }),
  viva({
    name: 'HourlyRate',
    type: 'double',
    min: 0,
    confidential: true,
    counterpart: 'Microsoft_HourlyRate',
    description: 'Hourly pay in US dollars (reserved field): confidential pay data.',
    example: '52.50',
  }),
  viva({
    name: 'Layer',
    type: 'integer',
    min: 0,
    depth: true,
    counterpart: 'Microsoft_Layer',
    description: 'Distance from the top leader: the CEO is 0 (reserved field).',
    example: '2',
  }),
  viva({
    name: 'SupervisorIndicator',
    type: 'enum',
    enumValues: SUPERVISOR_VALUES,
    openEnum: true,
    counterpart: 'Microsoft_SupervisorIndicator',
    description:
      'IC, Mngr or Mngr+ (reserved field, typed String); Workforce Insights also reads Mgr, Mgr+, True and False. Case does not matter.',
    example: 'Mngr',
  }),
  viva({
    name: 'WeeklyBadgeOnsiteDays',
    type: 'double',
    min: 0,
    max: 7,
    description: 'Average days a week on site, from badge data: 0 to 7 (reserved field).',
    example: '2.5',
  }),
  viva({ name: 'Location', grouping: true, type: 'string', description: 'Work location (reserved field).', example: 'Seattle' }),
  viva({
    name: 'CountryOrRegion',
    grouping: true,
    type: 'string',
    description: 'Country or region (reserved field).',
    example: 'United States',
  }),
];

/** Names Viva Insights keeps for itself; a header may not use them (VRULE). Compared case-insensitively. */
export const VIVA_SYSTEM_FIELDS: readonly string[] = [
  'PeopleHistoricalId',
  'StartDate',
  'EndDate',
  'Domain',
  'PopulationType',
  'TimeZone',
  'StandardTimeZone',
  'WorkdayStart',
  'WorkDayEnd',
  'WeekendDays',
  'InferredTeamSize',
  'ObjectId',
  'IsActive',
  'MetricDate',
  'PrimaryCollaborator_PersonId',
  'SecondaryCollaborator_PersonId',
];

export const ODS_PREFIX = 'Microsoft_';

/** Viva Insights: at most 105 attributes in all (100 optional ones plus the required). */
export const MAX_ATTRIBUTES = 105;
/** Viva Insights: at most 128 KB a value. */
export const MAX_VALUE_BYTES = 128 * 1024;
/** Larger files cannot be uploaded from the browser: they go through SharePoint. */
export const LOCAL_UPLOAD_LIMIT_BYTES = 25 * 1024 * 1024;
/** The Copilot dashboard rejects an upload whose manager or organization coverage is below this. */
export const COPILOT_COVERAGE = 0.95;

const byExactName = new Map<string, AttributeDef>();
const byLowerName = new Map<string, AttributeDef>();
for (const a of ATTRIBUTES) {
  byExactName.set(`${a.dialect}:${a.name}`, a);
  byLowerName.set(`${a.dialect}:${a.name.toLowerCase()}`, a);
}

export function attributesOf(dialect: Dialect): AttributeDef[] {
  return ATTRIBUTES.filter((a) => a.dialect === dialect);
}

export function findAttribute(dialect: Dialect, name: string): AttributeDef | undefined {
  return byExactName.get(`${dialect}:${name}`);
}

export function findAttributeIgnoringCase(dialect: Dialect, name: string): AttributeDef | undefined {
  return byLowerName.get(`${dialect}:${name.toLowerCase()}`);
}

const systemFieldsLower = new Set(VIVA_SYSTEM_FIELDS.map((f) => f.toLowerCase()));
export function isVivaSystemField(name: string): boolean {
  return systemFieldsLower.has(name.toLowerCase());
}

export function hasOdsPrefix(name: string): boolean {
  return name.length >= ODS_PREFIX.length && name.slice(0, ODS_PREFIX.length).toLowerCase() === 'microsoft_';
}

/**
 * ODS names Microsoft uses elsewhere (USE lists them for Viva Insights) that are not attributes; the
 * attribute meant, for the "did you mean" of unknown-attribute.
 */
export const ODS_NEAR_NAMES: Readonly<Record<string, string>> = {
  microsoft_city: 'Microsoft_CompanyOfficeCity',
  microsoft_state: 'Microsoft_CompanyOfficeState',
  microsoft_countryorregion: 'Microsoft_CompanyOfficeCountryOrRegion',
  microsoft_country: 'Microsoft_CompanyOfficeCountryOrRegion',
  microsoft_postalcode: 'Microsoft_CompanyOfficePostalCode',
  microsoft_postofficebox: 'Microsoft_CompanyPostOfficeBox',
  microsoft_street: 'Microsoft_CompanyOfficeStreet',
  microsoft_officelocation: 'Microsoft_CompanyOfficeLocation',
};

export const DELETE_MARKERS: readonly string[] = ["''", "'''"];
export function isDeleteMarker(value: string): boolean {
  return value === "''" || value === "'''";
}

/** Quotes and dashes that a word processor or another keyboard types for ' and - . */
const QUOTE_LOOKALIKES = /^[\u2018\u2019\u201a\u201b\u2032\u00b4\uff07]{2,3}$|^[\u201c\u201d\u201e\u201f\u2033\uff02]$/;
const MINUS_LOOKALIKES = /^[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d]1$/;

/**
 * The deletion marker as it was meant, when a trimmed value is a look-alike of it: '' typed with
 * typographic quotes (\u2018\u2019, or one \u201d for two '), and for an attribute deleted with a number
 * (Layer: -1) that number with another dash. The uploader compares the exact characters: it stores these as text.
 */
export function deleteMarkerLookalike(value: string, deleteNumber?: number): string | undefined {
  // (every look-alike starts with a character past ASCII: one test for the values of every row)
  if (value.length > 3 || value.length === 0 || value.charCodeAt(0) < 128) return undefined;
  if (QUOTE_LOOKALIKES.test(value)) return deleteNumber !== undefined ? String(deleteNumber) : "''";
  if (deleteNumber === -1 && MINUS_LOOKALIKES.test(value)) return '-1';
  return undefined;
}

/**
 * A deletion marker, or a look-alike of one: the Excel rules say what such a cell does, so a rule that
 * checks values passes it over (one defect, one finding).
 */
export function isMarkerOrLookalike(value: string, deleteNumber?: number): boolean {
  return isDeleteMarker(value) || deleteMarkerLookalike(value.trim(), deleteNumber) !== undefined;
}
