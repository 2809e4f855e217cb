/**
 * The requests and notifications the orgdata server adds to LSP, shared by the server and the VS Code
 * client (and usable by any other client). Plain names and shapes: no library on either side.
 */

/** Server to client, after each analysis: what the status item shows for a document. */
export const STATUS_NOTIFICATION = 'orgdata/status';
export interface StatusParams {
  uri: string;
  orgData: boolean;
  dialect?: 'ods' | 'viva';
  people: number;
  errors: number;
  warnings: number;
  infos: number;
  /** the project file (orgdata.json) whose settings apply, if any */
  projectFile?: string;
}

/** Client to server: the export preview of the person on `line` (zero-based) or with `person`'s email. */
export const PREVIEW_REQUEST = 'orgdata/previewExport';
export interface PreviewParams {
  uri: string;
  line?: number;
  person?: string;
}
export interface PreviewAnswer {
  preview?: unknown;
  person?: string;
  line?: number;
  error?: string;
}

/** Client to server: the people of a file, for choosing whose preview to show. */
export const PEOPLE_REQUEST = 'orgdata/people';
export interface PersonItem {
  email: string;
  name: string;
  line: number;
}

/** Client to server: the column profile of an open file, as Markdown (and the data behind it). */
export const PROFILE_REQUEST = 'orgdata/profile';
export interface ProfileParams {
  uri: string;
  minGroupSize?: number;
}
export interface ReportAnswer {
  markdown?: string;
  /** the same report as orgdata-lint's --format json (the pictures draw it) */
  json?: unknown;
  /** the profile: each column's header cell, in the order of json.columns */
  headers?: { name: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
  error?: string;
}

/** Client to server: what uploading an open file will change against an older version (its text, sent by the client). */
export const DIFF_REQUEST = 'orgdata/diff';
export interface DiffParams {
  uri: string;
  /** the older version's text, and a name for it (a path, or "HEAD") */
  oldText: string;
  oldName: string;
}

/** Client to server: the upload file made from an open HR export ("Create Upload File", orgdata-lint convert). */
export const CONVERT_REQUEST = 'orgdata/convert';
export interface ConvertParams {
  uri: string;
}
export interface ConvertAnswer {
  /** the upload file's text (UTF-8 to write) */
  text?: string;
  /** the export's columns left out */
  dropped?: string[];
  /** findings the safe fixes repaired */
  fixed?: number;
  error?: string;
}

/**
 * Client to server: the Reporting Lines view's nodes. Without `parent` or `root`: the top leaders, the other
 * root groups' sizes and the file's snapshots (EffectiveDates); with `root`: that group's people; with
 * `parent`: a person's direct reports. People are numbered per check: `version` says which.
 */
export const REPORTING_LINES_REQUEST = 'orgdata/reportingLines';
export type RootGroup = 'leaders' | 'unknownManager' | 'loops';
export interface ReportingLinesParams {
  uri: string;
  parent?: number;
  root?: RootGroup;
  /** a Viva Insights history: which EffectiveDate (a value of `snapshots`); the first by default */
  snapshot?: number;
}
export interface ReportingLineItem {
  person: number;
  email: string;
  name: string;
  title: string;
  /** zero-based line of the person's row */
  line: number;
  /** direct reports, and everyone below */
  reports: number;
  team: number;
  /** the codes of the findings on the person's row */
  badges: string[];
}
export interface ReportingLinesAnswer {
  version?: number;
  items: ReportingLineItem[];
  /** how many more there are than `items` holds */
  more?: number;
  /** the other root groups' sizes (with neither parent nor root) */
  groups?: { kind: RootGroup; count: number }[];
  /** a history's EffectiveDates, as written in the file (with neither parent nor root) */
  snapshots?: { value: number; label: string }[];
  snapshot?: number;
  error?: string;
}

/** Client to server: the people from the top down to the person on a line (to reveal them in the view). */
export const REPORTING_PATH_REQUEST = 'orgdata/reportingPath';
export interface ReportingPathParams {
  uri: string;
  line: number;
}
