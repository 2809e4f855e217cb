import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/orgdata-lint.js');

function lint(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('orgdata-lint', () => {
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-cli-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function write(name: string, content: string | Buffer): string {
    const p = path.join(tmp, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    return p;
  }

  it('the bundled samples are clean: exit 0 and a summary', () => {
    const r = lint('samples/contoso-ods.csv', 'samples/contoso-viva-insights.csv');
    assert.equal(r.stdout, '0 errors, 0 warnings in 2 files\n');
    assert.equal(r.code, 0);
  });

  it('findings as path:line:col: severity: message [code], exit 1 on errors', () => {
    const r = lint('samples/with-problems.csv');
    assert.equal(r.code, 1);
    const out = r.stdout.split('\n');
    assert.ok(
      out.includes(
        "samples/with-problems.csv:1:69: error: 'Microsoft_JobTitel' is not an Organizational data attribute, and names starting with Microsoft_ are reserved, so this column will not be imported. Did you mean 'Microsoft_JobTitle'? For a custom attribute, rename it without the Microsoft_ prefix. [unknown-attribute]",
      ),
      r.stdout,
    );
    assert.ok(
      out.includes(
        "samples/with-problems.csv:5:1: warning: This person already has a row on line 3 (emails compare without case): Microsoft merges a person's rows in an order it does not document, so which value wins is unknown (orgdata flags it). Merge the two rows into one. [duplicate-person]",
      ),
      r.stdout,
    );
    assert.match(r.stdout, /^7 errors, 5 warnings in 1 file; 1 fixable with --fix$/m);
  });

  it('a Viva Insights history file (13 monthly snapshots) is clean: exit 0', () => {
    const { generateVivaHistory } = require(path.join(ROOT, 'out/bench/generate.js'));
    const f = write('history.csv', generateVivaHistory(400, 13, true));
    const r = lint(f);
    assert.equal(r.stdout, '0 errors, 0 warnings in 1 file\n');
    assert.equal(r.code, 0);
  });

  it('a header with a line break or an escape sequence: each finding stays one line, nothing reaches the terminal raw', () => {
    const f = write('ctrl.csv', 'Microsoft_PersonEmail,"Microsoft_Job\nTitle","Cost\u001b[31mCenter"\na@contoso.com,CEO,1\n');
    const r = lint(f);
    assert.doesNotMatch(r.stdout, /\u001b/);
    const lines = r.stdout.trim().split('\n');
    for (const line of lines.slice(0, -1)) assert.match(line, /ctrl\.csv:\d+:\d+: (error|warning|information): .* \[[a-z-]+\]$/, line);
    assert.ok(
      lines.some((l) => l.includes("'Microsoft_Job\\nTitle'")),
      r.stdout,
    );
    assert.ok(
      lines.some((l) => l.includes("'Cost\\u001b[31mCenter'")),
      r.stdout,
    );
  });

  it('no cell value is echoed in the output (CI logs stay free of personal data)', () => {
    const r = lint('samples/with-problems.csv');
    assert.doesNotMatch(r.stdout, /adele\.vance@contoso|Alex\.Wilber/);
  });

  it('a directory: the org-data CSVs in it, other CSVs left alone', () => {
    write('dir/people.csv', 'Microsoft_PersonEmail\nbad\n');
    write('dir/sub/viva.csv', 'PersonId,ManagerId,Organization,EffectiveDate\na@contoso.com,,Sales,12/1/2020\n');
    write('dir/prices.csv', 'id,price\n1,"unclosed\n');
    const r = lint(path.join(tmp, 'dir'));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /people\.csv:2:1: error: .*\[invalid-email\]$/m);
    assert.doesNotMatch(r.stdout, /prices/);
    assert.match(r.stdout, /in 2 files$/m);
  });

  it('options: --severity, --custom-attributes, --dialect, --date-format', () => {
    const f = write('opts.csv', 'Microsoft_PersonEmail,Microsoft_HireDate,CostCenter\na@contoso.com,25/12/2020,1\n');
    assert.equal(lint(f).code, 1);
    const r = lint('--date-format', 'DD/MM/YYYY', '--custom-attributes', 'CostCenter', '--severity', 'copilot-columns-missing=off', f);
    assert.equal(r.stdout, '0 errors, 0 warnings in 1 file\n');
    assert.equal(lint('--severity', 'invalid-date=warning', '--custom-attributes=CostCenter', f).code, 0);
    assert.match(lint('--dialect', 'viva', f).stdout, /dialect-mix/);
  });

  it('usage and file errors: exit 2 with one line on stderr, no stack trace', () => {
    for (const [args, msg] of [
      [['missing.csv'], /orgdata-lint: missing\.csv: no such file or directory/],
      [['--bogus', 'x.csv'], /unknown option --bogus/],
      [[], /no file given/],
      [['--severity', 'nope=off', 'x.csv'], /unknown finding code "nope"/],
      [['--dialect', 'excel', 'x.csv'], /--dialect must be "auto", "ods" or "viva"/],
    ] as [string[], RegExp][]) {
      const r = lint(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, msg);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/);
    }
    fs.mkdirSync(path.join(tmp, 'empty-dir'), { recursive: true });
    const r = lint(path.join(tmp, 'empty-dir'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no org-data CSV files in this directory/);
  });

  it('an empty file named on the command line: a clear error', () => {
    const r = lint(write('empty.csv', ''));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /empty\.csv:1:1: error: The file is empty.*\[empty-file\]$/m);
  });

  it('bytes that are not UTF-8: reported with their line', () => {
    const latin1 = Buffer.concat([
      Buffer.from('Microsoft_PersonEmail,Microsoft_CompanyOfficeCity\na@contoso.com,M'),
      Buffer.from([0xfc]),
      Buffer.from('nchen\n'),
    ]);
    const r = lint(write('latin1.csv', latin1));
    assert.match(r.stdout, /latin1\.csv:2:16: error: .*\[invalid-utf8\]$/m);
  });

  it('a UTF-16 file: says so, and still checks the content', () => {
    const text = '\uFEFFMicrosoft_PersonEmail,Microsoft_JobTitel\r\na@contoso.com,CEO\r\n';
    const r = lint(write('utf16.csv', Buffer.from(text, 'utf16le')));
    assert.match(r.stdout, /utf16\.csv:1:1: error: The file is saved as UTF-16.*\[invalid-utf8\]$/m);
    assert.match(r.stdout, /unknown-attribute/);
  });

  it('UTF-16 without a byte-order mark, either byte order: says so, and still checks the content', () => {
    const text = 'Microsoft_PersonEmail,Microsoft_JobTitel\r\na@contoso.com,CEO\r\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes] of [
      ['le.csv', le],
      ['be.csv', be],
    ] as const) {
      const r = lint(write(name, bytes));
      assert.match(r.stdout, new RegExp(`${name.replace('.', '\\.')}:1:1: error: The file is saved as UTF-16.*\\[invalid-utf8\\]$`, 'm'));
      assert.match(r.stdout, /unknown-attribute/);
      assert.doesNotMatch(r.stdout, /not a text file/);
    }
  });

  it('random bytes without a zero byte: one clear error, not a finding per line', () => {
    const { seeded } = require(path.join(ROOT, 'out/test/random.js'));
    const rand = seeded(5);
    const bytes = Buffer.from(Array.from({ length: 3000 }, () => 1 + rand(255)));
    const r = lint(write('noise.csv', bytes));
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      `${path.join(tmp, 'noise.csv')}:1:1: error: This is not a text file (it contains binary data): export the data as "CSV UTF-8 (Comma delimited)" and check that file. [invalid-utf8]\n1 error, 0 warnings in 1 file\n`,
    );
  });

  it('binary garbage: one clear error, no crash', () => {
    const r = lint(write('garbage.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0xfe, 0x00, 0x10])));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /garbage\.csv:1:1: error: This is not a text file.*\[invalid-utf8\]$/m);
  });

  it('a reader that stops early (| head): no crash, the status of the run', () => {
    const rows = ['Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization'];
    for (let i = 0; i < 5000; i++) rows.push(`not-an-email-${i},,Engineering`);
    const file = write('many.csv', rows.join('\n') + '\n');
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" "${file}" | head -n 2; echo "status \${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
    });
    const out = r.stdout.trim().split('\n');
    assert.match(out[0], /many\.csv:1:1: information: .*\[too-many-problems\]$/);
    assert.match(out[1], /many\.csv:2:1: error: .*\[invalid-email\]$/);
    assert.equal(out[2], 'status 1', 'errors were found: exit 1, as without the pipe');
    assert.equal(r.stderr, '', 'no stack trace');
  });

  it('--help and --version', () => {
    assert.match(lint('--help').stdout, /Usage: orgdata-lint/);
    assert.match(lint('--version').stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
