import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hasSafeFix, normalizeSettings, parseEntraUsers, validate } from '../../server/src/engine';
import { EntraFiles } from '../../server/src/entraFile';
import { generateEntraUsers, generateOds } from '../../bench/generate';
import { terminalMessage } from '../../server/src/cli/words';

const CLI = path.resolve(__dirname, '../../../dist/orgdata-lint.js');

/** Companion files that are not what they claim: one clear answer, never a finding on every row. */
describe('Entra ID users files that are not what they claim', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-companion-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const write = (name: string, data: string | Buffer): string => {
    const f = path.join(tmp, name);
    fs.writeFileSync(f, data);
    return f;
  };
  const lint = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

  it('a file with no user objects is a file error that says what it found (exit 2)', () => {
    const people = write('people.csv', generateOds(50));
    for (const [name, text, said] of [
      ['numbers.json', '[1,2,3]', 'none of its 3 items is a user object with a userPrincipalName or mail'],
      ['empty-list.json', '{"value": []}', 'its list is empty'],
      ['groups.json', '[{"id":"1","displayName":"Sales team"}]', 'none of its 1 item is a user object'],
      ['header.csv', 'userPrincipalName,displayName\r\n', 'it has a header row and no user below it'],
    ]) {
      const r = lint(['--entra-users', write(name, text), people]);
      assert.equal(r.status, 2, `${name}: ${r.stdout}`);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith(`orgdata-lint: ${name} holds no Entra ID users: ${said}`), r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
  });

  it('a users CSV saved as UTF-16 (Windows PowerShell 5.1) is read by its byte-order mark, either byte order', () => {
    const users = generateEntraUsers(30);
    const expected = parseEntraUsers(users, 'u.csv');
    const le = write('users-le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(users, 'utf16le')]));
    const be = Buffer.from(users, 'utf16le').swap16();
    const beFile = write('users-be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    for (const file of [le, beFile]) {
      const load = new EntraFiles().load(file, tmp);
      assert.equal(load.problem, undefined);
      assert.equal(load.directory!.users, expected.users);
    }
    const people = write('people-30.csv', generateOds(30));
    const r = lint(['--entra-users', le, '--format', 'json', people]);
    const codes = JSON.parse(r.stdout).files[0].findings.map((f: { code: string }) => f.code);
    assert.ok(!codes.includes('entra-person-unmatched'), codes.join(' '));
    // UTF-16 without its mark: one line, not garbage
    const bare = lint(['--entra-users', write('users-bare.csv', Buffer.from(users, 'utf16le')), people]);
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /^orgdata-lint: users-bare\.csv looks like UTF-16 without a byte-order mark: save it as UTF-8/);
  });

  it("another tenant's export: one warning on the person column, not one a row, in the engine and from the CLI's thread", () => {
    const text = generateOds(200);
    // the same generator's users, at another domain
    const other = generateEntraUsers(200).replace(/@contoso\.com/g, '@fabrikam.com');
    const result = validate(text, normalizeSettings({}), { entra: parseEntraUsers(other, 'fabrikam-users.csv') });
    const unmatched = result.findings.filter((f) => f.code === 'entra-person-unmatched' || f.code === 'entra-manager-unmatched');
    assert.equal(unmatched.length, 1);
    const [warning] = unmatched;
    assert.equal(warning.severity, 'warning');
    assert.deepEqual(warning.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 'Microsoft_PersonEmail'.length } });
    assert.equal(
      warning.message,
      "none of the 200 people in this file are users of fabrikam-users.csv: is it this tenant's export? Export the users of the tenant you upload to (orgdata flags this when at most 5% match, instead of a finding on every row).",
    );
    assert.equal(result.counts.warning, result.findings.filter((f) => f.severity === 'warning').length, 'counts agree with what is shown');
    // the CLI, whose cross-check runs in a thread: the same
    const people = write('people-200.csv', text);
    const r = lint(['--entra-users', write('fabrikam-users.csv', other), '--format', 'json', '--max-warnings', '0', people]);
    assert.equal(r.status, 1);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(
      json.files[0].findings.filter((f: { code: string }) => f.code.includes('unmatched')).map((f: { message: string }) => f.message),
      [warning.message],
    );
    assert.equal(json.summary.warnings, result.counts.warning);
    // this tenant's export, with a few people missing: the per-row findings stay
    const own = generateEntraUsers(200)
      .split('\r\n')
      .filter((_, i) => i % 50 !== 7)
      .join('\r\n');
    const some = validate(text, normalizeSettings({}), { entra: parseEntraUsers(own, 'users.csv') }).findings.filter(
      (f) => f.code === 'entra-person-unmatched',
    );
    assert.equal(some.length, 4);
    assert.ok(some.every((f) => f.range.start.line > 0));
  });
});

describe('one problem of a column, from the command line', function () {
  this.timeout(60_000);
  it('read in small pieces, a shared problem gives exactly what one check of the whole text gives', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-shared-'));
    try {
      // a currency style in most of a column, a date family in another, and text that is not UTF-8 all over
      const rows = ['PersonId,ManagerId,Organization,HireDate,HourlyRate,Notes'];
      for (let i = 0; i < 3000; i++)
        rows.push(
          `p${i}@contoso.com,${i ? 'p0@contoso.com' : ''},Sales,${(i % 28) + 1}/${(i % 12) + 1}/2015,${i % 97 ? `"€${i},50"` : '12'},${i % 50 ? 'x' : 'M\uFFFDller'}`,
        );
      const text = rows.join('\r\n') + '\r\n';
      const file = path.join(tmp, 'history.csv');
      fs.writeFileSync(file, text);
      const whole = validate(text, normalizeSettings({ maxProblems: 100000 }));
      // each of the three is said once (with its count), the cells as hints
      for (const code of ['invalid-number', 'invalid-date', 'invalid-utf8']) {
        const said = whole.findings.filter((f) => f.code === code && f.severity !== 'hint');
        assert.equal(said.length, 1, code);
        assert.ok((said[0].data as { count?: number }).count! > 50, code);
      }
      for (const readBytes of ['7001', '65536']) {
        const r = spawnSync(process.execPath, [CLI, '--format', 'json', '--max-problems', '100000', file], {
          encoding: 'utf8',
          env: { ...process.env, ORGDATA_READ_BYTES: readBytes },
          maxBuffer: 64 * 1024 * 1024,
        });
        const got = JSON.parse(r.stdout).files[0].findings.map(
          (f: { code: string; severity: string; line: number; column: number; message: string }) => [
            f.code,
            f.severity,
            f.line,
            f.column,
            f.message,
          ],
        );
        assert.deepEqual(
          got,
          whole.findings.map((f) => [f.code, f.severity, f.range.start.line + 1, f.range.start.character + 1, terminalMessage(f)]),
          `reads of ${readBytes} bytes`,
        );
        assert.deepEqual(JSON.parse(r.stdout).summary, {
          errors: whole.counts.error,
          warnings: whole.counts.warning,
          information: whole.counts.information,
          hints: whole.counts.hint,
          files: 1,
          fixable: whole.findings.filter(hasSafeFix).length,
        });
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
