/**
 * Every finding code, with its family, default severity, a one-line title, help text for users (README,
 * SARIF rule help) and the source it traces to. Codes are stable: settings and CI configs name them.
 */
import type { Dialect } from './catalog';
import { SOURCES } from './sources';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
export type Family = 'structure' | 'header' | 'people' | 'values' | 'sensitive' | 'coverage';

export interface CodeInfo {
  readonly code: string;
  readonly family: Family;
  /** per dialect where the two differ */
  readonly severity: Severity | { readonly ods: Severity; readonly viva: Severity };
  readonly title: string;
  readonly help: string;
  readonly source: string;
  /** an example line that triggers it, for the README */
  readonly example: string;
}

const DECISION = 'orgdata decision (README: finding codes)';

export const CODES = {
  // File and structure
  'empty-file': { family: 'structure', severity: 'error', title: 'File is empty',
    help: 'An empty file cannot be uploaded. Add a header row and one row per person.',
    source: SOURCES.VRULE, example: '(a file with no content)' },
  'header-only': { family: 'structure', severity: 'warning', title: 'No data rows',
    help: 'The file has a header but no people. Add one row per person below the header.',
    source: SOURCES.IMP, example: 'Microsoft_PersonEmail,Microsoft_JobTitle' },
  'wrong-delimiter': { family: 'structure', severity: 'error', title: 'Not comma-separated',
    help: 'The header is one column that contains semicolons or tabs: the file was saved with another separator. Save it as "CSV (comma delimited)".',
    source: SOURCES.IMP, example: 'Microsoft_PersonEmail;Microsoft_JobTitle' },
  'column-count': { family: 'structure', severity: 'error', title: 'Row has a different number of cells than the header',
    help: 'Each row needs exactly one cell per header column. A value with a comma must be wrapped in double quotes.',
    source: SOURCES.VRULE, example: 'adele@contoso.com,Sales,Lead,extra' },
  'unclosed-quote': { family: 'structure', severity: 'error', title: 'Quote never closed',
    help: 'A cell starts with a double quote that is never closed, so the rest of the file would be read as one value. Close the quote, or double a quote meant literally ("").',
    source: SOURCES.RFC4180, example: 'adele@contoso.com,"Sales' },
  'text-after-quote': { family: 'structure', severity: 'error', title: 'Text after a closing quote',
    help: 'A quoted cell must end at its closing quote. Put the whole value inside the quotes and double any quote inside it ("").',
    source: SOURCES.RFC4180, example: 'adele@contoso.com,"Sales" EMEA' },
  'blank-row': { family: 'structure', severity: 'warning', title: 'Blank row',
    help: 'A blank line is read as a row with one empty cell, which the uploader rejects for its column count. Delete the line.',
    source: SOURCES.VRULE, example: '(an empty line between two people)' },
  'invalid-utf8': { family: 'structure', severity: 'error', title: 'Text that is not UTF-8',
    help: 'The file holds bytes that are not UTF-8 (shown as \uFFFD). Save the file as "CSV UTF-8" and check the characters here.',
    source: SOURCES.VRULE, example: 'adele@contoso.com,M\uFFFDnchen' },
  'line-break-in-value': { family: 'structure', severity: { ods: 'warning', viva: 'error' }, title: 'Line break inside a value',
    help: 'Viva Insights rejects values with line breaks, and profile cards show one line. Replace the line break with a space.',
    source: SOURCES.VRULE, example: 'adele@contoso.com,"Building 4\nFloor 2"' },
  'value-too-long': { family: 'structure', severity: 'error', title: 'Value over 128 KB',
    help: 'A value may hold at most 128 KB. Shorten it.', source: SOURCES.VRULE, example: '(a cell of 200,000 characters)' },
  'too-many-attributes': { family: 'structure', severity: { ods: 'warning', viva: 'error' }, title: 'More than 105 attributes',
    help: 'Viva Insights takes at most 105 attributes (100 optional ones). Remove the columns you do not need.',
    source: SOURCES.VRULE, example: '(a header of 120 columns)' },
  'formula-injection': { family: 'structure', severity: 'warning', title: 'Value starts like a spreadsheet formula',
    help: 'A value starting with =, +, -, @, a tab or a carriage return runs as a formula when someone opens the file in a spreadsheet. Remove the leading character, or prefix the value with a single quote.',
    source: SOURCES.OWASP_CSV, example: 'adele@contoso.com,=HYPERLINK("http://x")' },

  // Header
  'blank-header': { family: 'header', severity: 'error', title: 'Header cell is blank',
    help: 'Every column needs a name. Name the column, or delete it.', source: SOURCES.VRULE,
    example: 'Microsoft_PersonEmail,,Microsoft_JobTitle' },
  'duplicate-header': { family: 'header', severity: 'error', title: 'Column appears twice',
    help: 'Each attribute may appear once. Delete or rename the second column.', source: SOURCES.VRULE,
    example: 'Microsoft_PersonEmail,Microsoft_JobTitle,Microsoft_JobTitle' },
  'unknown-attribute': { family: 'header', severity: 'error', title: 'Unknown attribute',
    help: 'The name is not an Organizational data attribute, so the column is not imported. Use the attribute name it was meant to be, or declare it in orgdata.customAttributes.',
    source: SOURCES.ATTR, example: 'Microsoft_PersonEmail,Microsoft_JobTitel' },
  'unused-column': { family: 'header', severity: 'warning', title: 'Column is not imported',
    help: 'Organizational data in Microsoft 365 imports only Microsoft_ attributes; this column is ignored. Remove it, or declare it in orgdata.customAttributes to keep it quietly.',
    source: SOURCES.ATTR, example: 'Microsoft_PersonEmail,CostCenter' },
  'attribute-case': { family: 'header', severity: 'error', title: 'Attribute name in the wrong case',
    help: 'Attribute names are matched exactly, case included. Write the name as documented.',
    source: SOURCES.VRULE, example: 'microsoft_personemail,Microsoft_JobTitle' },
  'possible-misspelling': { family: 'header', severity: 'warning', title: 'Custom attribute close to a reserved field',
    help: 'In Viva Insights this name becomes a custom attribute, but it is one or two letters from a reserved field. Use the reserved name if that was meant.',
    source: SOURCES.VPREP, example: 'PersonId,ManagerId,Organization,HireDat' },
  'dialect-mix': { family: 'header', severity: 'error', title: 'Attribute of the other dialect',
    help: 'The header mixes Organizational data in Microsoft 365 (Microsoft_*) and Viva Insights (PersonId, ManagerId, …) names. Rename the column to this dialect\u2019s name.',
    source: SOURCES.COP, example: 'Microsoft_PersonEmail,ManagerId' },
  'header-characters': { family: 'header', severity: 'error', title: 'Header has characters that are not allowed',
    help: 'Header names may use only ASCII letters, digits and underscores, with no spaces. Rename the column.',
    source: SOURCES.VRULE, example: 'PersonId,ManagerId,Organization,Cost Center' },
  'system-field': { family: 'header', severity: 'error', title: 'Header is a Viva Insights system field',
    help: 'Viva Insights keeps this name for itself. Rename the column.', source: SOURCES.VRULE,
    example: 'PersonId,ManagerId,Organization,TimeZone' },
  'reserved-prefix': { family: 'header', severity: 'error', title: 'Microsoft_ prefix in a Viva Insights file',
    help: 'Viva Insights reserves every name starting with Microsoft_. Rename the column.', source: SOURCES.VRULE,
    example: 'PersonId,ManagerId,Organization,Microsoft_Custom' },
  'required-missing': { family: 'header', severity: 'error', title: 'Required attribute missing',
    help: 'The upload needs this column. Add it to the header and fill it in for every row.',
    source: SOURCES.IMP, example: 'Microsoft_JobTitle,Microsoft_Organization' },
  'effective-date-missing': { family: 'header', severity: 'information', title: 'No EffectiveDate column',
    help: 'Without EffectiveDate every row applies from the day of the upload. Add the column to date the rows.',
    source: SOURCES.VPREP, example: 'PersonId,ManagerId,Organization' },

  // People
  'invalid-email': { family: 'people', severity: 'error', title: 'Not an email address',
    help: 'The value must be an email address: a local part, one @, and a domain with a dot (adele@contoso.com).',
    source: SOURCES.ATTR, example: 'adele.contoso.com,Sales' },
  'missing-person': { family: 'people', severity: 'error', title: 'Person email is blank',
    help: 'Every row needs the email of the person it describes; a row without one is dropped.',
    source: SOURCES.IMP, example: ',Sales' },
  'email-spaces': { family: 'people', severity: 'warning', title: 'Email has leading or trailing spaces',
    help: 'Spaces around an email address make it fail to match the person. Remove them.',
    source: SOURCES.ATTR, example: ' adele@contoso.com,Sales' },
  'duplicate-person': { family: 'people', severity: 'error', title: 'Person appears twice',
    help: 'Each person may have one row (emails compare without case). Merge the two rows into one.',
    source: SOURCES.ATTR, example: 'Adele@contoso.com … adele@contoso.com' },
  'self-manager': { family: 'people', severity: 'error', title: 'Person is their own manager',
    help: 'A person cannot report to themselves. Enter their real manager, or leave the cell blank for the top leader.',
    source: SOURCES.VRULE, example: 'adele@contoso.com,adele@contoso.com' },
  'reporting-loop': { family: 'people', severity: 'error', title: 'Reporting loop',
    help: 'People report to each other in a circle, so none of them leads to the top leader. Break the loop by correcting one manager.',
    source: SOURCES.VRULE, example: 'a@contoso.com,b@contoso.com / b@contoso.com,a@contoso.com' },
  'multiple-top-level': { family: 'people', severity: 'information', title: 'More than one person without a manager',
    help: 'Only the top leader should have no manager. In Organizational data a blank cell keeps the stored manager; in Viva Insights it is allowed only for the CEO.',
    source: SOURCES.VPREP, example: '(two rows with a blank manager)' },
  'manager-not-in-file': { family: 'people', severity: 'hint', title: 'Manager is not a person in this file',
    help: 'The manager has no row of their own here. That is fine when they exist in Entra ID; check the spelling otherwise.',
    source: SOURCES.IMP, example: 'adele@contoso.com,someone.else@contoso.com' },

  // Values
  'required-value-missing': { family: 'values', severity: 'error', title: 'Required value is blank',
    help: 'Viva Insights needs a value in this column in every row. Fill it in.', source: SOURCES.VRULE,
    example: 'adele@contoso.com,megan@contoso.com,,12/1/2020' },
  'invalid-integer': { family: 'values', severity: 'error', title: 'Not a whole number',
    help: 'The value must be a whole number without separators (Layer: 0 for the CEO, -1 deletes the stored layer).',
    source: SOURCES.ATTR, example: 'adele@contoso.com,2.5' },
  'invalid-number': { family: 'values', severity: 'error', title: 'Not a number',
    help: 'The value must be a plain number: digits and one decimal point, no currency sign, no thousands separator.',
    source: SOURCES.VRULE, example: 'adele@contoso.com,$52.50' },
  'out-of-range': { family: 'values', severity: 'error', title: 'Number out of range',
    help: 'The number is outside the documented range of this attribute.', source: SOURCES.VRULE,
    example: 'adele@contoso.com,9 (WeeklyBadgeOnsiteDays)' },
  'invalid-date': { family: 'values', severity: 'error', title: 'Not a date in the chosen format',
    help: 'Dates follow the format family set in orgdata.dateFormat (MM/DD/YYYY or DD/MM/YYYY), or a long form such as March 14, 2012.',
    source: SOURCES.VRULE, example: 'adele@contoso.com,13/45/2020' },
  'invalid-enum': { family: 'values', severity: 'error', title: 'Value is not one of the allowed values',
    help: 'This attribute takes only the listed values, written exactly.', source: SOURCES.VPREP,
    example: 'adele@contoso.com,Manager (SupervisorIndicator)' },
  'name-group-incomplete': { family: 'values', severity: 'error', title: 'Incomplete name',
    help: 'First name, last name and display name are stored together: when one has a value in a row, the other two need one too, or no name is stored.',
    source: SOURCES.IMP, example: 'adele@contoso.com,Adele,,' },

  'shadowed-by-entra': { family: 'values', severity: 'information', title: 'An Entra ID value will be shown instead',
    help: 'Entra ID takes precedence over organizational data by default: where a person has a value in Entra ID, profile cards show that one. Change the value in Entra ID, or have the tenant put organizational data first (orgdata.precedence).',
    source: SOURCES.USE, example: 'adele@contoso.com,Sales Lead (Entra ID jobTitle: Account Executive)' },

  // Sensitive personal data
  'sensitive-column': { family: 'sensitive', severity: 'warning', title: 'Column holds sensitive personal data',
    help: 'Organizational data is visible to everyone in the tenant on profile cards and can reach Copilot. Remove columns with special-category or identifying personal data before uploading.',
    source: SOURCES.USE, example: 'Microsoft_PersonEmail,DateOfBirth' },
  'sensitive-values': { family: 'sensitive', severity: 'warning', title: 'Values look like identifiers or financial data',
    help: 'Values in this column look like social security numbers, card numbers, IBANs or national insurance numbers, which would become visible to everyone in the tenant. Remove the column.',
    source: SOURCES.USE, example: 'adele@contoso.com,078-05-1120' },
  'pay-data': { family: 'sensitive', severity: 'information', title: 'Confidential pay data',
    help: 'Pay data is legitimate for Viva Insights but confidential: make sure the upload goes only where it is meant to be seen.',
    source: SOURCES.VPREP, example: 'PersonId,ManagerId,Organization,HourlyRate' },

  // File-level
  'coverage-low': { family: 'coverage', severity: 'information', title: 'Coverage below 95%',
    help: 'The Copilot dashboard rejects an upload whose manager or organization column is filled in for fewer than 95% of people.',
    source: SOURCES.COP, example: '(manager blank for 10 of 100 people)' },
  'file-too-large': { family: 'coverage', severity: 'information', title: 'File over 25 MB',
    help: 'Files over 25 MB cannot be uploaded from the browser: upload them through SharePoint (up to 5 GB).',
    source: SOURCES.IMP, example: '(a 40 MB file)' },
  'too-many-problems': { family: 'coverage', severity: 'information', title: 'More problems than shown',
    help: 'Only the first orgdata.maxProblems findings are shown. Fix these, or raise the setting.',
    source: DECISION, example: '(a file with 5,000 findings)' },
} as const satisfies Record<string, Omit<CodeInfo, 'code'>>;

export type Code = keyof typeof CODES;

export function codeInfo(code: Code): CodeInfo {
  return { code, ...CODES[code] } as CodeInfo;
}

export function defaultSeverity(code: Code, dialect: Dialect): Severity {
  const s = (CODES[code] as Omit<CodeInfo, 'code'>).severity;
  return typeof s === 'string' ? s : s[dialect];
}

export function isCode(code: string): code is Code {
  return Object.prototype.hasOwnProperty.call(CODES, code);
}
