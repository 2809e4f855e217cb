import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { normalizeSettings, validate } from '../../server/src/engine';
import { generateOds, writeOdsFile } from '../../bench/generate';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/orgdata-lint.js');

function lintJson(file: string, env: Record<string, string> = {}): { code: number | null; files: { findings: { code: string; line: number; column: number; endLine: number; endColumn: number; message: string }[]; people: number }[] } {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', '--max-problems', '100000', file], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.stderr, '');
  return { code: r.status, ...JSON.parse(r.stdout) };
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

    const whole = validate(text, normalizeSettings({ maxProblems: 100000 })).findings.map((f) => [f.code, f.range.start.line + 1, f.range.start.character + 1, f.range.end.line + 1, f.range.end.character + 1, f.message]);
    const streamed = lintJson(file, { ORGDATA_READ_BYTES: '7001' });
    const got = streamed.files[0].findings.map((f) => [f.code, f.line, f.column, f.endLine, f.endColumn, f.message]);
    assert.ok(whole.length > 40, `planted defects found: ${whole.length}`);
    assert.deepEqual(got, whole);
    assert.ok(got.some((f) => f[0] === 'duplicate-person' && /already has a row on line 11 /.test(String(f[5]))), 'the duplicate far from its first row');
    assert.equal(got.filter((f) => f[0] === 'reporting-loop').length, 2);
  });

  it('a file larger than a JavaScript string can hold (600 MB) is validated in bounded memory', () => {
    const file = path.join(tmp, 'huge.csv');
    writeOdsFile(file, 600 * 1024 * 1024);
    const r = spawnSync(process.execPath, ['--max-old-space-size=450', CLI, file], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    // no findings but the upload-size note
    assert.match(r.stdout, /^.*huge\.csv:1:1 information file-too-large This file is 6\d\d\.\d MB/);
    assert.match(r.stdout, /0 errors, 0 warnings, 1 information in 1 file\n$/);
  });
});
