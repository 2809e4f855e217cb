import * as assert from 'node:assert/strict';
import { brief, check, lines, none, ODS, one, only, VIVA } from '../helpers';

const ROW = 'a@contoso.com,,Sales';

describe('header rules: Organizational data in Microsoft 365', () => {
  it('a clean header has no findings', () => {
    assert.deepEqual(check(lines(`${ODS},Microsoft_JobTitle,Microsoft_Layer`, `${ROW},CEO,0`)), []);
  });

  it('misspelt attribute: error on the header cell, with ranked candidates', () => {
    const f = one(check(lines(`${ODS},Microsoft_JobTitel`, `${ROW},CEO`)), 'unknown-attribute', [0, 68, 0, 86]);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /'Microsoft_JobTitel' is not an Organizational data attribute, so this column will not be imported\. Did you mean 'Microsoft_JobTitle'\?/);
    assert.deepEqual(f.data?.candidates, ['Microsoft_JobTitle']);
    assert.equal(f.attribute, 'Microsoft_JobTitel');
  });

  it('the column of an unknown attribute is reported once, never on its cells', () => {
    const findings = check(lines(`${ODS},Microsoft_Layr`, `${ROW},x`, `b@contoso.com,a@contoso.com,HR,y`));
    assert.deepEqual(brief(findings).map((b) => b.split(' ')[0]), ['unknown-attribute']);
  });

  it('a missing Microsoft_ prefix is forgiven when ranking', () => {
    const f = only(check(lines(`${ODS},JobTitle`, `${ROW},CEO`)), 'unknown-attribute')[0];
    assert.deepEqual(f.data?.candidates, ['Microsoft_JobTitle']);
  });

  it('a column far from any attribute: not imported, a warning', () => {
    const f = one(check(lines(`${ODS},CostCenter`, `${ROW},4711`)), 'unused-column', [0, 68, 0, 78]);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /will not be imported\. Remove it, or add it to orgdata\.customAttributes/);
  });

  it('declared custom attributes are known', () => {
    none(check(lines(`${ODS},CostCenter`, `${ROW},4711`), { customAttributes: ['costcenter'] }));
  });

  it('wrong case: error, with the documented spelling', () => {
    const f = one(check(lines('microsoft_personemail,Microsoft_JobTitle', 'a@contoso.com,CEO')), 'attribute-case', [0, 0, 0, 21]);
    assert.match(f.message, /wrong case.*rename it to 'Microsoft_PersonEmail'/);
    none(check(lines('microsoft_personemail,Microsoft_JobTitle', 'a@contoso.com,CEO')), 'required-missing');
  });

  it('spaces around a known name: rename to the trimmed name', () => {
    const f = one(check(lines(`${ODS}, Microsoft_JobTitle `, `${ROW},CEO`)), 'header-characters', [0, 68, 0, 88]);
    assert.deepEqual(f.data?.candidates, ['Microsoft_JobTitle']);
  });

  it('duplicate (ignoring case): on the second, linked to the first', () => {
    const f = one(check(lines(`${ODS},Microsoft_organization`, `${ROW},HR`)), 'duplicate-header', [0, 68, 0, 90]);
    assert.match(f.message, /already appears in column 3/);
    assert.deepEqual(f.related?.[0].range, { start: { line: 0, character: 45 }, end: { line: 0, character: 67 } });
  });

  it('blank header cell: names the column number', () => {
    const f = one(check(lines(`${ODS},,Microsoft_JobTitle`, `${ROW},x,CEO`)), 'blank-header', [0, 68, 0, 68]);
    assert.match(f.message, /Column 4 has no name/);
  });

  it('Microsoft_PersonEmail missing: on the header line', () => {
    const f = one(check(lines('Microsoft_JobTitle,Microsoft_Organization', 'CEO,Sales')), 'required-missing', [0, 0, 0, 41]);
    assert.match(f.message, /no Microsoft_PersonEmail column.*add Microsoft_PersonEmail/);
  });

  it('a Viva Insights name in an ODS file: dialect mix with the migration rename', () => {
    const f = one(check(lines('Microsoft_PersonEmail,Microsoft_Organization,FunctionType', 'a@contoso.com,Sales,Eng')), 'dialect-mix', [0, 45, 0, 57]);
    assert.match(f.message, /'FunctionType' is a Viva Insights name.*rename it to 'Microsoft_JobDiscipline'/);
    assert.deepEqual(f.data?.candidates, ['Microsoft_JobDiscipline']);
  });

  it('more than 105 columns: from the 106th to the end of the header', () => {
    const extra = Array.from({ length: 108 }, (_, i) => `C${i}`);
    const header = ['Microsoft_PersonEmail', ...extra].join(',');
    const findings = check(lines(header, ['a@contoso.com', ...extra.map(() => 'x')].join(',')), { customAttributes: extra });
    const start = header.indexOf(',C104,') + 1;
    const f = one(findings, 'too-many-attributes', [0, start, 0, header.length]);
    assert.match(f.message, /109 columns.*at most 105.*Remove 4 columns/);
    assert.equal(f.severity, 'warning');
  });
});

