import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CODES,
  analyze,
  applyEdits,
  codeActionsFor,
  codeInfo,
  normalizeSettings,
  SAFE_FIX_CODES,
  validate,
  type Code,
} from '../../server/src/engine';

const CLI = path.resolve(__dirname, '../../../dist/orgdata-lint.js');

/**
 * A file from a European Excel, with one of each safe fix: semicolons, a byte-order mark, CRLF, a header in
 * the wrong case and one padded with a space, spaces around an address, a blank line, a lone quote (in a
 * column whose header is in the wrong case: its finding comes to light in the second pass), '' in Layer,
 * a value with a comma; and what no safe fix touches: an invalid address and a misspelt header.
 */
const RAW =
  '\uFEFFMicrosoft_PersonEmail;Microsoft_ManagerEmail;microsoft_organization;Microsoft_Layer; Microsoft_JobTitle;Microsoft_Departmnt\r\n' +
  ' megan@contoso.com ;;Exec;0;CEO;Board\r\n' +
  '\r\n' +
  "adele@contoso.com;megan@contoso.com;';'';Dev, Ops;Sales\r\n" +
  'not-an-address;megan@contoso.com;Sales;1;Rep;Sales\r\n';

const FIXED =
  '\uFEFFMicrosoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization,Microsoft_Layer,Microsoft_JobTitle,Microsoft_Departmnt\r\n' +
  'megan@contoso.com,,Exec,0,CEO,Board\r\n' +
  'adele@contoso.com,megan@contoso.com,\'\',-1,"Dev, Ops",Sales\r\n' +
  'not-an-address,megan@contoso.com,Sales,1,Rep,Sales\r\n';

