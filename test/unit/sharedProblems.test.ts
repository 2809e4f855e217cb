import * as assert from 'node:assert/strict';
import { analyze, applyEdits, codeActionsFor, IncrementalAnalysis, LineIndex, normalizeSettings, validate } from '../../server/src/engine';
import { brief, check, lines, only } from '../helpers';

/** One problem of a whole column (or file) is said once, on its header; single odd cells keep their own findings. */
describe('one message for one problem', () => {
  const V = 'PersonId,ManagerId,Organization,HireDate,HourlyRate';
  const vivaRows = (n: number, rate: (i: number) => string, hire: (i: number) => string = () => '3/14/2012'): string[] =>
    Array.from({ length: n }, (_, i) => `p${i}@contoso.com,${i === 0 ? '' : 'p0@contoso.com'},Sales,${hire(i)},${rate(i)}`);

  it('a currency style in most of a column: one finding on the header at the cells\u2019 severity, listing the first cells, with the whole-column fix; the cells are hints', () => {
    const rows = vivaRows(40, (i) => (i === 7 ? '45' : `"€${40 + i},50"`));
    const text = lines(V, ...rows);
    const { result, doc } = analyze(text, normalizeSettings({}));
    const numbers = only(result.findings, 'invalid-number');
    const header = numbers.filter((f) => f.range.start.line === 0);
    assert.equal(header.length, 1);
    const h = header[0];
    assert.deepEqual(h.range, { start: { line: 0, character: 41 }, end: { line: 0, character: 51 } });
    assert.equal(h.severity, 'error');
    assert.equal(
      h.message,
      '39 of the 40 values in HourlyRate have a currency sign: remove it from every cell (each cell is marked as a hint; the first 5 are listed).',
    );
    assert.deepEqual(
      h.related!.map((r) => r.range.start.line),
      [1, 2, 3, 4, 5],
    );
    // the cells: hints, each still with its own repair
    const cells = numbers.filter((f) => f.range.start.line > 0);
    assert.equal(cells.length, 39);
    assert.ok(cells.every((f) => f.severity === 'hint'));
    assert.deepEqual(cells[0].data, { replacement: '40.50', group: (h.data as { group: string }).group });
    assert.match(
      cells[0].message,
      /^HourlyRate must be a plain number, but it has a currency sign: remove it \(and its decimal comma or separators\)\.$/,
    );
    // the verdict counts the header finding once and the cells as hints
    assert.deepEqual([result.counts.error, result.counts.hint], [1, 39]);
    // the whole-column fix repairs every cell, and the file then has no invalid-number at all
    const actions = codeActionsFor(doc!, h.range, [{ code: h.code, range: h.range, data: h.data }]);
    const fix = actions.find((a) => a.title.startsWith('Fix all'))!;
    assert.equal(fix.title, 'Fix all: repair 39 values in HourlyRate');
    const fixed = applyEdits(text, new LineIndex(text), fix.edits!);
    // (a quoted cell stays quoted)
    assert.equal(fixed, lines(V, ...vivaRows(40, (i) => (i === 7 ? '45' : `"${40 + i}.50"`))));
    assert.deepEqual(only(check(fixed), 'invalid-number'), []);
  });

  it('single odd cells keep their own findings at their severity', () => {
    const rows = vivaRows(40, (i) => (i === 3 || i === 30 ? '$12' : '12'));
    const numbers = only(check(lines(V, ...rows)), 'invalid-number');
    assert.deepEqual(
      numbers.map((f) => [f.range.start.line, f.severity]),
      [
        [4, 'error'],
        [31, 'error'],
      ],
    );
  });

  it('a day-first date column: one finding that names the setting; the month-first reading of the rest is not guessed', () => {
    const rows = vivaRows(
      30,
      () => '20',
      (i) => `${(i % 28) + 1}/0${(i % 9) + 1}/2015`,
    );
    const findings = check(lines(V, ...rows));
    const dates = only(findings, 'invalid-date');
    const h = dates.find((f) => f.range.start.line === 0)!;
    assert.deepEqual(h.range, { start: { line: 0, character: 32 }, end: { line: 0, character: 40 } });
    assert.match(
      h.message,
      /^\d+ of the 30 values in HireDate read as DD\/MM\/YYYY, not MM\/DD\/YYYY: set orgdata\.dateFormat to DD\/MM\/YYYY \(the whole file is read in one family\), or rewrite the dates \(each cell is marked as a hint; the first 5 are listed\)\.$/,
    );
    assert.ok(dates.filter((f) => f.range.start.line > 0).every((f) => f.severity === 'hint'));
  });

  it('text that is not UTF-8 all over a file (Windows-1252): one error where it starts, the rest hints', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `p${i}@contoso.com,,M\uFFFDller ${i},Z\uFFFDrich`);
    const findings = check(
      lines('Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_DisplayName,Microsoft_CompanyOfficeCity', ...rows),
    );
    const utf8 = only(findings, 'invalid-utf8');
    const errors = utf8.filter((f) => f.severity === 'error');
    assert.equal(errors.length, 1);
    assert.deepEqual(errors[0].range, { start: { line: 1, character: 17 }, end: { line: 1, character: 18 } });
    assert.match(errors[0].message, /^40 places in this file are not valid UTF-8: the file was saved in another encoding/);
    assert.equal(utf8.length, 41);
  });

  it('skills separated by pipes in most cells: one warning on the header with the whole-column fix', () => {
    const S = 'Microsoft_PersonEmail,Microsoft_UserSkillNames';
    const text = lines(S, ...Array.from({ length: 10 }, (_, i) => `p${i}@contoso.com,${i === 4 ? '"Azure, SQL"' : 'Azure|SQL'}`));
    const { result, doc } = analyze(text, normalizeSettings({}));
    const h = result.findings.find((f) => f.code === 'skills-separator' && f.range.start.line === 0)!;
    assert.equal(h.severity, 'warning');
    assert.equal(
      h.message,
      '9 of the 10 values in Microsoft_UserSkillNames separate skills with pipes, so each cell would be one skill name: separate them with commas (each cell is marked as a hint; the first 5 are listed).',
    );
    const fix = codeActionsFor(doc!, h.range, [{ code: h.code, range: h.range, data: h.data }]).find((a) => a.title.startsWith('Fix all'))!;
    assert.equal(
      applyEdits(text, new LineIndex(text), fix.edits!),
      lines(S, ...Array.from({ length: 10 }, (_, i) => `p${i}@contoso.com,${i === 4 ? '"Azure, SQL"' : '"Azure,SQL"'}`)),
    );
  });

  it('the same in the editor\u2019s blocks and under a cap as in one check', () => {
    const rows = vivaRows(9000, (i) => (i % 500 === 1 ? '12' : `€${i}`));
    const text = lines(V, ...rows);
    const settings = normalizeSettings({ maxProblems: 50 });
    const fresh = validate(text, settings);
    const blocks = new IncrementalAnalysis(text, settings).result;
    assert.deepEqual(brief(blocks.findings), brief(fresh.findings));
    assert.deepEqual(blocks.counts, fresh.counts);
    const h = fresh.findings.find((f) => f.code === 'invalid-number' && f.range.start.line === 0)!;
    assert.equal(h.severity, 'error');
    assert.match(h.message, /^8982 of the 9000 values in HourlyRate have a currency sign/);
    assert.deepEqual([fresh.counts.error, fresh.counts.hint], [1, 8982]);
  });
});
