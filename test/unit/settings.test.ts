import * as assert from 'node:assert/strict';
import { matchesFilesSetting, normalizeSettings, validate, type SettingsProblem } from '../../server/src/engine';
import { looksLikeOrgData } from '../../server/src/engine/catalog/dialect';
import { brief, check, lines, ODS, one, only } from '../helpers';

describe('settings', () => {
  const text = lines(`${ODS},Microsoft_JobTitel`, 'a@contoso.com,,Sales,CEO');

  it('orgdata.severity changes a level, and off drops the finding', () => {
    assert.equal(only(check(text, { severity: { 'unknown-attribute': 'hint' } }), 'unknown-attribute')[0].severity, 'hint');
    assert.deepEqual(only(check(text, { severity: { 'unknown-attribute': 'off' } }), 'unknown-attribute'), []);
  });

  it('a wrong setting value falls back to the default and is reported, never thrown', () => {
    const problems: SettingsProblem[] = [];
    const s = normalizeSettings(
      { dialect: 'excel', severity: { nope: 'error', 'blank-row': 'loud' }, maxProblems: -3, files: 42 },
      problems,
    );
    assert.equal(s.dialect, 'auto');
    assert.equal(s.maxProblems, 1000);
    assert.deepEqual(s.severity, {});
    assert.equal(problems.length, 5);
    assert.deepEqual(normalizeSettings(null), normalizeSettings({}));
  });

  it('orgdata.maxProblems caps the findings and says how many are hidden', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `bad${i},,Sales`);
    const result = validate(
      lines('Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization', ...rows),
      normalizeSettings({ maxProblems: 10 }),
    );
    assert.equal(result.findings.length, 11);
    assert.equal(result.total, 30);
    const note = one(result.findings, 'too-many-problems', [0, 0, 0, 0]);
    assert.match(
      note.message,
      /^20 more problems are not shown \(20 errors; orgdata\.maxProblems is 10, the most severe are shown first\)/,
    );
  });

  it('the cap ranks by severity: warnings late in a file are shown before hints early in it, and the note counts what is hidden by severity', () => {
    // one department: every manager is outside the file (a hint a row); spaces around a few addresses late (warnings)
    const rows = Array.from({ length: 40 }, (_, i) => `p${i}@contoso.com,boss${i % 3}@contoso.com,Sales`);
    for (const i of [30, 35, 39]) rows[i] = rows[i].replace(/^(p\d+@contoso\.com)/, ' $1');
    const result = validate(
      lines('Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization', ...rows),
      normalizeSettings({ maxProblems: 10 }),
    );
    const shown = result.findings.filter((f) => f.code !== 'too-many-problems');
    assert.equal(shown.length, 10);
    assert.deepEqual(
      shown.filter((f) => f.severity === 'warning').map((f) => [f.code, f.range.start.line]),
      [
        ['email-spaces', 31],
        ['email-spaces', 36],
        ['email-spaces', 40],
      ],
    );
    // the rest of the room goes to the next severity, in file order
    const rest = shown.filter((f) => f.severity !== 'warning');
    assert.equal(rest.length, 7);
    assert.deepEqual(
      rest.map((f) => f.range.start.line),
      [...rest.map((f) => f.range.start.line)].sort((a, b) => a - b),
    );
    assert.deepEqual(result.counts, { error: 0, warning: 3, information: 0, hint: 40 });
    const note = one(result.findings, 'too-many-problems', [0, 0, 0, 0]);
    assert.equal(
      note.message,
      '33 more problems are not shown (33 hints; orgdata.maxProblems is 10, the most severe are shown first): fix these first, or raise the setting.',
    );
    assert.deepEqual(note.data, {
      hidden: 33,
      shown: 10,
      hiddenErrors: 0,
      hiddenBySeverity: { error: 0, warning: 0, information: 0, hint: 33 },
    });
  });
});

describe('which files are org data', () => {
  it('by header: ODS or Viva Insights names, also behind a BOM, quotes or the wrong delimiter', () => {
    assert.ok(looksLikeOrgData('Microsoft_PersonEmail,Microsoft_JobTitle\n'));
    assert.ok(looksLikeOrgData('\uFEFF"PersonId","ManagerId"\r\n'));
    assert.ok(looksLikeOrgData('Name;microsoft_personemail\n'));
    assert.ok(!looksLikeOrgData('id,name,price\n1,Widget,3\n'));
    assert.ok(!looksLikeOrgData('Organization,Location\n'));
  });

  it('other CSVs get no findings at all', () => {
    const result = validate('id,name\n1,"unclosed\n', normalizeSettings({}));
    assert.equal(result.orgData, false);
    assert.deepEqual(result.findings, []);
  });

  it('orgdata.files makes a file org data whatever its header', () => {
    assert.ok(matchesFilesSetting(['hr/*.csv'], '/ws/hr/export.csv', 'hr/export.csv'));
    assert.ok(matchesFilesSetting(['*.people.csv'], '/ws/a/b/x.people.csv'));
    assert.ok(!matchesFilesSetting(['hr/*.csv'], '/ws/finance/export.csv', 'finance/export.csv'));
    const findings = check('Email,Title\na@contoso.com,CEO\n', {}, true);
    assert.deepEqual(
      brief(findings)
        .map((b) => b.split(' ')[0])
        .sort(),
      ['copilot-columns-missing', 'required-missing', 'unused-column', 'unused-column'],
    );
    assert.deepEqual(only(findings, 'unused-column')[1].data?.candidates, ['Microsoft_JobTitle']);
  });
});

describe('robustness', () => {
  it('a rule that throws is reported as a rule failure; the other rules still run', () => {
    const settings = normalizeSettings({});
    Object.defineProperty(settings, 'customAttributes', {
      get: () => {
        throw new Error('boom');
      },
    });
    const result = validate(lines(ODS, 'a@contoso.com,,Sales', '', 'b@contoso.com,,"HR'), settings);
    assert.deepEqual(
      result.ruleFailures.map((f) => f.rule),
      ['header'],
    );
    assert.match(result.ruleFailures[0].error, /boom/);
    assert.deepEqual(brief(result.findings), ['blank-row 2:0-2:0', 'unclosed-quote 3:15-3:16']);
  });

  it('binary-looking text, lone quotes and control characters: findings, no exception', () => {
    const nasty = ['Microsoft_PersonEmail,"', '\u0000\u0001,"""', '"', ',,,,,,', '\r\r\r', 'a@b.co,"x""y', '\uD800'].join('\n');
    const result = validate(nasty, normalizeSettings({}));
    assert.equal(result.ruleFailures.length, 0);
    assert.ok(result.findings.length > 0);
  });
});
