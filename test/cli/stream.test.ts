import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { normalizeSettings, parseEntraUsers, validate, type Finding } from '../../server/src/engine';
import { generateEntraUsers, generateOds, writeOdsFile } from '../../bench/generate';
import { terminalMessage } from '../../server/src/cli/words';

const ROOT = path.resolve(__dirname, '../../..');

/** An engine finding as orgdata-lint's JSON gives it: code, line, column, end line, end column (1-based), the terminal's words. */
function asCli(f: Finding): (string | number)[] {
  return [f.code, f.range.start.line + 1, f.range.start.character + 1, f.range.end.line + 1, f.range.end.character + 1, terminalMessage(f)];
}
const CLI = path.join(ROOT, 'dist/orgdata-lint.js');

type LintJson = {
  code: number | null;
  files: {
    findings: { code: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
    people: number;
  }[];
};

function lintJson(file: string, env: Record<string, string> = {}, args: string[] = ['--max-problems', '100000']): LintJson {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', ...args, file], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(r.stderr, '');
  return { code: r.status, ...JSON.parse(r.stdout) };
}

/** The findings of the CLI's reader with the directory given in place (no thread): code, line, column, end line, end column, message. */
function inPlaceStream(file: string, users: string, maxProblems: number, readBytes: number): (string | number)[][] {
  const out = path.join(ROOT, 'out/server/src');
  const script = `
    const { validateFileStream } = require(${JSON.stringify(path.join(out, 'cli/fileReader.js'))});
    const { EntraFiles } = require(${JSON.stringify(path.join(out, 'entraFile.js'))});
    const { normalizeSettings } = require(${JSON.stringify(path.join(out, 'engine/index.js'))});
    const { terminalMessage } = require(${JSON.stringify(path.join(out, 'cli/words.js'))});
    const entra = new EntraFiles().load(${JSON.stringify(users)}, '/').directory;
    const r = validateFileStream(${JSON.stringify(file)}, normalizeSettings({ maxProblems: ${maxProblems} }), { force: true, entra });
    process.stdout.write(JSON.stringify(r.findings.map((f) => [f.code, f.range.start.line + 1, f.range.start.character + 1, f.range.end.line + 1, f.range.end.character + 1, terminalMessage(f)])));`;
  const r = spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: { ...process.env, ORGDATA_READ_BYTES: String(readBytes) },
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(r.stderr, '');
  return JSON.parse(r.stdout);
}

describe('orgdata-lint on streamed files', function () {
  this.timeout(120_000);
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdata-stream-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a file read in many small pieces gives exactly the findings of the whole text', () => {
    // defects on both sides of many read boundaries: a duplicate far from its first row, a loop across
    // chunks, multi-line quoted cells, a character of several bytes, blank lines and short rows
    const rows = generateOds(3000).trimEnd().split('\r\n');
    rows[10] = rows[10].replace(/^[^,]+/, 'dup@contoso.com');
    rows[2900] = rows[2900].replace(/^[^,]+/, 'DUP@contoso.com');
    rows[1500] = rows[1500].replace(/^([^,]+),([^,]*)/, 'loop.a@contoso.com,loop.b@contoso.com');
    rows[2500] = rows[2500].replace(/^([^,]+),([^,]*)/, 'loop.b@contoso.com,loop.a@contoso.com');
    for (let i = 100; i < 3000; i += 97) rows[i] = rows[i].replace('"Building', '"Büro\r\nBuilding');
    rows[777] = '';
    rows[1234] = 'short@contoso.com,x';
    rows[2222] = rows[2222].replace(/,[^,]*$/, ',"=SUM(A1)"');
    const text = rows.join('\r\n') + '\r\n';
    const file = path.join(tmp, 'pieces.csv');
    fs.writeFileSync(file, text);

    const whole = validate(text, normalizeSettings({ maxProblems: 100000 })).findings.map(asCli);
    // one size for every read, and small reads that grow part way (as the reader's own sizes do past 64 MB)
    const bySizes = ['7001', '3001,20011,150000'].map((readBytes) =>
      lintJson(file, { ORGDATA_READ_BYTES: readBytes }).files[0].findings.map((f) => [
        f.code,
        f.line,
        f.column,
        f.endLine,
        f.endColumn,
        f.message,
      ]),
    );
    const got = bySizes[0];
    assert.ok(whole.length > 40, `planted defects found: ${whole.length}`);
    assert.deepEqual(got, whole);
    assert.deepEqual(bySizes[1], whole, 'reads of 3,001 bytes, then of 20,011');
    assert.ok(
      got.some((f) => f[0] === 'duplicate-person' && /already has a row on line 11 /.test(String(f[5]))),
      'the duplicate far from its first row',
    );
    assert.equal(got.filter((f) => f[0] === 'reporting-loop').length, 2);
  });

  it('with --entra-users (the cross-check in its own thread), a file read in pieces gives exactly what the engine gives, under any cap', () => {
    // every cross-check finding, on both sides of many read boundaries: people unknown to the tenant, a
    // manager unknown to it, disabled and guest accounts, values Entra ID hides, and members without a row
    const people = 2000;
    const rows = generateOds(people).trimEnd().split('\r\n');
    for (let i = 37; i < people; i += 211) rows[i] = rows[i].replace(/^[^,]+/, `nobody${i}@contoso.com`);
    for (let i = 60; i < people; i += 307) rows[i] = rows[i].replace(/^([^,]+),[^,]*/, `$1,ghost${i}@contoso.com`);
    for (let i = 90; i < people; i += 401) rows[i] = rows[i].replace(/^([^,]+),([^,]*),([^,]*)/, '$1,$2,Finance & Risk');
    // and findings of the rules after the cross-check's (values), so that a cap falls among both
    for (let i = 3; i < people; i += 7) rows[i] = rows[i].replace(/^((?:[^,]*,){5})[^,]*/, "$1'");
    const entraRows = generateEntraUsers(people).trimEnd().split('\r\n');
    // user i + 1 is on line i + 2; a guest among the people of the file
    entraRows[501] = entraRows[501].replace(',Member,', ',Guest,');
    const entraText = entraRows.join('\r\n') + '\r\n';
    const text = rows.join('\r\n') + '\r\n';
    const file = path.join(tmp, 'crosscheck.csv');
    const users = path.join(tmp, 'users.csv');
    fs.writeFileSync(file, text);
    fs.writeFileSync(users, entraText);
    const entra = parseEntraUsers(entraText, 'users.csv');

    // all findings: those of the whole text at once
    const whole = validate(text, normalizeSettings({ maxProblems: 100000 }), { entra }).findings.map(asCli);
    const codes = new Set(whole.map((f) => f[0]));
    for (const code of [
      'entra-person-unmatched',
      'entra-manager-unmatched',
      'entra-account-disabled',
      'entra-guest-user',
      'shadowed-by-entra',
      'entra-members-missing',
    ])
      assert.ok(codes.has(code), code);
    for (const readBytes of ['7001', '65536']) {
      const streamed = lintJson(file, { ORGDATA_READ_BYTES: readBytes }, ['--max-problems', '100000', '--entra-users', users]);
      assert.deepEqual(
        streamed.files[0].findings.map((f) => [f.code, f.line, f.column, f.endLine, f.endColumn, f.message]),
        whole,
        `reads of ${readBytes} bytes`,
      );
    }
    // under a cap, which findings a stream keeps depends on its chunks: the same as the cross-check made in
    // place on the same chunks (the engine's Validation, as the reader drives it, given the directory)
    // (the cap ranks by severity: the cross-check's warnings compete with the lone quotes' warnings, in file order)
    for (const maxProblems of [40, 8]) {
      const inPlace = inPlaceStream(file, users, maxProblems, 7001);
      const streamed = lintJson(file, { ORGDATA_READ_BYTES: '7001' }, ['--max-problems', String(maxProblems), '--entra-users', users]);
      assert.deepEqual(
        streamed.files[0].findings.map((f) => [f.code, f.line, f.column, f.endLine, f.endColumn, f.message]),
        inPlace,
        `cap ${maxProblems}`,
      );
      assert.equal(inPlace[0][0], 'too-many-problems');
      assert.equal(inPlace.length, maxProblems + 1);
      assert.ok(
        inPlace.some((f) => String(f[0]).startsWith('entra-') || f[0] === 'shadowed-by-entra'),
        "the cap keeps some of the cross-check's findings",
      );
    }
  });

  it("with --entra-users, the thread reads each chunk's text from the file: a byte-order mark, characters split between reads and an undecodable byte change nothing", () => {
    // first names Entra ID hides, of 2, 3 and 4 bytes a character, on both sides of many read boundaries,
    // in a file with a byte-order mark; one byte that is no UTF-8 half way (after it the text is sent)
    const people = 2000;
    const rows = generateOds(people).trimEnd().split('\r\n');
    for (let i = 1; i < people; i += 13) rows[i] = rows[i].replace(/^((?:[^,]*,){6})[^,]*/, `$1Zoë 山田 😀${i}`);
    const half = Buffer.from(rows.slice(0, 1000).join('\r\n') + '\r\n');
    const rest = Buffer.from(rows.slice(1000).join('\r\n') + '\r\n');
    const file = path.join(tmp, 'multibyte.csv');
    const users = path.join(tmp, 'users-multibyte.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), half, Buffer.from('x\xff', 'latin1'), rest]));
    fs.writeFileSync(users, generateEntraUsers(people));
    const inPlace = inPlaceStream(file, users, 100000, 7001);
    const shadowed = inPlace.filter((f) => f[0] === 'shadowed-by-entra' && String(f[5]).includes('Zoë 山田 😀'));
    assert.ok(
      shadowed.some((f) => Number(f[1]) < 1000) && shadowed.some((f) => Number(f[1]) > 1002),
      'hidden names before and after the undecodable byte',
    );
    for (const readBytes of ['7001', '65536']) {
      const streamed = lintJson(file, { ORGDATA_READ_BYTES: readBytes }, ['--max-problems', '100000', '--entra-users', users]);
      assert.deepEqual(
        streamed.files[0].findings.map((f) => [f.code, f.line, f.column, f.endLine, f.endColumn, f.message]),
        readBytes === '7001' ? inPlace : inPlaceStream(file, users, 100000, 65536),
        `reads of ${readBytes} bytes`,
      );
    }
  });

  it('with --entra-users, each of several files is cross-checked on its own (its findings, its members missing)', () => {
    const users = path.join(tmp, 'users-many.csv');
    const entraText = generateEntraUsers(1500);
    fs.writeFileSync(users, entraText);
    const entra = parseEntraUsers(entraText, 'users-many.csv');
    const texts = [generateOds(1500), generateOds(600), generateOds(1500).replace(/adele\.vance0@/g, 'nobody@')];
    const files = texts.map((t, i) => {
      const f = path.join(tmp, `part${i}.csv`);
      fs.writeFileSync(f, t);
      return f;
    });
    const r = spawnSync(process.execPath, [CLI, '--format', 'json', '--max-problems', '100000', '--entra-users', users, ...files], {
      encoding: 'utf8',
      env: { ...process.env, ORGDATA_READ_BYTES: '9000' },
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(r.stderr, '');
    const got = (JSON.parse(r.stdout) as LintJson).files.map((f) => f.findings.map((x) => [x.code, x.line, x.column, x.message]));
    const want = texts.map((t) =>
      validate(t, normalizeSettings({ maxProblems: 100000 }), { entra }).findings.map((f) => [
        f.code,
        f.range.start.line + 1,
        f.range.start.character + 1,
        terminalMessage(f),
      ]),
    );
    assert.deepEqual(got, want);
    // the second file leaves people 600 to 1499 out: 900, less the generator's disabled accounts (every 50th)
    const missing = want.map((w) =>
      Number(
        /^(\d+) enabled member users of users-many\.csv have no row/.exec(
          String(w.find((f) => f[0] === 'entra-members-missing')?.[3]),
        )?.[1],
      ),
    );
    assert.equal(missing[1] - missing[0], 900 - 18);
  });

  it('the summary and the exit status count every finding, not only those the cap keeps (with and without the Entra ID thread)', () => {
    // warnings all over the file (a space after a manager's address), information from the cross-check,
    // and one error near its end
    const people = 3000;
    const rows = generateOds(people).trimEnd().split('\r\n');
    for (let i = 2; i < people; i += 3) rows[i] = rows[i].replace(/^([^,]+),([^,]+)/, '$1,$2 ');
    rows[2900] = rows[2900].replace(/^[^,]+/, 'not-an-email');
    const text = rows.join('\r\n') + '\r\n';
    const file = path.join(tmp, 'late-error.csv');
    const users = path.join(tmp, 'users-late.csv');
    fs.writeFileSync(file, text);
    const entraText = generateEntraUsers(people);
    fs.writeFileSync(users, entraText);
    const entra = parseEntraUsers(entraText, 'users-late.csv');
    const all = validate(text, normalizeSettings({ maxProblems: 100000 }), { entra }).findings;
    const count = (s: string): number => all.filter((f) => f.severity === s).length;
    assert.equal(count('error'), 1);
    assert.ok(count('warning') > 500 && count('information') > 500, `warnings ${count('warning')}, information ${count('information')}`);
    const capped = validate(text, normalizeSettings({ maxProblems: 100 }), { entra });
    assert.deepEqual(capped.counts, { error: 1, warning: count('warning'), information: count('information'), hint: count('hint') });

    const run = (args: string[]): ReturnType<typeof spawnSync> =>
      spawnSync(process.execPath, [CLI, file, '--max-problems', '100', ...args], {
        encoding: 'utf8',
        env: { ...process.env, ORGDATA_READ_BYTES: '65536' },
      });
    for (const entraArgs of [[], ['--entra-users', users]]) {
      const expected = entraArgs.length ? all : validate(text, normalizeSettings({ maxProblems: 100000 })).findings;
      const n = (s: string): number => expected.filter((f) => f.severity === s).length;
      const r = run(entraArgs);
      assert.equal(r.status, 1, `${entraArgs.join(' ')}: an error anywhere fails the run`);
      const out = String(r.stdout);
      // the most severe are kept first: the error past a hundred other findings is shown, then warnings, and
      // no information while a warning is hidden
      assert.match(out, /^.*late-error\.csv:2901:1: error: .*\[invalid-email\]$/m);
      const hiddenWarnings = n('warning') - 99;
      const hiddenInformation = n('information');
      const parts = [`${hiddenWarnings} warnings`, ...(hiddenInformation ? [`${hiddenInformation} information`] : [])].join(', ');
      assert.match(
        out,
        new RegExp(
          `^.*:1:1: information: ${hiddenWarnings + hiddenInformation} more problems are not shown \\(${parts}; --max-problems is 100, the most severe are shown first\\): fix these first, or raise --max-problems\\. \\[too-many-problems\\]$`,
          'm',
        ),
      );
      const lines = out.split('\n').filter((l) => l.includes('late-error.csv:'));
      assert.equal(lines.length, 101, 'the cap, and the note');
      assert.equal(lines.filter((l) => /: warning: /.test(l)).length, 99);
      assert.ok(
        new RegExp(
          `1 error, ${n('warning')} warnings${n('information') ? `, ${n('information')} information` : ''} in 1 file(; at least \\d+ fixable with --fix)?\\n$`,
        ).test(out),
        out.slice(-120),
      );
      // --quiet shows errors only, and still counts the rest
      const quiet = run([...entraArgs, '--quiet']);
      assert.equal(quiet.status, 1);
      assert.match(
        String(quiet.stdout),
        new RegExp(
          `^.*late-error\\.csv:2901:1: error: .*\\[invalid-email\\]\\n1 error, ${n('warning')} warnings.* in 1 file \\(--quiet: only errors are shown\\)\\n$`,
        ),
      );
      const json = JSON.parse(String(run([...entraArgs, '--format', 'json']).stdout));
      const { fixable, ...summary } = json.summary;
      assert.deepEqual(summary, { errors: 1, warnings: n('warning'), information: n('information'), hints: 0, files: 1 });
      assert.equal(fixable, json.files[0].findings.filter((f: { fixable?: boolean }) => f.fixable).length);
    }
  });

  it('with --entra-users, a file that is no users export stops the run (exit 2), whatever was checked by then', () => {
    const file = path.join(tmp, 'ok.csv');
    fs.writeFileSync(file, generateOds(3000));
    const users = path.join(tmp, 'not-users.csv');
    fs.writeFileSync(users, 'name,office\r\nAdele,Building 1\r\n');
    const r = spawnSync(process.execPath, [CLI, file, '--entra-users', users], {
      encoding: 'utf8',
      env: { ...process.env, ORGDATA_READ_BYTES: '7001' },
    });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'orgdata-lint: not-users.csv has no userPrincipalName or mail column, so its users cannot be matched to people (see --help)\n',
    );
  });

  it('a file larger than a JavaScript string can hold (600 MB) is validated in bounded memory', () => {
    const file = path.join(tmp, 'huge.csv');
    writeOdsFile(file, 600 * 1024 * 1024);
    const r = spawnSync(process.execPath, ['--max-old-space-size=450', CLI, file], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    // no findings but the upload-size note
    assert.match(r.stdout, /^.*huge\.csv:1:1: information: This file is 6\d\d\.\d MB.*\[file-too-large\]$/m);
    assert.match(r.stdout, /0 errors, 0 warnings, 1 information in 1 file\n$/);
  });
});
