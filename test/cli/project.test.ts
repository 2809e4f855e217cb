import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { normalizeSettings, validate, type Finding } from '../../server/src/engine';
import { seeded } from '../random';

const CLI = path.resolve(__dirname, '../../../dist/orgdata-lint.js');

/** A Workday-style export: its own column names, a badge number and a date of birth the upload must not get. */
const RAW =
  'Work Email,Manager Email,Business Title,Department,Hire Date,Badge Number,Date of Birth\r\n' +
  'megan@contoso.com,,CEO,Exec,25/12/2019,1001,1/1/1970\r\n' +
  'adele@contoso.com ,megan@contoso.com,"Sales, EMEA",Sales,13/01/2021,1002,2/2/1980\r\n' +
  'alex@contoso,megan@contoso.com,=HYPERLINK("x"),,01/02/2022,1003,3/3/1990\r\n';

const PROJECT = `{
  // Contoso's HR export
  "dateFormat": "DD/MM/YYYY",
  "columns": {
    "Work Email": "Microsoft_PersonEmail",
    "Manager Email": "Microsoft_ManagerEmail",
    "Business Title": "Microsoft_JobTitle",
    "Department": "Microsoft_Organization",
    "Hire Date": "Microsoft_HireDate",
  },
}
`;

describe('orgdata.json: the project file', function () {
  this.timeout(60_000);
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-project-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const write = (rel: string, text: string | Buffer): string => {
    const f = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };
  const run = (args: string[], cwd = tmp) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
  const json = (args: string[], cwd = tmp) =>
    JSON.parse(run(['--format', 'json', ...args], cwd).stdout).files[0].findings as {
      code: string;
      line: number;
      column: number;
      message: string;
    }[];

  it('is found from the checked file upward, whatever the working directory; a nearer one wins', () => {
    write('hr/orgdata.json', PROJECT);
    write('hr/2026/12/people.csv', RAW);
    const fromRoot = json(['hr/2026/12/people.csv']);
    const fromElsewhere = json([path.join(tmp, 'hr/2026/12/people.csv')], os.tmpdir());
    assert.deepEqual(fromElsewhere, fromRoot);
    // the mapping applied: the export's columns are checked as the upload's, dates day first
    assert.deepEqual(
      fromRoot.map((f) => `${f.code} ${f.line}:${f.column}`),
      ['unmapped-column 1:62', 'unmapped-column 1:75', 'email-spaces 3:1', 'invalid-email 4:1', 'formula-injection 4:32'],
    );
    // a nearer project file, without the date format: the dates are now invalid
    write('hr/2026/orgdata.json', PROJECT.replace('"dateFormat": "DD/MM/YYYY",', ''));
    assert.ok(json(['hr/2026/12/people.csv']).some((f) => f.code === 'invalid-date'));
    // a directory scan finds the export by its mapping, though its header names no attribute
    const scan = run(['hr/']);
    assert.match(scan.stdout, /people\.csv:4:1: error: .*\[invalid-email\]$/m);
  });

  it('one order decides every key: flags, then orgdata.json (or --config), then .vscode/settings.json, then the defaults', () => {
    write(
      '.vscode/settings.json',
      '{ "orgdata.dateFormat": "MM/DD/YYYY", "orgdata.severity": { "email-spaces": "error", "formula-injection": "off" } }',
    );
    write('hr/orgdata.json', PROJECT.replace('"dateFormat"', '"severity": { "email-spaces": "hint" },\n  "dateFormat"'));
    write('hr/people.csv', RAW);
    const sev = (findings: { code: string }[], code: string): string | undefined =>
      (findings as { code: string; severity?: string }[]).find((f) => f.code === code)?.severity;
    const project = json(['hr/people.csv']);
    assert.equal(sev(project, 'email-spaces'), 'hint', 'orgdata.json over .vscode/settings.json');
    assert.equal(sev(project, 'formula-injection'), undefined, '.vscode/settings.json where orgdata.json is silent');
    assert.ok(!project.some((f) => f.code === 'invalid-date'), 'orgdata.json\u2019s date format');
    const flag = json(['hr/people.csv', '--severity', 'email-spaces=warning', '--date-format', 'MM/DD/YYYY']);
    assert.equal(sev(flag, 'email-spaces'), 'warning', 'the flag over orgdata.json');
    assert.ok(
      flag.some((f) => f.code === 'invalid-date'),
      'the flag\u2019s date format',
    );
    // --config names the project file; --no-config reads none (the export is then not org data, and not mapped)
    write('other.json', '{ "columns": { "Work Email": "Microsoft_PersonEmail" } }');
    const other = json(['--config', 'other.json', 'hr/people.csv']);
    assert.equal(other.filter((f) => f.code === 'unmapped-column').length, 6);
    const none = run(['--no-config', 'hr/people.csv', '--format', 'json']);
    assert.ok(JSON.parse(none.stdout).files[0].findings.every((f: { code: string }) => f.code !== 'unmapped-column'));
  });

  it('a mistake is one line with its file, line, column and key, exit 2: never blamed on a flag', () => {
    write('hr/people.csv', RAW);
    const cases: [string, RegExp][] = [
      [
        '{\n  "dateFormt": "DD/MM/YYYY"\n}',
        /^orgdata-lint: .*hr\/orgdata\.json:2:3: unknown key "dateFormt" \(did you mean "dateFormat"\?\)$/,
      ],
      [
        '{\n  "dialect": "ods",\n  "dateFormat": "D/M/Y"\n}',
        /^orgdata-lint: .*hr\/orgdata\.json:3:3: dateFormat must be "MM\/DD\/YYYY" or "DD\/MM\/YYYY"$/,
      ],
      [
        '{\n  "severity": {\n    "email-space": "off"\n  }\n}',
        /^orgdata-lint: .*hr\/orgdata\.json:3:5: severity: unknown finding code "email-space" \(did you mean "email-spaces"\?\)$/,
      ],
      [
        '{\n  "columns": {\n    "Work Email": "Microsoft_PersonEmial"\n  }\n}',
        /^orgdata-lint: .*hr\/orgdata\.json:3:19: columns\."Work Email": "Microsoft_PersonEmial" is not an attribute \(did you mean "Microsoft_PersonEmail"\?\)$/,
      ],
      ['{ "columns": [', /^orgdata-lint: .*hr\/orgdata\.json:1:\d+: not valid JSON \(\w+\)$/],
    ];
    for (const [text, expected] of cases) {
      write('hr/orgdata.json', text);
      const r = run(['hr/people.csv']);
      assert.equal(r.status, 2, text);
      assert.equal(r.stdout, '');
      assert.match(r.stderr.trimEnd(), expected, text);
      assert.doesNotMatch(r.stderr, /--[a-z]/, 'not a flag');
    }
    // a bad value in .vscode/settings.json names that file, not a flag
    fs.rmSync(path.join(tmp, 'hr/orgdata.json'));
    write('.vscode/settings.json', '{ "orgdata.maxProblems": "lots" }');
    const r = run(['hr/people.csv', '--config', 'none.json']);
    assert.equal(r.status, 2);
    const ws = run(['hr/people.csv']);
    assert.match(ws.stderr, /^orgdata-lint: .*\.vscode\/settings\.json: orgdata\.maxProblems must be a whole number above 0\n$/);
  });
});