describe('orgdata-lint --fix and --diff', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-fix-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const run = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, cwd: tmp });
  const codes = (text: string): string[] => validate(text, normalizeSettings({}), { force: true }).findings.map((f) => f.code);

  it('--fix: the safe fixes in place, byte for byte (mark, line endings, quoting kept); the rest reported; nothing else changed', () => {
    const file = path.join(tmp, 'hr.csv');
    fs.writeFileSync(file, RAW);
    fs.chmodSync(file, 0o640);
    const r = run(['--fix', 'hr.csv']);
    assert.equal(fs.readFileSync(file, 'utf8'), FIXED);
    assert.equal(fs.statSync(file).mode & 0o777, 0o640, 'the file keeps its mode');
    assert.deepEqual(
      fs.readdirSync(tmp).filter((f) => f !== 'hr.csv'),
      [],
      'no file left beside it',
    );
    assert.equal(r.stderr, 'orgdata-lint: fixed 7 problems in 1 file\n');
    // what is left: the findings no safe fix touches, exactly those of the fixed file checked afresh
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^hr\.csv:4:1: error: .*\[invalid-email\]$/m);
    assert.match(r.stdout, /^hr\.csv:1:\d+: error: .*\[unknown-attribute\]$/m);
    const fixedCodes = [
      'wrong-delimiter',
      'attribute-case',
      'header-characters',
      'email-spaces',
      'blank-row',
      'lone-quote',
      'layer-delete-marker',
    ];
    const left = codes(FIXED);
    for (const code of fixedCodes) {
      assert.ok(codes(RAW).includes(code) || code === 'lone-quote', `${code} was there`);
      assert.ok(!left.includes(code), `${code} is gone`);
    }
    // a second --fix has nothing to do
    const again = run(['--fix', 'hr.csv']);
    assert.equal(again.stderr, '');
    assert.equal(fs.readFileSync(file, 'utf8'), FIXED);
  });

  it('--diff: a unified diff of what --fix would change, exit 1; the file untouched; exit 0 when nothing is fixable', () => {
    const file = path.join(tmp, 'hr.csv');
    fs.writeFileSync(file, RAW);
    const r = run(['--diff', 'hr.csv']);
    assert.equal(r.status, 1);
    assert.equal(fs.readFileSync(file, 'utf8'), RAW);
    // each line with its own break (CRLF here), as git and diff(1) print them
    const lines = (t: string): string[] => t.match(/[^\n]*\n/g)!;
    assert.equal(
      r.stdout,
      [
        '--- a/hr.csv\n',
        '+++ b/hr.csv\n',
        '@@ -1,5 +1,4 @@\n',
        // (every line changes: the separator)
        ...lines(RAW).map((l) => '-' + l),
        ...lines(FIXED).map((l) => '+' + l),
      ].join(''),
    );
    assert.equal(r.stderr, 'orgdata-lint: --fix would fix 7 problems in 1 file\n');
    // the diff applies: patch(1) turns the file into what --fix writes
    const patch = spawnSync('patch', ['-p1', '--binary', '-s', '-o', '-', 'hr.csv'], { input: r.stdout, cwd: tmp, encoding: 'utf8' });
    if (!patch.error) assert.equal(patch.stdout, FIXED, patch.stderr);

    // one line changed among many: a hunk with three lines of context on each side
    const rows = ['Microsoft_PersonEmail,Microsoft_ManagerEmail', 'megan@contoso.com,'];
    for (let i = 0; i < 12; i++) rows.push(`p${i}@contoso.com,megan@contoso.com`);
    const clean = rows.join('\n') + '\n';
    const spaced = clean.replace('p6@contoso.com,', ' p6@contoso.com ,');
    fs.writeFileSync(path.join(tmp, 'one.csv'), spaced);
    assert.equal(
      run(['--diff', 'one.csv']).stdout,
      [
        '--- a/one.csv',
        '+++ b/one.csv',
        '@@ -6,7 +6,7 @@',
        ' p3@contoso.com,megan@contoso.com',
        ' p4@contoso.com,megan@contoso.com',
        ' p5@contoso.com,megan@contoso.com',
        '- p6@contoso.com ,megan@contoso.com',
        '+p6@contoso.com,megan@contoso.com',
        ' p7@contoso.com,megan@contoso.com',
        ' p8@contoso.com,megan@contoso.com',
        ' p9@contoso.com,megan@contoso.com',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(tmp, 'clean.csv'), clean);
    const none = run(['--diff', 'clean.csv']);
    assert.deepEqual([none.status, none.stdout, none.stderr], [0, '', '']);
    // standard input: --diff reads it, --fix cannot write it
    assert.equal(run(['--diff', '-', '--stdin-filename', 'one.csv'], spaced).stdout, run(['--diff', 'one.csv']).stdout);
    const stdinFix = run(['--fix', '-'], spaced);
    assert.equal(stdinFix.status, 2);
    assert.match(stdinFix.stderr, /--fix cannot write to standard input/);
    assert.equal(run(['--fix', '--diff', 'one.csv']).status, 2);
  });

  it('--fix keeps UTF-16 as UTF-16 and leaves a file that is not UTF-8 alone, saying so', () => {
    const utf16 = path.join(tmp, 'u16.csv');
    const text = '\uFEFFMicrosoft_PersonEmail,Microsoft_ManagerEmail\r\n megan@contoso.com,\r\n';
    fs.writeFileSync(utf16, Buffer.from(text, 'utf16le'));
    run(['--fix', 'u16.csv']);
    assert.equal(fs.readFileSync(utf16).toString('utf16le'), text.replace(' megan', 'megan'));
    const latin = path.join(tmp, 'latin1.csv');
    const bytes = Buffer.concat([
      Buffer.from('Microsoft_PersonEmail,Microsoft_JobTitle\n megan@contoso.com,'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    fs.writeFileSync(latin, bytes);
    const r = run(['--fix', 'latin1.csv']);
    assert.ok(fs.readFileSync(latin).equals(bytes), 'untouched');
    assert.match(r.stderr, /latin1\.csv: not fixed: it holds bytes that are not UTF-8/);
  });

  it('--statistics: a count per code, most frequent first, [*] where --fix repairs it; json too', () => {
    fs.writeFileSync(path.join(tmp, 'hr.csv'), RAW);
    const many = ['Microsoft_PersonEmail,Microsoft_ManagerEmail', 'megan@contoso.com,'];
    for (let i = 0; i < 1500; i++) many.push(`bad${i},megan@contoso.com`);
    fs.writeFileSync(path.join(tmp, 'many.csv'), many.join('\n') + '\n');
    const r = run(['--statistics', 'hr.csv', 'many.csv']);
    assert.equal(r.status, 1);
    const lines = r.stdout.trim().split('\n');
    // past the cap of 1,000 findings: every one is counted
    assert.match(lines[0], /^1501  invalid-email +Not an email address$/);
    assert.ok(
      lines.some((l) => /^ +1  wrong-delimiter +\[\*\] Not comma-separated$/.test(l)),
      r.stdout,
    );
    assert.ok(
      lines.some((l) => /^ +1  email-spaces +\[\*\] /.test(l)),
      r.stdout,
    );
    assert.equal(lines[lines.length - 1], '1505 errors, 3 warnings, 2 information in 2 files; 6 fixable with --fix');
    const json = JSON.parse(run(['--statistics', '--format', 'json', 'hr.csv']).stdout);
    assert.deepEqual(
      json.find((s: { code: string }) => s.code === 'blank-row'),
      { code: 'blank-row', count: 1, fixable: 1, title: 'Blank row' },
    );
    assert.equal(run(['--statistics', '--format', 'sarif', 'hr.csv']).status, 2);
  });

  it('a semicolon file is fully checked, and preview, profile and diff read it, each saying once how it is separated', () => {
    fs.writeFileSync(path.join(tmp, 'hr.csv'), RAW);
    const lint = run(['--format', 'json', 'hr.csv']);
    const found = JSON.parse(lint.stdout).files[0].findings.map((f: { code: string }) => f.code);
    for (const code of ['wrong-delimiter', 'attribute-case', 'email-spaces', 'blank-row', 'invalid-email', 'unknown-attribute'])
      assert.ok(found.includes(code), code);
    const note =
      /^orgdata-lint: hr\.csv: separated by semicolons, which the upload reads as one column: read as it will be once converted to commas \(orgdata-lint --fix converts it\)\n$/;
    const preview = run(['preview', 'hr.csv', '--person', 'adele@contoso.com']);
    assert.equal(preview.status, 0);
    assert.equal(JSON.parse(preview.stdout).orgdataPreview.person, 'adele@contoso.com');
    assert.match(preview.stderr, note);
    const profile = run(['profile', '--format', 'json', 'hr.csv']);
    assert.equal(JSON.parse(profile.stdout).people, 3);
    assert.match(profile.stderr, note);
    fs.writeFileSync(path.join(tmp, 'fixed.csv'), FIXED);
    const diff = run(['diff', '--format', 'json', 'fixed.csv', 'hr.csv']);
    assert.equal(diff.status, 0, diff.stderr);
    assert.deepEqual(JSON.parse(diff.stdout).people, { added: [], absent: [], changed: 0, unchanged: 3 });
  });
});

describe('the safe fixes', () => {
  it('are those the codes catalog describes, and each is the preferred quick fix of its finding', () => {
    const described = (Object.keys(CODES) as Code[]).filter((c) => codeInfo(c).safeFix !== undefined).sort();
    assert.deepEqual([...SAFE_FIX_CODES].sort(), described);
    // and the command line reference lists each
    const reference = fs.readFileSync(path.resolve(__dirname, '../../../docs/cli.md'), 'utf8');
    const listed = [...reference.matchAll(/^\| `([a-z-]+)` \| [a-z]+s? /gm)].map((m) => m[1]).filter((c) => c in CODES);
    assert.deepEqual(listed.sort(), described);
    // the editor's light bulb offers the very edit --fix makes
    const text = 'Microsoft_PersonEmail,Microsoft_ManagerEmail\n megan@contoso.com ,\n';
    const { result, doc } = analyze(text, normalizeSettings({}));
    const f = result.findings.find((x) => x.code === 'email-spaces')!;
    const preferred = codeActionsFor(doc!, f.range, [f]).find((a) => a.isPreferred)!;
    assert.equal(
      applyEdits(text, doc!.out.lineIndex, preferred.edits!),
      'Microsoft_PersonEmail,Microsoft_ManagerEmail\nmegan@contoso.com,\n',
    );
  });

  it('never guess: a misspelt header, a header with a space inside, a formula are left as they are', () => {
    const text = 'Microsoft_PersonEmail,Microsoft_JobTitel,Cost Center,Microsoft_Organization\nmegan@contoso.com,x,1,=HYPERLINK("x")\n';
    const file = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-fix-'));
    fs.writeFileSync(path.join(file, 'x.csv'), text);
    const r = spawnSync(process.execPath, [CLI, '--fix', 'x.csv'], { encoding: 'utf8', cwd: file });
    assert.match(r.stdout, /\[unknown-attribute\]$/m);
    assert.match(r.stdout, /\[formula-injection\]$/m);
    assert.equal(fs.readFileSync(path.join(file, 'x.csv'), 'utf8'), text, r.stderr);
    fs.rmSync(file, { recursive: true, force: true });
  });
});
