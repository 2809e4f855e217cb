import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/orgdata-lint.js');

function lint(args: string[], options: SpawnSyncOptions = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', ...options });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

describe('orgdata-lint formats, settings and exit codes', () => {
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-formats-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function write(name: string, content: string): string {
    const p = path.join(tmp, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    return p;
  }

  it('--format json: per file, each finding with 1-based line and column, end, and attribute', () => {
    const r = lint(['--format', 'json', 'samples/with-problems.csv', 'samples/contoso-ods.csv']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.files.length, 2);
    const [problems, clean] = out.files;
    assert.equal(problems.path, 'samples/with-problems.csv');
    assert.deepEqual(problems.findings[0], {
      code: 'unknown-attribute',
      severity: 'error',
      message:
        "'Microsoft_JobTitel' is not an Organizational data attribute, and names starting with Microsoft_ are reserved, so this column will not be imported. Did you mean 'Microsoft_JobTitle'? For a custom attribute, rename it without the Microsoft_ prefix.",
      line: 1,
      column: 69,
      endLine: 1,
      endColumn: 87,
      attribute: 'Microsoft_JobTitel',
      // the page that documents the rule
      url: 'https://learn.microsoft.com/en-us/viva/orgdata-attributes',
    });
    assert.deepEqual(clean.findings, []);
    assert.equal(clean.people, 36);
    assert.deepEqual(out.summary, { errors: 7, warnings: 5, information: 0, hints: 0, files: 2, fixable: 1 });
  });

  it('--format sarif: valid SARIF 2.1.0 with a rule per finding code and results with level and region', () => {
    const r = lint(['--format', 'sarif', 'samples/with-problems.csv']);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'orgdata-lint');
    const rules = run.tool.driver.rules;
    const { CODES } = require(path.join(ROOT, 'out/server/src/engine/catalog/codes.js'));
    assert.deepEqual(
      rules.map((x: { id: string }) => x.id),
      Object.keys(CODES),
    );
    for (const rule of rules) {
      assert.ok(rule.shortDescription.text && rule.help.text, rule.id);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    const first = run.results[0];
    assert.equal(first.ruleId, 'unknown-attribute');
    assert.equal(rules[first.ruleIndex].id, 'unknown-attribute');
    assert.equal(first.level, 'error');
    assert.deepEqual(first.locations[0].physicalLocation, {
      artifactLocation: { uri: 'samples/with-problems.csv', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 69, endLine: 1, endColumn: 87 },
    });
    assert.ok(run.results.some((x: { level: string }) => x.level === 'warning'));
    assert.equal(run.results.length, 12);
  });

  it('--max-warnings and --quiet', () => {
    // one warning: spaces around an address
    const f = write('warn.csv', 'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization\r\n a@contoso.com,,Sales\r\n');
    assert.equal(lint([f]).code, 0);
    const over = lint(['--max-warnings', '0', f]);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /1 warning, more than --max-warnings 0/);
    assert.equal(lint(['--max-warnings', '1', f]).code, 0);
    // --quiet hides the warning from the output, and --max-warnings still counts it (as ESLint 9 does)
    assert.equal(lint(['--quiet', f]).stdout, '0 errors, 1 warning in 1 file (--quiet: only errors are shown)\n');
    const quietGate = lint(['--quiet', '--max-warnings', '0', f]);
    assert.equal(quietGate.code, 1);
    assert.equal(quietGate.stdout, '0 errors, 1 warning in 1 file (--quiet: only errors are shown)\n');
    assert.match(quietGate.stderr, /^orgdata-lint: 1 warning, more than --max-warnings 0\n$/);
  });

  it('settings from .vscode/settings.json (with comments) in the working directory, then --config, then flags', () => {
    const ws = path.join(tmp, 'ws');
    write(
      'ws/people.csv',
      'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization,CostCenter,Microsoft_HireDate\na@contoso.com,,Sales,1,25/12/2020\n',
    );
    write(
      'ws/.vscode/settings.json',
      '{\n  // ours\n  "orgdata.customAttributes": ["CostCenter"],\n  "orgdata.severity": { "invalid-date": "warning" },\n}\n',
    );
    const fromWorkspace = lint(['people.csv'], { cwd: ws });
    assert.equal(fromWorkspace.code, 0, fromWorkspace.stdout + fromWorkspace.stderr);
    assert.match(fromWorkspace.stdout, /: warning: .*\[invalid-date\]$/m);
    const config = write('ws/strict.json', '{ "orgdata": { "dateFormat": "DD/MM/YYYY" } }');
    assert.equal(lint(['--config', config, 'people.csv'], { cwd: ws }).stdout, '0 errors, 0 warnings in 1 file\n');
    assert.match(lint(['--severity', 'invalid-date=error', 'people.csv'], { cwd: ws }).stdout, /: error: .*\[invalid-date\]$/m);
    const bad = write('ws/bad.json', '{ "orgdata.dialect": ');
    const r = lint(['--config', bad, 'people.csv'], { cwd: ws });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.json: not a valid settings file/);
  });

  it('quoted globs find the org-data CSVs that match', () => {
    write('g/a/one.csv', 'Microsoft_PersonEmail\nx\n');
    write('g/b/two.csv', 'Microsoft_PersonEmail\ny@contoso.com\n');
    write('g/b/other.csv', 'id,price\n1,2\n');
    const r = lint([path.join(tmp, 'g/**/*.csv')]);
    assert.match(r.stdout, /one\.csv:2:1: error: .*\[invalid-email\]$/m);
    assert.match(r.stdout, /in 2 files\n$/);
    assert.equal(lint([path.join(tmp, 'g/**/*.tsv')]).code, 2);
  });

  it('an unreadable file: exit 2, one line on stderr, the other files still checked', function () {
    const f = write('locked.csv', 'Microsoft_PersonEmail\na@contoso.com\n');
    const readable = write('open.csv', 'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization\na@contoso.com,,Sales\n');
    fs.chmodSync(f, 0o000);
    fs.chmodSync(tmp, 0o755);
    // root reads anything: run as nobody then, with a copy of the (self-contained) CLI that nobody can read,
    // since the checkout itself may sit in a folder only its owner may enter
    const cli = write('orgdata-lint.js', fs.readFileSync(CLI, 'utf8'));
    fs.chmodSync(cli, 0o755);
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, [cli, f, readable], { cwd: tmp, encoding: 'utf8', ...asUser });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `orgdata-lint: ${f}: cannot read the file (permission denied)\n`);
    assert.match(r.stdout, /0 errors, 0 warnings in 1 file/);
  });
});

