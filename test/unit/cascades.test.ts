import * as assert from 'node:assert/strict';
import { analyze, normalizeSettings, previewExport } from '../../server/src/engine';
import { brief, check, lines, none, ODS, one, only } from '../helpers';

/** One defect, one finding where it is: what a good compiler's error recovery gives. */
describe('no cascades', () => {
  const H = 'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization,Microsoft_Layer';
  const rows = [
    'ceo@contoso.com,,Exec,0',
    'mailto:adele@contoso.com,ceo@contoso.com,Sales,1',
    'lee@contoso.com,ceo@contoso.com,,1',
    'alan@contoso.com,lee@contoso.com,Engineering,3',
  ];

  for (const [what, header] of [
    ['spaces around it', ' Microsoft_PersonEmail ,Microsoft_ManagerEmail,Microsoft_Organization,Microsoft_Layer'],
    ['a no-break space after it', 'Microsoft_PersonEmail\u00a0,Microsoft_ManagerEmail,Microsoft_Organization,Microsoft_Layer'],
    ['a zero-width space in it', 'Microsoft_Person\u200bEmail,Microsoft_ManagerEmail,Microsoft_Organization,Microsoft_Layer'],
    ['a tab before it', '\tMicrosoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization,Microsoft_Layer'],
  ]) {
    it(`a header that names an attribute but for ${what}: one finding with the rename, and the column checked as the attribute`, () => {
      const padded = check(lines(header, ...rows));
      const clean = check(lines(H, ...rows));
      const f = one(padded, 'header-characters', [0, 0, 0, header.indexOf(',')]);
      assert.deepEqual(f.data, { candidates: ['Microsoft_PersonEmail'], padding: true });
      assert.match(f.message, /will not be imported: rename it to 'Microsoft_PersonEmail'\.$/);
      // every check of the clean file is made on the padded one too, at the same places
      assert.deepEqual(
        brief(padded.filter((x) => x.code !== 'header-characters' && x.range.start.line > 0)),
        brief(clean.filter((x) => x.range.start.line > 0)),
      );
      assert.ok(only(padded, 'invalid-email').length === 1 && only(padded, 'layer-mismatch').length === 1);
      none(padded, 'required-missing');
    });
  }

  it('the upload still does not import a padded column: Preview Export says so', () => {
    const settings = normalizeSettings({});
    const doc = analyze(lines('Microsoft_PersonEmail,Microsoft_Organization ', 'ceo@contoso.com,Exec'), settings).doc!;
    const p = previewExport(doc, 1, { precedence: 'entra' });
    assert.ok(!('error' in p));
    if ('error' in p) return;
    assert.deepEqual((p.orgdataPreview as Record<string, unknown>).ignoredColumns, [
      { column: 'Microsoft_Organization', reason: 'header has characters that are not allowed' },
    ]);
    assert.equal(JSON.stringify(p.UserProfileInfo).includes('Exec'), false);
  });

  it('a row with a stray comma: one column-count error, and the people it manages are not accused of an unknown manager', () => {
    // Viva history: HourlyRate €45,50 unquoted in the manager's row of one month
    const V = 'PersonId,ManagerId,Organization,EffectiveDate,HourlyRate';
    const text = lines(
      V,
      'boss@contoso.com,,Exec,1/1/2025,50',
      'boss@contoso.com,,Exec,2/1/2025,€45,50',
      'a@contoso.com,boss@contoso.com,Sales,1/1/2025,30',
      'a@contoso.com,boss@contoso.com,Sales,2/1/2025,30',
      'b@contoso.com,boss@contoso.com,Sales,2/1/2025,30',
      'c@contoso.com,ghost@contoso.com,Sales,2/1/2025,30',
    );
    const findings = check(text);
    one(findings, 'column-count', [2, 35, 2, 38]);
    // ghost is in no row at all: still said; boss is in the broken row: not said for a and b
    assert.deepEqual(
      only(findings, 'manager-not-in-file').map((f) => f.range.start.line),
      [6],
    );
  });

  it('a manager with two rows that give different Layers: their reports follow either, and the duplicate is the finding', () => {
    const text = lines(
      H,
      'ceo@contoso.com,,Exec,0',
      'vp@contoso.com,ceo@contoso.com,Sales,1',
      'm@contoso.com,vp@contoso.com,Sales,2',
      'm@contoso.com,vp@contoso.com,Sales,3',
      'r1@contoso.com,m@contoso.com,Sales,3',
      'r2@contoso.com,m@contoso.com,Sales,4',
      'r3@contoso.com,m@contoso.com,Sales,7',
    );
    const findings = check(text);
    one(findings, 'duplicate-person', [4, 0, 4, 13]);
    // r3 follows neither row of m, nor its depth: still wrong, and only r3
    const [wrong, ...more] = only(findings, 'layer-mismatch');
    assert.deepEqual([wrong.range.start.line, more.length], [7, 0]);
    assert.equal(
      wrong.message,
      'Microsoft_Layer should be 3: this person is 3 levels below the top leader, and their manager has several rows (first on line 4) with Microsoft_Layer 2 and 3. Write 3, or correct the manager.',
    );
  });

  it('a person whose two rows name different managers: no loop is guessed from one of them, the duplicate is the finding', () => {
    const text = lines(
      H,
      'ceo@contoso.com,,Exec,0',
      'a@contoso.com,b@contoso.com,Sales,2',
      'b@contoso.com,a@contoso.com,Sales,1',
      'b@contoso.com,ceo@contoso.com,Sales,1',
      'c@contoso.com,d@contoso.com,Sales,2',
      'd@contoso.com,c@contoso.com,Sales,2',
    );
    const findings = check(text);
    one(findings, 'duplicate-person', [4, 0, 4, 13]);
    // c and d are a real loop, and still said; a and b are not
    assert.deepEqual(
      only(findings, 'reporting-loop')
        .map((f) => f.range.start.line)
        .sort(),
      [5, 6],
    );
  });

  it('a missing column that is probably a misspelt one is named in the message', () => {
    const text = lines('Microsoft_PersonEmail,Microsoft_ManagerEmial,Microsoft_Organization', 'a@contoso.com,b@contoso.com,Sales');
    const f = one(check(text), 'copilot-columns-missing', [0, 0, 0, 67]);
    assert.equal(
      f.message,
      "The file has no Microsoft_ManagerEmail column: the Copilot dashboard's first upload needs it and Microsoft_Organization, each filled in for 95% of people (a later upload may leave them out). 'Microsoft_ManagerEmial' (column 2) looks like a misspelt Microsoft_ManagerEmail: rename it. Otherwise add it, or turn this off without the Copilot dashboard.",
    );
    assert.deepEqual(f.data, { missing: ['Microsoft_ManagerEmail'], misspelt: { Microsoft_ManagerEmail: 'Microsoft_ManagerEmial' } });
    const viva = one(
      check(lines('PersnId,ManagerId,Organization', 'a@contoso.com,b@contoso.com,Sales'), { dialect: 'viva' }),
      'required-missing',
      [0, 0, 0, 30],
    );
    assert.match(viva.message, /'PersnId' \(column 1\) looks like a misspelt PersonId: rename it, or add PersonId/);
  });

  it('the ODS helper header stays clean', () => {
    none(check(lines(ODS, 'a@contoso.com,,Sales')), 'header-characters');
  });
});
