/**
 * The names HR systems give the columns an upload needs (Workday, SuccessFactors, and the like), for
 * `orgdata-lint init`: a starter mapping guessed from an export's header. Each entry is the attribute and
 * the export names that mean it, compared without case, spaces or punctuation. The guesses are ours, and
 * init writes each with its reason, for a person to confirm.
 */
import { ATTRIBUTES, findAttributeIgnoringCase, type Dialect } from './catalog';
import { rankCandidates } from './spelling';

const HR_NAMES: readonly (readonly [string, readonly string[]])[] = [
  [
    'Microsoft_PersonEmail',
    [
      'Work Email',
      'Email',
      'Email Address',
      'Business Email',
      'Primary Work Email',
      'Employee Email',
      'Work Email Address',
      'UPN',
      'User Principal Name',
      'Mail',
    ],
  ],
  [
    'Microsoft_ManagerEmail',
    [
      'Manager Email',
      'Manager Work Email',
      'Supervisor Email',
      'Manager Email Address',
      'Reports To Email',
      'Line Manager Email',
      'Manager UPN',
    ],
  ],
  ['Microsoft_FirstName', ['First Name', 'Given Name', 'Legal First Name', 'Preferred First Name', 'Forename']],
  ['Microsoft_LastName', ['Last Name', 'Surname', 'Family Name', 'Legal Last Name']],
  ['Microsoft_DisplayName', ['Display Name', 'Full Name', 'Preferred Name', 'Worker', 'Employee Name', 'Name']],
  ['Microsoft_JobTitle', ['Business Title', 'Job Title', 'Title', 'Position Title', 'Position', 'Job Profile']],
  ['Microsoft_Organization', ['Department', 'Organization', 'Supervisory Organization', 'Org Unit', 'Division', 'Business Unit']],
  ['Microsoft_LevelDesignation', ['Level', 'Job Level', 'Grade', 'Pay Grade', 'Management Level', 'Career Level']],
  ['Microsoft_JobDiscipline', ['Job Family', 'Job Function', 'Function', 'Job Family Group', 'Discipline']],
  ['Microsoft_Company', ['Company', 'Legal Entity', 'Company Name', 'Employer']],
  ['Microsoft_CompanyCode', ['Company Code', 'Legal Entity Code', 'Company ID']],
  ['Microsoft_CompanyOfficeLocation', ['Office', 'Office Location', 'Work Location', 'Location', 'Site', 'Building']],
  ['Microsoft_CompanyOfficeStreet', ['Office Street', 'Work Address', 'Street', 'Address Line 1', 'Work Address Line 1']],
  ['Microsoft_CompanyOfficeCity', ['City', 'Work City', 'Office City', 'Location City']],
  ['Microsoft_CompanyOfficeState', ['State', 'Province', 'Region', 'Work State', 'State Province']],
  ['Microsoft_CompanyOfficeCountryOrRegion', ['Country', 'Country Region', 'Work Country', 'Location Country', 'Country Name']],
  ['Microsoft_CompanyOfficePostalCode', ['Postal Code', 'Zip', 'Zip Code', 'Postcode', 'Work Postal Code']],
  ['Microsoft_HireDate', ['Hire Date', 'Start Date', 'Original Hire Date', 'Date of Joining', 'Joining Date', 'Employment Start Date']],
  ['Microsoft_Layer', ['Layer', 'Management Chain Level', 'Org Level', 'Hierarchy Level']],
  ['Microsoft_UserSkillNames', ['Skills', 'Skill Names', 'Competencies']],
  ['Microsoft_SupervisorIndicator', ['Is Manager', 'Supervisor Indicator', 'People Manager', 'Manager Flag', 'Has Direct Reports']],
  ['Microsoft_SecondaryJobTitle', ['Secondary Title', 'Secondary Job Title', 'Additional Title']],
  ['Microsoft_AssistantsEmail', ['Assistant Email', 'Assistants Email', 'Executive Assistant Email']],
];

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const BY_SQUASHED = new Map<string, string>();
for (const [attribute, names] of HR_NAMES) for (const n of names) if (!BY_SQUASHED.has(squash(n))) BY_SQUASHED.set(squash(n), attribute);

export interface ColumnGuess {
  column: string;
  /** the upload's name, or undefined: no guess */
  to?: string;
  why: string;
}

/** The upload's name an export's column probably means, in the dialect asked for, with the reason. */
export function guessColumn(column: string, dialect: Dialect, taken: ReadonlySet<string>): ColumnGuess {
  const name = column.trim();
  const inDialect = (odsName: string): string | undefined =>
    dialect === 'ods' ? odsName : ATTRIBUTES.find((a) => a.dialect === 'viva' && a.counterpart === odsName)?.name;
  const own = findAttributeIgnoringCase(dialect, name);
  if (own) return { column: name, to: own.name, why: `already the ${own.name} attribute` };
  const other = findAttributeIgnoringCase(dialect === 'ods' ? 'viva' : 'ods', name);
  if (other?.counterpart && !taken.has(other.counterpart))
    return { column: name, to: other.counterpart, why: `the other dialect's name of ${other.counterpart}` };
  const known = BY_SQUASHED.get(squash(name));
  const target = known && inDialect(known);
  if (target && !taken.has(target)) return { column: name, to: target, why: `a common HR name for ${target}` };
  const names = ATTRIBUTES.filter((a) => a.dialect === dialect).map((a) => a.name);
  const close = rankCandidates(name, names, 1)[0];
  if (close && close.distance <= 2 && !taken.has(close.name)) return { column: name, to: close.name, why: `spelt close to ${close.name}` };
  return { column: name, why: 'no attribute it clearly means: map it to one, or to a custom name, to keep it' };
}

/**
 * The date format an export's dates are in, from its values: a first number above 12 is a day
 * (DD/MM/YYYY), a second one above 12 a day too (MM/DD/YYYY); undefined when the dates do not tell.
 */
export function guessDateFormat(values: Iterable<string>): 'MM/DD/YYYY' | 'DD/MM/YYYY' | undefined {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const v of values) {
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}$/.exec(v.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) dayFirst++;
    else if (Number(m[2]) > 12) monthFirst++;
  }
  return dayFirst > monthFirst ? 'DD/MM/YYYY' : monthFirst > dayFirst ? 'MM/DD/YYYY' : undefined;
}
