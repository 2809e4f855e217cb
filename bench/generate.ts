import * as fs from 'node:fs';

/**
 * Realistic Organizational data files of any size: 20 columns, a real hierarchy (every manager is a
 * person of the file), quoted skill lists, CRLF endings. Deterministic, so runs compare.
 */

const FIRST = [
  'Adele',
  'Alex',
  'Megan',
  'Lee',
  'Isaiah',
  'Johanna',
  'Joni',
  'Lidia',
  'Diego',
  'Grady',
  'Henrietta',
  'Irvin',
  'Lynne',
  'Miriam',
  'Nestor',
  'Patti',
  'Pradeep',
  'Christie',
  'Debra',
  'Emily',
];
const LAST = [
  'Vance',
  'Wilber',
  'Bowen',
  'Gu',
  'Langer',
  'Lorenz',
  'Sherman',
  'Holloway',
  'Siciliani',
  'Archie',
  'Mueller',
  'Sayers',
  'Robbins',
  'Graham',
  'Wilke',
  'Fernandez',
  'Gupta',
  'Cline',
  'Berger',
  'Braun',
];
const ORGS = ['Finance', 'Sales', 'Engineering', 'Human Resources', 'Marketing', 'Operations', 'Legal', 'Support'];
const LEVELS = ['Associate', 'Senior', 'Principal', 'Manager', 'Director'];
const TITLES = ['Software Engineer', 'Account Executive', 'Financial Analyst', 'Recruiter', 'Product Manager', 'Support Engineer'];
const CITIES: [string, string, string, string][] = [
  ['Redmond', 'WA', 'United States', '98052'],
  ['Munich', 'BY', 'Germany', '80807'],
  ['Dublin', 'D', 'Ireland', 'D18 P521'],
  ['Hyderabad', 'TS', 'India', '500032'],
];
const SKILLS = ['Azure', 'Excel', 'Negotiation', 'TypeScript', 'Coaching', 'SQL', 'Power BI', 'Recruiting'];

export const HEADER = [
  'Microsoft_PersonEmail',
  'Microsoft_ManagerEmail',
  'Microsoft_Organization',
  'Microsoft_LevelDesignation',
  'Microsoft_JobDiscipline',
  'Microsoft_Layer',
  'Microsoft_FirstName',
  'Microsoft_LastName',
  'Microsoft_DisplayName',
  'Microsoft_JobTitle',
  'Microsoft_SecondaryJobTitle',
  'Microsoft_Company',
  'Microsoft_CompanyCode',
  'Microsoft_CompanyOfficeLocation',
  'Microsoft_CompanyOfficeStreet',
  'Microsoft_CompanyOfficeCity',
  'Microsoft_CompanyOfficeState',
  'Microsoft_CompanyOfficeCountryOrRegion',
  'Microsoft_CompanyOfficePostalCode',
  'Microsoft_UserSkillNames',
].join(',');

export function email(i: number): string {
  return `${FIRST[i % 20].toLowerCase()}.${LAST[(i * 7) % 20].toLowerCase()}${i}@contoso.com`;
}

/** Row i (0-based) of the generated file; person i reports to person floor((i - 1) / 8). */
export function row(i: number): string {
  const manager = i === 0 ? '' : email(Math.floor((i - 1) / 8));
  let layer = 0;
  for (let p = i; p > 0; p = Math.floor((p - 1) / 8)) layer++;
  const first = FIRST[i % 20];
  const last = LAST[(i * 7) % 20];
  const [city, state, country, zip] = CITIES[i % 4];
  const skills = `"${SKILLS[i % 8]},${SKILLS[(i * 3 + 1) % 8]}"`;
  return [
    email(i),
    manager,
    ORGS[i % 8],
    LEVELS[i % 5],
    ORGS[(i * 3) % 8],
    String(layer),
    first,
    last,
    `${first} ${last}`,
    TITLES[i % 6],
    i % 10 === 0 ? 'Mentor' : '',
    'Contoso Ltd',
    String(1000 + (i % 40)),
    `"Building ${1 + (i % 9)}, Floor ${1 + (i % 4)}"`,
    `${1 + (i % 999)} Main Street`,
    city,
    state,
    country,
    zip,
    skills,
  ].join(',');
}

export function generateOds(rows: number): string {
  const parts: string[] = [HEADER];
  for (let i = 0; i < rows; i++) parts.push(row(i));
  return parts.join('\r\n') + '\r\n';
}

/**
 * Writes a generated ODS file of at least `bytes` bytes, block by block (it never holds it whole);
 * `change` rewrites some rows (a later export of the same people, for the diff).
 */
export function writeOdsFile(file: string, bytes: number, change?: (i: number, row: string) => string): void {
  const fd = fs.openSync(file, 'w');
  try {
    const header = HEADER + '\r\n';
    fs.writeSync(fd, header);
    let written = header.length;
    for (let i = 0; written < bytes;) {
      const block: string[] = [];
      for (let k = 0; k < 20000; k++, i++) block.push(change ? change(i, row(i)) : row(i));
      const s = block.join('\r\n') + '\r\n';
      fs.writeSync(fd, s);
      written += Buffer.byteLength(s);
    }
  } finally {
    fs.closeSync(fd);
  }
}

export const VIVA_HEADER = [
  'PersonId',
  'EffectiveDate',
  'ManagerId',
  'Organization',
  'FunctionType',
  'LevelDesignation',
  'HireDate',
  'Layer',
  'SupervisorIndicator',
  'Location',
  'CountryOrRegion',
].join(',');

