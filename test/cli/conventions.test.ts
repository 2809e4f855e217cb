import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../../dist/orgdata-lint.js');

/** orgdata-lint with the conventions of ESLint and Ruff: standard input, an output file, CI-native formats. */
describe('orgdata-lint conventions', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-conv-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const run = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, cwd: tmp });
  // a duplicate (with its first row as related location), an invalid address, a space after an address
  const TEXT =
    [
      'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization',
      'megan@contoso.com,,Exec',
      'adele@contoso.com,megan@contoso.com ,Sales',
      'Adele@contoso.com,megan@contoso.com,Sales',
      'not-an-address,megan@contoso.com,Sales',
    ].join('\n') + '\n';

  it('- reads standard input, named by --stdin-filename in the report; check is the default command by name', () => {
    const file = path.join(tmp, 'people.csv');
    fs.writeFileSync(file, TEXT);
    const named = run([file]);
    const piped = run(['check', '-', '--stdin-filename', 'people.csv'], TEXT);
    assert.equal(piped.status, 1);
    assert.equal(piped.stdout, named.stdout.split(file).join('people.csv'));
    assert.match(run(['-'], TEXT).stdout, /^<stdin>:5:1: error: .*\[invalid-email\]$/m);
    assert.equal(run(['-', '-'], TEXT).status, 2);
  });

  it('-o/--output-file: the report goes to the file, nothing to standard output, the same exit code', () => {
    const out = path.join(tmp, 'report.json');
    const r = run(['--format', 'json', '-o', out, '-'], TEXT);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).summary.errors, 1);
    const profileOut = path.join(tmp, 'profile.txt');
    assert.equal(run(['profile', '--output-file', profileOut, '-'], TEXT).stdout, '');
    assert.match(fs.readFileSync(profileOut, 'utf8'), /^<stdin>: 3 people, 4 rows, 3 columns/);
    const bad = run(['-o', path.join(tmp, 'no/such/folder/r.txt'), '-'], TEXT);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /cannot write the report \(no such folder\)/);
  });

  it('--max-warnings -1 means no limit; a flag a command does not take is a usage error', () => {
    assert.equal(run(['--max-warnings', '-1', '-'], TEXT.replace('not-an-address', 'lee@contoso.com')).status, 0);
    for (const args of [
      ['diff', '--max-warnings', '0', 'a.csv', 'b.csv'],
      ['preview', '--format', 'json', 'a.csv'],
      ['profile', '--entra-users', 'u.csv', 'a.csv'],
      ['profile', '--quiet', 'a.csv'],
      ['--show-values', 'a.csv'],
    ]) {
      const r = run(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^orgdata-lint: --[a-z-]+ does not go with the (diff|preview|profile|check) command \(see --help\)\n$/);
    }
  });

  it('related locations in every format: indented lines in text, related in JSON, relatedLocations in SARIF; JSON findings carry their documentation link', () => {
    const text = run(['-'], TEXT).stdout.split('\n');
    const dup = text.findIndex((l) => / \[duplicate-person\]$/.test(l));
    assert.equal(text[dup + 1], '    <stdin>:3:1: note: first row of this person');
    const json = JSON.parse(run(['--format', 'json', '-'], TEXT).stdout);
    const d = json.files[0].findings.find((f: { code: string }) => f.code === 'duplicate-person');
    assert.deepEqual(d.related, [{ message: 'first row of this person', line: 3, column: 1, endLine: 3, endColumn: 18 }]);
    const invalid = json.files[0].findings.find((f: { code: string }) => f.code === 'invalid-email');
    assert.equal(invalid.url, 'https://learn.microsoft.com/en-us/viva/orgdata-attributes');
    const sarif = JSON.parse(run(['--format', 'sarif', '-'], TEXT).stdout);
    const r = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'duplicate-person');
    assert.deepEqual(r.relatedLocations[0].physicalLocation.region, { startLine: 3, startColumn: 1, endLine: 3, endColumn: 18 });
    assert.deepEqual(r.relatedLocations[0].message, { text: 'first row of this person' });
  });

  it('--format github: one workflow command per finding, its level, place and title, escaped as GitHub reads them', () => {
    const r = run(['--format', 'github', '-', '--stdin-filename', 'hr/people, 2026.csv'], TEXT);
    assert.equal(r.status, 1);
    const lines = r.stdout.trim().split('\n');
    assert.ok(
      lines.every((l) => /^::(error|warning|notice) file=[^:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::/.test(l)),
      r.stdout,
    );
    assert.ok(
      lines.includes(
        '::error file=hr/people%2C 2026.csv,line=5,col=1,endLine=5,endColumn=15,title=invalid-email::Microsoft_PersonEmail must be an email address, but it has no @: enter the full address, such as name@contoso.com.',
      ),
      r.stdout,
    );
    const dup = lines.find((l) => l.includes('title=duplicate-person'))!;
    assert.match(dup, /^::warning .*%0Ahr\/people, 2026\.csv:3:1 first row of this person$/);
  });

  it('--format gitlab: Code Quality issues with stable, distinct fingerprints', () => {
    const twice = TEXT + 'not-an-address,megan@contoso.com,Sales\n';
    const a = JSON.parse(run(['--format', 'gitlab', '-', '--stdin-filename', 'people.csv'], twice).stdout);
    const b = JSON.parse(run(['--format', 'gitlab', '-', '--stdin-filename', 'people.csv'], twice).stdout);
    assert.deepEqual(a, b, 'stable');
    assert.equal(new Set(a.map((i: { fingerprint: string }) => i.fingerprint)).size, a.length, 'distinct');
    const invalid = a.find((i: { check_name: string }) => i.check_name === 'invalid-email');
    assert.deepEqual(Object.keys(invalid).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
    assert.deepEqual([invalid.severity, invalid.location], ['major', { path: 'people.csv', lines: { begin: 5 } }]);
    assert.match(invalid.fingerprint, /^[0-9a-f]{32}$/);
  });

  it('--format junit: a test case per file, a failure per error, the rest as its output', () => {
    const clean = path.join(tmp, 'clean.csv');
    fs.writeFileSync(clean, 'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization\nmegan@contoso.com,,Exec\n');
    const broken = path.join(tmp, 'broken.csv');
    fs.writeFileSync(broken, TEXT);
    const r = run(['--format', 'junit', clean, broken]);
    assert.equal(r.status, 1);
    assert.match(
      r.stdout,
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="orgdata-lint" tests="2" failures="1">\n {2}<testsuite /,
    );
    assert.equal((r.stdout.match(/<testcase /g) ?? []).length, 2);
    assert.equal((r.stdout.match(/<failure type="invalid-email" /g) ?? []).length, 1);
    assert.match(r.stdout, /<system-out>[^<]*duplicate-person[^<]*<\/system-out>/);
  });

  it('rule CODE explains a finding code; an unknown one is a usage error with the near ones', () => {
    const r = run(['rule', 'skills-separator']);
    assert.equal(r.status, 0);
    assert.match(
      r.stdout,
      /^skills-separator: Skills separated by semicolons or pipes\ndefault severity: warning\n\nMicrosoft_UserSkillNames takes skill names separated by commas/,
    );
    assert.match(r.stdout, /\nOur decision: .*\n\nSource: https:\/\/learn\.microsoft\.com\/en-us\/viva\/orgdata-attributes\n/);
    const bad = run(['rule', 'skills']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown finding code "skills"; did you mean skills-separator\?/);
  });

  it('colour on a terminal or when forced; none with NO_COLOR, --no-color, into a file, or when piped', () => {
    const env = (e: Record<string, string>): NodeJS.ProcessEnv => {
      const base = { ...process.env };
      delete base.NO_COLOR;
      delete base.FORCE_COLOR;
      return { ...base, ...e };
    };
    const colourRun = (args: string[], e: Record<string, string>) =>
      spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: TEXT, cwd: tmp, env: env(e) });
    const plain = colourRun(['-'], {}).stdout;
    assert.ok(!plain.includes('\x1b['), 'piped: no colour');
    const forced = colourRun(['-'], { FORCE_COLOR: '1' }).stdout;
    assert.match(
      forced,
      /^\x1b\[1m<stdin>\x1b\[0m:5:1: \x1b\[31merror\x1b\[0m: Microsoft_PersonEmail must be .* \x1b\[2m\[invalid-email\]\x1b\[0m$/m,
    );
    assert.match(forced, /\x1b\[33mwarning\x1b\[0m/);
    assert.equal(forced.replace(/\x1b\[[0-9;]*m/g, ''), plain, 'the same text, coloured');
    assert.equal(colourRun(['--color', '-'], {}).stdout, forced);
    assert.equal(colourRun(['-'], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout, plain);
    assert.equal(colourRun(['--no-color', '-'], { FORCE_COLOR: '1' }).stdout, plain);
    const out = path.join(tmp, 'coloured.txt');
    colourRun(['--color', '-o', out, '-'], {});
    assert.ok(!fs.readFileSync(out, 'utf8').includes('\x1b['), 'never into a file');
  });

  it('a directory scan says which CSV files it skipped as not org data', () => {
    const dir = path.join(tmp, 'scan');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'people.csv'), TEXT);
    fs.writeFileSync(path.join(dir, 'raw_export.csv'), 'Email,Manager,Department\na@contoso.com,,Sales\n');
    const r = run([dir]);
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      `orgdata-lint: skipped 1 CSV file that is not org data (no Microsoft_ or Viva Insights attribute in the header, and not in orgdata.files): ${path.join(dir, 'raw_export.csv')}\n`,
    );
    assert.match(r.stdout, /in 1 file(; \d+ fixable with --fix)?\n$/);
  });

  it("the terminal's words: a message's advice names the flag where the editor's names the setting", () => {
    const dmy =
      [
        'PersonId,ManagerId,Organization,HireDate',
        ...Array.from({ length: 10 }, (_, i) => `p${i}@contoso.com,${i ? 'p0@contoso.com' : ''},Sales,${13 + i}/03/2015`),
      ].join('\n') + '\n';
    const out = run(['-'], dmy).stdout;
    assert.match(out, /read as DD\/MM\/YYYY, not MM\/DD\/YYYY: use --date-format DD\/MM\/YYYY \(the whole file is read in one family\)/);
    assert.ok(!out.includes('orgdata.dateFormat'), out);
    const custom = run(['-'], 'Microsoft_PersonEmail,CostCenter\na@contoso.com,100\n').stdout;
    assert.match(custom, /Add it to --custom-attributes to say it is meant, or remove the column\./);
    const capped = run(['--max-problems', '1', '-'], TEXT).stdout;
    assert.match(capped, /--max-problems is 1, the most severe are shown first\): fix these first, or raise --max-problems\./);
  });

  it('the $orgdata-lint problem matcher (package.json) reads every finding of the text output, and nothing else', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    const pattern = manifest.contributes.problemPatterns.find((p: { name: string }) => p.name === 'orgdata-lint');
    const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'orgdata-lint');
    assert.equal(matcher.pattern, '$orgdata-lint');
    const re = new RegExp(pattern.regexp);
    const text = run(['-', '--stdin-filename', 'hr/people: 2026.csv'], TEXT).stdout.trim().split('\n');
    const json = JSON.parse(run(['--format', 'json', '-', '--stdin-filename', 'hr/people: 2026.csv'], TEXT).stdout).files[0].findings;
    const matched = text.map((l) => re.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    assert.deepEqual(
      matched.map((m) => [
        m[pattern.file],
        Number(m[pattern.line]),
        Number(m[pattern.column]),
        m[pattern.severity],
        m[pattern.code],
        m[pattern.message],
      ]),
      json.map((f: { line: number; column: number; severity: string; code: string; message: string }) => [
        'hr/people: 2026.csv',
        f.line,
        f.column,
        f.severity,
        f.code,
        f.message,
      ]),
    );
    // the related notes and the summary are not findings
    assert.equal(text.length, matched.length + 2);
  });
});