describe('orgdata-lint preview', () => {
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-preview-cli-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('one person: the export JSON, with Entra ID precedence from --entra-users', () => {
    const r = lint([
      'preview',
      'samples/contoso-ods.csv',
      '--person',
      'Adele.Vance@contoso.com',
      '--entra-users',
      'samples/entra-users.csv',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const p = JSON.parse(r.stdout);
    assert.equal(p.UserProfileInfo.positions[0].detail.jobTitle, 'Sales Director');
    assert.equal(p.orgdataPreview.entraId, 'found in entra-users.csv (objectId 8f4056fc-27f8-45a3-8356-1674312e1234)');
    const ods = JSON.parse(
      lint([
        'preview',
        'samples/contoso-ods.csv',
        '--person',
        'adele.vance@contoso.com',
        '--entra-users',
        'samples/entra-users.csv',
        '--precedence',
        'organizationalData',
      ]).stdout,
    );
    assert.equal(ods.UserProfileInfo.positions[0].detail.jobTitle, 'VP Sales');
  });

  it('everyone: JSON Lines, one person a line, to --out', () => {
    const out = path.join(tmp, 'all.jsonl');
    const r = lint(['preview', 'samples/contoso-ods.csv', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 36);
    assert.deepEqual(lines.map((l) => JSON.parse(l).orgdataPreview.person).slice(0, 2), [
      'megan.bowen@contoso.com',
      'alex.wilber@contoso.com',
    ]);
  });

  it('errors: an unknown person, a missing Entra ID file, a file that is not org data', () => {
    const a = lint(['preview', 'samples/contoso-ods.csv', '--person', 'nobody@contoso.com']);
    assert.equal(a.code, 2);
    assert.equal(a.stderr, 'orgdata-lint: samples/contoso-ods.csv: no row for nobody@contoso.com\n');
    const b = lint(['preview', 'samples/contoso-ods.csv', '--entra-users', 'missing.csv']);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /the Entra ID users file missing\.csv \(--entra-users\) does not exist/);
    const other = path.join(tmp, 'prices.csv');
    fs.writeFileSync(other, '');
    assert.equal(lint(['preview', other]).code, 2);
  });
});

describe('orgdata-lint profile', () => {
  it('--format json: people and a profile per column, exactly as counted', () => {
    const r = lint(['profile', 'samples/contoso-ods.csv', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const p = JSON.parse(r.stdout);
    assert.equal(p.people, 36);
    assert.equal(p.columns.length, 15);
    const org = p.columns.find((c: { name: string }) => c.name === 'Microsoft_Organization');
    assert.deepEqual(
      { filled: org.filled, blank: org.blank, deleted: org.deleted, distinct: org.distinct },
      { filled: 36, blank: 0, deleted: 0, distinct: 5 },
    );
    assert.deepEqual(org.top[0], { value: 'Engineering', count: 12 });
    assert.deepEqual(org.smallGroups, [{ value: 'Executive', count: 2 }]);
    const manager = p.columns.find((c: { name: string }) => c.name === 'Microsoft_ManagerEmail');
    assert.deepEqual([manager.filled, manager.blank], [35, 1]);
  });

  it('text and markdown; --min-group-size; usage errors exit 2', () => {
    const text = lint(['profile', 'samples/contoso-ods.csv', '--min-group-size', '3']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^samples\/contoso-ods\.csv: 36 people, 36 rows, 15 columns\n/);
    assert.match(
      text.stdout,
      /Microsoft_Organization: 100% filled \(36\), 0 blank, 0 deleted, 5 distinct\n  top: Engineering \(12\), Sales \(10\), Human Resources \(7\), Finance \(5\), Executive \(2\)\n  groups under 3 people: 1: Executive \(2\)/,
    );
    const md = lint(['profile', 'samples/contoso-ods.csv', '--format', 'markdown']);
    assert.match(md.stdout, /^### Column profile: `samples\/contoso-ods\.csv`/);
    assert.match(
      md.stdout,
      /\| Microsoft_Organization \| 100% \| 0 \| 0 \| 5 \| Engineering \(12\), Sales \(10\), Human Resources \(7\) \| 0 \| 1: Executive \(2\) \|/,
    );
    assert.equal(lint(['profile', 'samples/contoso-ods.csv', '--format', 'sarif']).code, 2);
    assert.equal(lint(['profile', 'samples/contoso-ods.csv', '--min-group-size', '0']).code, 2);
    assert.equal(lint(['profile', 'samples/contoso-ods.csv', 'samples/contoso-viva-insights.csv']).code, 2);
    assert.equal(lint(['profile', 'missing.csv']).code, 2);
    assert.equal(lint(['samples/contoso-ods.csv', '--min-group-size', '3']).code, 2);
  });
});

describe('orgdata-lint diff', () => {
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-diff-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function files(): [string, string] {
    const before = path.join(tmp, 'before.csv');
    const after = path.join(tmp, 'after.csv');
    fs.copyFileSync(path.join(ROOT, 'samples/contoso-ods.csv'), before);
    const text = fs
      .readFileSync(before, 'utf8')
      .replace(
        'adele.vance@contoso.com,megan.bowen@contoso.com,Sales,Vice President,Sales,1,Adele,Vance,Adele Vance,VP Sales,',
        'adele.vance@contoso.com,megan.bowen@contoso.com,Sales,Vice President,Sales,1,Adele,Vance,Adele Vance,Sales Director,',
      )
      .replace(
        /\n(zoe\.okafor@contoso\.com[^\n]*)\n?$/,
        '\nnina.patel@contoso.com,christie.cline@contoso.com,Engineering,Associate,Engineering,3,Nina,Patel,Nina Patel,Software Engineer,Contoso Ltd,"Building 4, Floor 2",Redmond,United States,"Azure"\n',
      );
    fs.writeFileSync(after, text);
    return [before, after];
  }

  it('--format json: exactly the people and the changes', () => {
    const [before, after] = files();
    const r = lint(['diff', before, after, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      people: { added: ['nina.patel@contoso.com'], absent: ['zoe.okafor@contoso.com'], changed: 1, unchanged: 34 },
      changes: [
        {
          person: 'adele.vance@contoso.com',
          attribute: 'Microsoft_JobTitle',
          kind: 'changed',
          before: 'VP Sales',
          after: 'Sales Director',
        },
      ],
    });
  });

  it('text and markdown say what changes, and that absent people are not deleted; usage errors exit 2', () => {
    const [before, after] = files();
    const text = lint(['diff', before, after]);
    assert.equal(text.code, 0);
    assert.match(
      text.stdout,
      /: 1 added, 1 changed, 34 unchanged, 1 absent \(not deleted\); 1 value changes\n\nMicrosoft_JobTitle: 1 changed, 0 added, 0 deleted\n\nadele\.vance@contoso\.com\n  Microsoft_JobTitle changed: 'VP Sales' -> 'Sales Director'/,
    );
    assert.match(text.stdout, /absent: zoe\.okafor@contoso\.com\nAn upload leaves the stored data of people it does not name as it is/);
    const md = lint(['diff', before, after, '--format', 'markdown']);
    assert.match(md.stdout, /\| adele\.vance@contoso\.com \| Microsoft_JobTitle \| changed \| VP Sales \| Sales Director \|/);
    assert.equal(lint(['diff', before]).code, 2);
    assert.equal(lint(['diff', before, path.join(tmp, 'missing.csv')]).code, 2);
    const prices = path.join(tmp, 'prices.csv');
    fs.writeFileSync(prices, 'id,price\n1,2\n');
    const noPerson = lint(['diff', before, prices]);
    assert.equal(noPerson.code, 2);
    assert.match(noPerson.stderr, /no person column/);
  });
});
