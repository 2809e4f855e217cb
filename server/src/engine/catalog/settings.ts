/** The `orgdata.*` settings, read leniently: a wrong value falls back to the default, never throws. */
import { isCode, type Code, type SeveritySetting } from './codes';
import type { Dialect } from './catalog';

export type DateFormat = 'MM/DD/YYYY' | 'DD/MM/YYYY';

export interface OrgDataSettings {
  /** glob patterns of files that are org data whatever their header */
  files: string[];
  dialect: 'auto' | Dialect;
  dateFormat: DateFormat;
  customAttributes: string[];
  severity: Partial<Record<Code, SeveritySetting>>;
  maxProblems: number;
  /** path of an Entra ID users export (CSV or JSON), for precedence in the export preview */
  entraUsers: string;
  /** which source profile cards show first: Entra ID (Microsoft's default) or organizational data */
  precedence: 'entra' | 'organizationalData';
  /** Viva Insights: the person whose blank ManagerId is right (the top leader); '' lets orgdata choose */
  topLeader: string;
  /**
   * the HR export's columns as they come, mapped to the upload's names (`{"Work Email": "Microsoft_PersonEmail"}`):
   * a file whose header holds one of these names is checked as the upload made from it, whose columns are
   * the mapped ones only (see readColumns); empty: the file is the upload itself
   */
  columns: Record<string, string>;
  /** false: the editor checks nothing (orgdata.enable) */
  enable: boolean;
  /** when the editor checks: as one types (after a pause), or when the file is saved (for huge files) */
  run: 'onType' | 'onSave';
  /** only findings of severity error are kept to be shown (orgdata-lint --quiet); every finding is still counted; not a user setting */
  onlyErrors?: boolean;
}

export const DEFAULT_SETTINGS: Readonly<OrgDataSettings> = Object.freeze({
  files: [],
  dialect: 'auto',
  dateFormat: 'MM/DD/YYYY',
  customAttributes: [],
  severity: {},
  maxProblems: 1000,
  entraUsers: '',
  precedence: 'entra',
  topLeader: '',
  columns: {},
  enable: true,
  run: 'onType',
});

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

export interface SettingsProblem {
  key: string;
  message: string;
}

/** Turns whatever a client or config file sent into settings; `problems` lists what was ignored. */
export function normalizeSettings(raw: unknown, problems: SettingsProblem[] = []): OrgDataSettings {
  const r = { ...((raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>) };
  // an empty list written in Lua ({}) arrives as an empty object
  for (const key of ['files', 'customAttributes']) {
    const v = r[key];
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) r[key] = [];
  }
  const out: OrgDataSettings = { ...DEFAULT_SETTINGS, files: [], customAttributes: [], severity: {}, columns: {} };

  if (r.files !== undefined) {
    const list = typeof r.files === 'string' ? [r.files] : r.files;
    if (Array.isArray(list)) out.files = list.filter((x): x is string => typeof x === 'string' && x.length > 0);
    else problems.push({ key: 'files', message: 'orgdata.files must be a list of glob patterns' });
  }
  if (r.dialect !== undefined) {
    if (r.dialect === 'auto' || r.dialect === 'ods' || r.dialect === 'viva') out.dialect = r.dialect;
    else problems.push({ key: 'dialect', message: 'orgdata.dialect must be "auto", "ods" or "viva"' });
  }
  if (r.dateFormat !== undefined) {
    if (r.dateFormat === 'MM/DD/YYYY' || r.dateFormat === 'DD/MM/YYYY') out.dateFormat = r.dateFormat;
    else problems.push({ key: 'dateFormat', message: 'orgdata.dateFormat must be "MM/DD/YYYY" or "DD/MM/YYYY"' });
  }
  if (r.customAttributes !== undefined) {
    if (Array.isArray(r.customAttributes)) {
      out.customAttributes = r.customAttributes
        .filter((x): x is string => typeof x === 'string')
        .map((x) => x.trim())
        .filter((x) => x.length > 0);
    } else problems.push({ key: 'customAttributes', message: 'orgdata.customAttributes must be a list of names' });
  }
  if (r.severity !== undefined) {
    if (r.severity && typeof r.severity === 'object' && !Array.isArray(r.severity)) {
      for (const [code, level] of Object.entries(r.severity as Record<string, unknown>)) {
        if (!isCode(code)) problems.push({ key: 'severity', message: `orgdata.severity: unknown finding code "${code}"` });
        else if (typeof level !== 'string' || !SEVERITIES.has(level))
          problems.push({ key: 'severity', message: `orgdata.severity.${code} must be error, warning, information, hint or off` });
        else out.severity[code] = level as SeveritySetting;
      }
    } else problems.push({ key: 'severity', message: 'orgdata.severity must map finding codes to levels' });
  }
  if (r.maxProblems !== undefined) {
    const n = Number(r.maxProblems);
    if (Number.isInteger(n) && n > 0) out.maxProblems = n;
    else problems.push({ key: 'maxProblems', message: 'orgdata.maxProblems must be a whole number above 0' });
  }
  if (r.entraUsers !== undefined && r.entraUsers !== null) {
    if (typeof r.entraUsers === 'string') out.entraUsers = r.entraUsers.trim();
    else problems.push({ key: 'entraUsers', message: 'orgdata.entraUsers must be a file path' });
  }
  if (r.precedence !== undefined) {
    if (r.precedence === 'entra' || r.precedence === 'organizationalData') out.precedence = r.precedence;
    else problems.push({ key: 'precedence', message: 'orgdata.precedence must be "entra" or "organizationalData"' });
  }
  if (r.enable !== undefined) {
    if (typeof r.enable === 'boolean') out.enable = r.enable;
    else problems.push({ key: 'enable', message: 'orgdata.enable must be true or false' });
  }
  if (r.run !== undefined) {
    if (r.run === 'onType' || r.run === 'onSave') out.run = r.run;
    else problems.push({ key: 'run', message: 'orgdata.run must be "onType" or "onSave"' });
  }
  if (r.columns !== undefined && r.columns !== null) {
    if (r.columns && typeof r.columns === 'object' && !Array.isArray(r.columns)) {
      for (const [from, to] of Object.entries(r.columns as Record<string, unknown>)) {
        if (typeof to !== 'string' || to.trim() === '' || from.trim() === '')
          problems.push({
            key: 'columns',
            message: `orgdata.columns."${from}" must name the upload's column (an attribute or a custom name)`,
          });
        else out.columns[from.trim()] = to.trim();
      }
    } else problems.push({ key: 'columns', message: 'orgdata.columns must map the export\u2019s column names to the upload\u2019s' });
  }
  if (r.topLeader !== undefined && r.topLeader !== null) {
    if (typeof r.topLeader === 'string') out.topLeader = r.topLeader.trim().toLowerCase();
    else problems.push({ key: 'topLeader', message: 'orgdata.topLeader must be an email address' });
  }
  return out;
}