describe('the column mapping', () => {
  const ods = {
    'Work Email': 'Microsoft_PersonEmail',
    'Manager Email': 'Microsoft_ManagerEmail',
    Dept: 'Microsoft_Organization',
    Lvl: 'Microsoft_Layer',
    Title: 'Microsoft_JobTitle',
  };
  const viva = { 'Work Email': 'PersonId', 'Manager Email': 'ManagerId', Dept: 'Organization', Lvl: 'Layer', Title: 'FunctionType' };
  const brief = (fs: Finding[]): string[] =>
    fs.map((f) => `${f.code} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`);

  for (const [dialect, mapping] of [
    ['Organizational data', ods],
    ['Viva Insights', viva],
  ] as const) {
    it(`${dialect}: a raw export checked through the mapping finds, on its own cells, what the upload made from it finds`, () => {
      const rand = seeded(dialect.length);
      const values = ['a@contoso.com', 'b@contoso.com', 'x@contoso', ' c@contoso.com', '', "''", '1', 'one', '=1+1', 'Sales', '"Q, Ops"'];
      const sources = Object.keys(mapping);
      for (let k = 0; k < 150; k++) {
        // the mapped columns first (in the mapping's order), then columns the upload leaves out
        const rows = Array.from({ length: 2 + rand(6) }, (_, i) =>
          [i === 0 ? 'a@contoso.com' : values[rand(values.length)], ...sources.slice(1).map(() => values[rand(values.length)])].join(','),
        );
        const extra = ['Badge', 'Date of Birth'];
        const raw = [[...sources, ...extra].join(','), ...rows.map((r) => `${r},${rand(1000)},1/1/1970`)].join('\r\n') + '\r\n';
        const upload = [Object.values(mapping).join(','), ...rows].join('\r\n') + '\r\n';
        const mapped = validate(raw, normalizeSettings({ columns: mapping }), { force: true }).findings;
        const converted = validate(upload, normalizeSettings({}), { force: true }).findings;
        // below the header the places are the same (the left-out columns come last); on the header, the code
        const below = (f: Finding): boolean => f.range.start.line > 0;
        assert.deepEqual(brief(mapped.filter(below)), brief(converted.filter(below)), raw);
        assert.deepEqual(
          mapped.filter((f) => !below(f) && f.code !== 'unmapped-column').map((f) => f.code),
          converted.filter((f) => !below(f)).map((f) => f.code),
          raw,
        );
        assert.equal(mapped.filter((f) => f.code === 'unmapped-column').length, 2);
      }
    });
  }
});