/**
 * A Viva Insights history file as Microsoft recommends it: one row per person for each of `snapshots`
 * monthly EffectiveDates (the first of each month, ending 12/1/2025), as HR systems export them: people
 * join over the year (the last `joiners` share of them in later months, never before their manager), some move to
 * another organization half-way, rows ordered by date (or by person with `byPerson`). Person i reports to
 * person floor((i - 1) / 8); Layer and SupervisorIndicator follow the tree. Clean: no findings but the
 * file-level notes.
 */
export function generateVivaHistory(people: number, snapshots = 13, byPerson = false, joiners = 0.1): string {
  const dates: string[] = [];
  for (let s = 0; s < snapshots; s++) {
    // months since year 0, the last snapshot December 2025
    const m = 2025 * 12 + 11 - (snapshots - 1 - s);
    dates.push(`${(m % 12) + 1}/1/${Math.floor(m / 12)}`);
  }
  const layer = new Int32Array(people);
  for (let i = 1; i < people; i++) layer[i] = layer[Math.floor((i - 1) / 8)] + 1;
  const stayers = people * (1 - joiners);
  const firstSnapshot = (i: number): number =>
    i < stayers ? 0 : Math.min(snapshots - 1, Math.floor(((i - stayers) / (people - stayers)) * snapshots));
  const vivaRow = (i: number, s: number): string => {
    const manager = i === 0 ? '' : email(Math.floor((i - 1) / 8));
    const hasReports = 8 * i + 1 < people;
    const managesManagers = 8 * (8 * i + 1) + 1 < people;
    const moved = i % 11 === 0 && s >= snapshots / 2;
    const [city, , country] = CITIES[i % 4];
    return [
      email(i),
      dates[s],
      manager,
      ORGS[(i + (moved ? 1 : 0)) % 8],
      ORGS[(i * 3) % 8],
      LEVELS[i % 5],
      `${1 + (i % 12)}/${1 + (i % 28)}/${2005 + (i % 18)}`,
      String(layer[i]),
      managesManagers ? 'Mngr+' : hasReports ? 'Mngr' : 'IC',
      city,
      country,
    ].join(',');
  };
  const parts: string[] = [VIVA_HEADER];
  if (byPerson) {
    for (let i = 0; i < people; i++) for (let s = firstSnapshot(i); s < snapshots; s++) parts.push(vivaRow(i, s));
  } else {
    for (let s = 0; s < snapshots; s++) for (let i = 0; i < people; i++) if (firstSnapshot(i) <= s) parts.push(vivaRow(i, s));
  }
  return parts.join('\r\n') + '\r\n';
}

export const ENTRA_HEADER =
  'userPrincipalName,displayName,surname,mail,givenName,objectId,userType,jobTitle,department,accountEnabled,usageLocation,' +
  'streetAddress,state,country,physicalDeliveryOfficeName,city,postalCode,telephoneNumber,mobile,ageGroup,companyName,creationType,directorySynced,invitationState';

function objectId(i: number): string {
  const h = (Math.imul(i + 1, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0');
  return `${h}-${(i & 0xffff).toString(16).padStart(4, '0')}-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

/**
 * The Entra admin center's "Download users" file for the tenant of generateOds(people), in its own column
 * order: every person of the file (one in ten with another job title and one in ten with an office room in Entra
 * ID, so that some uploaded values are hidden; one in fifty disabled), then `extra` users the file does not name (members, and one in four a guest).
 */
export function generateEntraUsers(people: number, extra = Math.ceil(people / 20)): string {
  const parts: string[] = [ENTRA_HEADER];
  for (let i = 0; i < people + extra; i++) {
    const inFile = i < people;
    const first = FIRST[i % 20];
    const last = LAST[(i * 7) % 20];
    const guest = !inFile && i % 4 === 0;
    const upn = guest
      ? `${first.toLowerCase()}.${last.toLowerCase()}${i}_fabrikam.com#EXT#@contoso.onmicrosoft.com`
      : inFile
        ? email(i)
        : `new.hire${i}@contoso.com`;
    const mail = guest ? `${first.toLowerCase()}${i}@fabrikam.com` : upn;
    const [city, state, country, zip] = CITIES[i % 4];
    const title = inFile ? (i % 10 === 0 ? 'Team Lead' : TITLES[i % 6]) : 'Consultant';
    parts.push(
      [
        upn,
        `${first} ${last}`,
        last,
        mail,
        first,
        objectId(i),
        guest ? 'Guest' : 'Member',
        title,
        inFile ? ORGS[i % 8] : '',
        i % 50 === 49 ? 'False' : 'True',
        'US',
        `${1 + (i % 999)} Main Street`,
        state,
        country,
        i % 10 === 5 ? `${1 + (i % 9)}/${1000 + (i % 400)}` : `"Building ${1 + (i % 9)}, Floor ${1 + (i % 4)}"`,
        city,
        zip,
        `+1 425 555 ${String(i % 10000).padStart(4, '0')}`,
        i % 3 === 0 ? `+1 206 555 ${String(i % 10000).padStart(4, '0')}` : '',
        'Adult',
        '',
        guest ? 'Invitation' : '',
        'True',
        guest ? 'Accepted' : '',
      ].join(','),
    );
  }
  return parts.join('\r\n') + '\r\n';
}
