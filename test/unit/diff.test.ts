import * as assert from 'node:assert/strict';
import { analyze, DiffBuilder, diffJson, diffMarkdown, diffText, normalizeSettings, type UploadDiff } from '../../server/src/engine';

function diffOf(before: string, after: string, settings: Record<string, unknown> = {}): UploadDiff {
  const s = normalizeSettings(settings);
  const b = new DiffBuilder(s);
  b.addOld(analyze(before, s).doc!);
  b.addNew(analyze(after, s).doc!);
  return b.result();
}

const H = 'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_JobTitle,Microsoft_Layer,Microsoft_Organization,CostCenter';
const OLD =
  [
    H,
    'megan@contoso.com,,CEO,0,Exec,100',
    'adele@contoso.com,megan@contoso.com,VP Sales,1,Sales,200',
    'lee@contoso.com,megan@contoso.com,VP Engineering,1,,300',
    'alan@contoso.com,lee@contoso.com,Engineer,2,Engineering,300',
  ].join('\n') + '\n';

describe('upload diff', () => {
  it("every upload rule: blank keeps, a value adds or changes, '' and Layer -1 delete, case-insensitive people, absent people stay", () => {
    const NEW =
      [
        H,
        'Megan@Contoso.com,,,,,', // blanks: nothing changes
        "adele@contoso.com,megan@contoso.com,Sales Director,-1,'',200", // changed title; Layer and organization deleted
        'lee@contoso.com,megan@contoso.com,VP Engineering,1,Engineering,300', // organization added (was blank)
        'nina@contoso.com,lee@contoso.com,Engineer,2,Engineering,300', // a new person
      ].join('\n') + '\n';
    assert.deepEqual(diffOf(OLD, NEW), {
      people: { added: ['nina@contoso.com'], absent: ['alan@contoso.com'], changed: 2, unchanged: 1 },
      changes: [
        { person: 'adele@contoso.com', attribute: 'Microsoft_JobTitle', kind: 'changed', before: 'VP Sales', after: 'Sales Director' },
        { person: 'adele@contoso.com', attribute: 'Microsoft_Layer', kind: 'deleted', before: '1', after: null },
        { person: 'adele@contoso.com', attribute: 'Microsoft_Organization', kind: 'deleted', before: 'Sales', after: null },
        { person: 'lee@contoso.com', attribute: 'Microsoft_Organization', kind: 'added', before: null, after: 'Engineering' },
      ],
    });
  });

  it("deleting what was never stored changes nothing; ''' deletes as '' does; a column only NEW has is added", () => {
    const NEW = [H + ',Microsoft_CompanyOfficeCity', "lee@contoso.com,,,,''',,Redmond"].join('\n') + '\n';
    assert.deepEqual(diffOf(OLD, NEW).changes, [
      { person: 'lee@contoso.com', attribute: 'Microsoft_CompanyOfficeCity', kind: 'added', before: null, after: 'Redmond' },
    ]);
    const NEW2 = [H, "adele@contoso.com,,,,''',"].join('\n') + '\n';
    assert.deepEqual(
      diffOf(OLD, NEW2).changes.map((c) => [c.attribute, c.kind, c.before]),
      [['Microsoft_Organization', 'deleted', 'Sales']],
    );
  });

  it('either dialect: a Viva Insights history (latest EffectiveDate) against an Organizational data file', () => {
    const VIVA =
      [
        'PersonId,ManagerId,Organization,EffectiveDate,Layer',
        'adele@contoso.com,megan@contoso.com,Marketing,12/1/2025,1',
        'adele@contoso.com,megan@contoso.com,Finance,10/1/2025,1',
        'megan@contoso.com,,Exec,12/1/2025,0',
        'megan@contoso.com,,Board,11/1/2025,0',
      ].join('\n') + '\n';
    const d = diffOf(OLD, VIVA);
    assert.deepEqual(d.changes, [
      { person: 'adele@contoso.com', attribute: 'Organization', kind: 'changed', before: 'Sales', after: 'Marketing' },
    ]);
    assert.deepEqual(d.people, { added: [], absent: ['lee@contoso.com', 'alan@contoso.com'], changed: 1, unchanged: 1 });
    // and the other way round: the Organizational data file against the history's latest snapshot
    assert.deepEqual(
      diffOf(VIVA, OLD)
        .changes.filter((c) => c.person === 'adele@contoso.com')
        .map((c) => [c.attribute, c.kind, c.before, c.after]),
      [
        ['Microsoft_JobTitle', 'added', null, 'VP Sales'],
        ['Microsoft_Organization', 'changed', 'Marketing', 'Sales'],
        ['CostCenter', 'added', null, '200'],
      ],
    );
  });

  it('a file against itself changes nothing, though a person has two rows; the report names the duplicate', () => {
    const text =
      [
        H,
        'megan@contoso.com,,CEO,0,Exec,100',
        'adele@contoso.com,megan@contoso.com,VP Sales,1,Sales,200',
        'Adele@contoso.com,megan@contoso.com,Sales Director,1,Marketing,210',
        'lee@contoso.com,megan@contoso.com,VP Engineering,1,,300',
      ].join('\n') + '\n';
    const d = diffOf(text, text);
    assert.deepEqual(d.changes, []);
    assert.deepEqual(d.people, { added: [], absent: [], changed: 0, unchanged: 3 });
    assert.deepEqual(d.duplicated, ['adele@contoso.com']);
    assert.match(
      diffText('a.csv', 'a.csv', d),
      /\nthis person has more than one row \(the first is compared; merge them before the upload\): adele@contoso\.com$/,
    );
    // a history: the same date twice is a duplicate, other dates are not
    const history =
      [
        'PersonId,ManagerId,Organization,EffectiveDate',
        'a@contoso.com,,Sales,1/1/2025',
        'a@contoso.com,,Sales,2/1/2025',
        'b@contoso.com,,X,2/1/2025',
        'b@contoso.com,,Y,2/1/2025',
      ].join('\n') + '\n';
    const h = diffOf(history, history);
    assert.deepEqual([h.changes, h.duplicated], [[], ['b@contoso.com']]);
  });

  it('a column the upload will not import is no change: listed apart, with the name probably meant', () => {
    const NEW =
      [
        H.replace('Microsoft_JobTitle', 'Microsoft_JobTitel'),
        'megan@contoso.com,,Chief Executive,0,Exec,100',
        'adele@contoso.com,megan@contoso.com,VP Sales,1,Marketing,200',
      ].join('\n') + '\n';
    const d = diffOf(OLD, NEW);
    assert.deepEqual(
      d.changes.map((c) => [c.person, c.attribute, c.kind]),
      [['adele@contoso.com', 'Microsoft_Organization', 'changed']],
    );
    assert.deepEqual(d.notImported, [{ column: 'Microsoft_JobTitel', reason: 'unknown-attribute', meant: ['Microsoft_JobTitle'] }]);
    assert.match(
      diffText('old.csv', 'new.csv', d),
      /\ncolumns the upload will not import \(no change counted\):\n  Microsoft_JobTitel: not imported \(unknown-attribute\); probably meant Microsoft_JobTitle(\n|$)/,
    );
    assert.match(
      diffMarkdown('old.csv', 'new.csv', d),
      /\n- Microsoft_JobTitel: not imported \(unknown-attribute\); probably meant Microsoft_JobTitle/,
    );
    // a header with spaces around an attribute's name is not imported either
    const padded = diffOf(
      OLD,
      [H.replace('Microsoft_Organization', ' Microsoft_Organization'), 'adele@contoso.com,,,,Marketing,'].join('\n') + '\n',
    );
    assert.deepEqual(
      [padded.changes, padded.notImported],
      [[], [{ column: 'Microsoft_Organization', reason: 'header-characters', meant: ['Microsoft_Organization'] }]],
    );
  });

  it('sensitive columns: the report says that they changed, never the values', () => {
    const SH = 'Microsoft_PersonEmail,DateOfBirth,Reference,Microsoft_Organization';
    const before = [SH, 'a@contoso.com,1/2/1980,R1,Sales', 'b@contoso.com,,R2,Sales'].join('\n') + '\n';
    const after = [SH, 'a@contoso.com,1/3/1980,R1,Sales', 'b@contoso.com,,AB123456D,Finance'].join('\n') + '\n';
    const d = diffOf(before, after, { customAttributes: ['DateOfBirth', 'Reference'] });
    assert.deepEqual(d.changes, [
      { person: 'a@contoso.com', attribute: 'DateOfBirth', kind: 'changed', before: null, after: null, valuesHidden: true },
      { person: 'b@contoso.com', attribute: 'Reference', kind: 'changed', before: null, after: null, valuesHidden: true },
      { person: 'b@contoso.com', attribute: 'Microsoft_Organization', kind: 'changed', before: 'Sales', after: 'Finance' },
    ]);
    for (const report of [diffText('o', 'n', d), diffMarkdown('o', 'n', d), diffJson(d)]) {
      for (const v of ['1980', 'AB123456D', 'R2']) assert.ok(!report.includes(v), `${v} in a report`);
    }
    assert.match(diffText('o', 'n', d), /\n  DateOfBirth changed \(values not shown: sensitive data\)\n/);
  });
});