describe('orgdata-lint convert and init', function () {
  this.timeout(60_000);
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-convert-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: tmp });

  it('convert: mapped headers, the rest left out, RFC 4180 quoting, line breaks in cells kept, UTF-8 from UTF-16; the upload finds what the export did', () => {
    fs.writeFileSync(path.join(tmp, 'orgdata.json'), PROJECT);
    const raw = RAW.replace('CEO,', '"Chief\r\nExecutive",');
    fs.writeFileSync(path.join(tmp, 'export.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(raw, 'utf16le')]));
    const r = run(['convert', 'export.csv', '-o', 'upload.csv']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      fs.readFileSync(path.join(tmp, 'upload.csv'), 'utf8'),
      '\uFEFFMicrosoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_JobTitle,Microsoft_Organization,Microsoft_HireDate\r\n' +
        'megan@contoso.com,,"Chief\r\nExecutive",Exec,25/12/2019\r\n' +
        'adele@contoso.com,megan@contoso.com,"Sales, EMEA",Sales,13/01/2021\r\n' +
        'alex@contoso,megan@contoso.com,"=HYPERLINK(""x"")",,01/02/2022\r\n',
    );
    assert.match(r.stderr, /wrote upload\.csv \(mapped by orgdata\.columns; left out: Badge Number, Date of Birth; 1 problem fixed\)/);
    // the same findings, on the same lines, as the export (but what convert fixed and what it left out)
    const lines = (args: string[]): string[] =>
      JSON.parse(run(['--format', 'json', ...args]).stdout)
        .files[0].findings.filter((f: { code: string }) => !['unmapped-column', 'email-spaces', 'invalid-utf8'].includes(f.code))
        .map((f: { code: string; line: number }) => `${f.code} ${f.line}`);
    assert.deepEqual(lines(['upload.csv']), lines(['export.csv']));
    // commas, even where the settings turn the separator's finding off
    fs.writeFileSync(path.join(tmp, 'semi.csv'), 'Work Email;Department\nmegan@contoso.com;"Sales, EMEA"\n');
    assert.equal(
      run(['convert', 'semi.csv', '-o', 'semi-upload.csv', '--severity', 'wrong-delimiter=off']).status,
      2,
      'convert takes no --severity',
    );
    fs.writeFileSync(
      path.join(tmp, 'orgdata.json'),
      PROJECT.replace('"columns"', '"severity": { "wrong-delimiter": "off" },\n  "columns"'),
    );
    assert.equal(run(['convert', 'semi.csv', '-o', 'semi-upload.csv']).status, 0);
    assert.equal(
      fs.readFileSync(path.join(tmp, 'semi-upload.csv'), 'utf8'),
      'Microsoft_PersonEmail,Microsoft_Organization\nmegan@contoso.com,"Sales, EMEA"\n',
    );
    // never over the export
    const over = run(['convert', 'export.csv', '-o', 'export.csv']);
    assert.equal(over.status, 2);
    assert.match(over.stderr, /does not write over the export/);
    assert.equal(run(['convert', 'export.csv']).status, 2, 'no -o');
  });

  it('init: a starter orgdata.json from realistic HR headers, each guess with its reason; never over a file', () => {
    const workday =
      'Employee ID,Worker,Legal First Name,Last Name,Primary Work Email,Manager Email,Business Title,Supervisory Organization,Job Family,Location,Country,Original Hire Date,Date of Birth,Annual Salary\n' +
      'E1,Megan Bowen,Megan,Bowen,megan@contoso.com,,CEO,Exec,Leadership,Redmond HQ,United States,25/12/2019,1/1/1970,1\n';
    fs.writeFileSync(path.join(tmp, 'workday.csv'), workday);
    const r = run(['init', 'workday.csv']);
    assert.equal(r.status, 0, r.stderr);
    const written = fs.readFileSync(path.join(tmp, 'orgdata.json'), 'utf8');
    for (const line of [
      '    "Primary Work Email": "Microsoft_PersonEmail", // a common HR name for Microsoft_PersonEmail',
      '    "Worker": "Microsoft_DisplayName", // a common HR name for Microsoft_DisplayName',
      '    "Supervisory Organization": "Microsoft_Organization", // a common HR name for Microsoft_Organization',
      '    "Country": "Microsoft_CompanyOfficeCountryOrRegion", // a common HR name for Microsoft_CompanyOfficeCountryOrRegion',
      '    // not mapped, so left out of the upload: "Employee ID", "Date of Birth", "Annual Salary"',
      '  "dateFormat": "DD/MM/YYYY", // the export\'s dates put the day first',
    ])
      assert.ok(written.includes(line), `${line}\n---\n${written}`);
    // the file it wrote is a valid project file, and the export now checks as an upload
    const check = run(['--format', 'json', 'workday.csv']);
    assert.equal(check.status, 0, check.stderr + check.stdout);
    assert.deepEqual(
      JSON.parse(check.stdout)
        .files[0].findings.map((f: { code: string }) => f.code)
        .filter((c: string) => c !== 'unmapped-column'),
      [],
    );
    const again = run(['init', 'workday.csv']);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /already exists; init never writes over it/);
    assert.equal(fs.readFileSync(path.join(tmp, 'orgdata.json'), 'utf8'), written);
    // Viva Insights names when asked
    const viva = run(['init', 'workday.csv', '--dialect', 'viva', '-o', 'viva.json']);
    assert.equal(viva.status, 0, viva.stderr);
    assert.match(fs.readFileSync(path.join(tmp, 'viva.json'), 'utf8'), /"Primary Work Email": "PersonId"/);
  });
});