describe('header rules: Viva Insights', () => {
  it('a clean header has no findings', () => {
    assert.deepEqual(check(lines(`${VIVA},HireDate,CostCenter`, 'a@contoso.com,,Sales,12/1/2020,3/14/2012,CC1')), []);
  });

  it('missing required fields: one error each; no EffectiveDate is information', () => {
    const findings = check(lines('PersonId,FunctionType', 'a@contoso.com,Eng'));
    const req = only(findings, 'required-missing');
    assert.deepEqual(req.map((f) => f.data?.missing), ['ManagerId', 'Organization']);
    assert.equal(one(findings, 'effective-date-missing', [0, 0, 0, 21]).severity, 'information');
  });

  it('spaces and other characters: Viva Insights rejects them, the fix is the nearest valid name', () => {
    const findings = check(lines(`${VIVA},Cost Center,Büro-Nr`, 'a@contoso.com,,Sales,12/1/2020,1,2'));
    const [spaces, chars] = only(findings, 'header-characters');
    assert.match(spaces.message, /'Cost Center' has spaces.*rename it to 'Cost_Center'/);
    assert.match(chars.message, /'Büro-Nr' has characters other than ASCII letters.*rename it to 'BuroNr'/);
  });

  it('a system field cannot be a column', () => {
    const f = one(check(lines(`${VIVA},TimeZone`, 'a@contoso.com,,Sales,12/1/2020,UTC')), 'system-field', [0, 46, 0, 54]);
    assert.match(f.message, /system field/);
  });

  it('Microsoft_ prefix: an ODS attribute is a dialect mix with its Viva name, anything else is reserved', () => {
    const findings = check(lines(`${VIVA},Microsoft_LevelDesignation,Microsoft_Custom`, 'a@contoso.com,,Sales,12/1/2020,L1,x'));
    assert.match(only(findings, 'dialect-mix')[0].message, /rename it to 'LevelDesignation'/);
    assert.match(only(findings, 'reserved-prefix')[0].message, /rename 'Microsoft_Custom', for example to 'Custom'/);
  });

  it('wrong case of a reserved field is an error; a near miss becomes a custom attribute with a warning', () => {
    const findings = check(lines(`${VIVA},hiredate,Levl_Designation`, 'a@contoso.com,,Sales,12/1/2020,1/1/2020,x'));
    one(findings, 'attribute-case', [0, 46, 0, 54]);
    const f = one(findings, 'possible-misspelling', [0, 55, 0, 71]);
    assert.deepEqual(f.data?.candidates, ['LevelDesignation']);
  });

  it('orgdata.dialect overrides the detection', () => {
    const findings = check(lines('PersonId,Microsoft_PersonEmail', 'a@contoso.com,a@contoso.com'), { dialect: 'ods' });
    assert.match(only(findings, 'dialect-mix')[0].message, /orgdata\.dialect is set to Organizational data/);
  });
});
