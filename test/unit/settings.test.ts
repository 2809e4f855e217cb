import * as assert from 'node:assert/strict';
import { matchesFilesSetting, normalizeSettings, validate, type SettingsProblem } from '../../server/src/engine';
import { looksLikeOrgData } from '../../server/src/engine/dialect';
import { brief, check, lines, ODS, one, only } from '../helpers';

describe('settings', () => {
  const text = lines(`${ODS},Microsoft_JobTitel`, 'a@contoso.com,,Sales,CEO');

  it('orgdata.severity changes a level, and off drops the finding', () => {
    assert.equal(only(check(text, { severity: { 'unknown-attribute': 'hint' } }), 'unknown-attribute')[0].severity, 'hint');
    assert.deepEqual(only(check(text, { severity: { 'unknown-attribute': 'off' } }), 'unknown-attribute'), []);
  });

  it('a wrong setting value falls back to the default and is reported, never thrown', () => {
    const problems: SettingsProblem[] = [];
    const s = normalizeSettings({ dialect: 'excel', severity: { nope: 'error', 'blank-row': 'loud' }, maxProblems: -3, files: 42 }, problems);
    assert.equal(s.dialect, 'auto');
    assert.equal(s.maxProblems, 1000);
    assert.deepEqual(s.severity, {});
    assert.equal(problems.length, 5);
    assert.deepEqual(normalizeSettings(null), normalizeSettings({}));
  });

  it('orgdata.maxProblems caps the findings and says how many are hidden', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `bad${i},Sales`);
    const result = validate(lines('Microsoft_PersonEmail,Microsoft_Organization', ...rows), normalizeSettings({ maxProblems: 10 }));
    assert.equal(result.findings.length, 11);
    assert.equal(result.total, 30);
    const note = one(result.findings, 'too-many-problems', [0, 0, 0, 0]);
    assert.match(note.message, /20 more problems are not shown \(orgdata\.maxProblems is 10\)/);
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
    assert.deepEqual(brief(findings).map((b) => b.split(' ')[0]).sort(), ['required-missing', 'unknown-attribute', 'unused-column']);
    assert.deepEqual(only(findings, 'unknown-attribute')[0].data?.candidates, ['Microsoft_JobTitle']);
  });
});
