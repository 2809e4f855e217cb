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
    assert.match(
      f.message,
      /'Microsoft_JobTitel' is not an Organizational data attribute, and names starting with Microsoft_ are reserved, so this column will not be imported\. Did you mean 'Microsoft_JobTitle'\? For a custom attribute, rename it without the Microsoft_ prefix\./,
    );
    assert.deepEqual(f.data?.candidates, ['Microsoft_JobTitle']);
    assert.equal(f.attribute, 'Microsoft_JobTitel');
  });

  it('the column of an unknown attribute is reported once, never on its cells', () => {
    const findings = check(lines(`${ODS},Microsoft_Layr`, `${ROW},x`, `b@contoso.com,a@contoso.com,HR,y`));
    assert.deepEqual(
      brief(findings).map((b) => b.split(' ')[0]),
      ['unknown-attribute'],
    );
  });

  it('a name without the Microsoft_ prefix is a custom attribute; the reserved name it resembles is offered', () => {
    const f = one(check(lines(`${ODS},JobTitle`, `${ROW},CEO`)), 'unused-column', [0, 68, 0, 76]);
    assert.equal(f.severity, 'information');
    assert.deepEqual(f.data?.candidates, ['Microsoft_JobTitle']);
    assert.match(f.message, /If you meant the reserved attribute 'Microsoft_JobTitle', rename it\./);
  });

  it('a misspelt prefix is a warning: a reserved name was almost certainly meant', () => {
    const f = one(check(lines(`${ODS},Microsft_JobTitle`, `${ROW},CEO`)), 'possible-misspelling', [0, 68, 0, 85]);
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.data?.candidates, ['Microsoft_JobTitle']);
  });

  it('a column far from any attribute: a custom attribute, said at information level with what is true of it', () => {
    const f = one(check(lines(`${ODS},CostCenter`, `${ROW},4711`)), 'unused-column', [0, 68, 0, 78]);
    assert.equal(f.severity, 'information');
    assert.match(
      f.message,
      /'CostCenter' is not a Microsoft_ attribute, so it is imported as a custom attribute: it does not reach the profile card or its export, and apps see it only once you map it and share it with them\. Add it to orgdata\.customAttributes to say it is meant, or remove the column\./,
    );
  });

  it('Microsoft_ names Microsoft uses elsewhere that are no attribute: the attribute meant', () => {
    const f = one(check(lines(`${ODS},Microsoft_City`, `${ROW},Seattle`)), 'unknown-attribute', [0, 68, 0, 82]);
    assert.deepEqual(f.data?.candidates, ['Microsoft_CompanyOfficeCity']);
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

  it('a Viva Insights name with a documented twin in an ODS file: a warning with the migration rename', () => {
    const f = one(
      check(lines('Microsoft_PersonEmail,Microsoft_Organization,FunctionType', 'a@contoso.com,Sales,Eng')),
      'dialect-mix',
      [0, 45, 0, 57],
    );
    assert.equal(f.severity, 'warning');
    assert.match(
      f.message,
      /'FunctionType' is a Viva Insights name, but this file reads as Organizational data in Microsoft 365 \(from its Microsoft_ headers\); here it would be imported as a custom attribute, not as Microsoft_JobDiscipline: rename it to 'Microsoft_JobDiscipline'\./,
    );
    assert.deepEqual(f.data?.candidates, ['Microsoft_JobDiscipline']);
  });

  it('other Viva Insights names and everyday HR columns in an ODS file are custom attributes, never errors', () => {
    const header = `${ODS},Location,EffectiveDate,HireDate,Layer,CountryOrRegion`;
    const findings = check(lines(header, `${ROW},Seattle,12/1/2020,3/14/2012,2,US`));
    assert.deepEqual(
      findings.map((f) => `${f.code} ${f.severity} ${f.attribute}`),
      [
        'unused-column information Location',
        'unused-column information EffectiveDate',
        'unused-column information HireDate',
        'unused-column information Layer',
        'unused-column information CountryOrRegion',
      ],
    );
    assert.deepEqual(only(findings, 'unused-column').find((f) => f.attribute === 'HireDate')?.data?.candidates, ['Microsoft_HireDate']);
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
    assert.deepEqual(
      req.map((f) => f.data?.missing),
      ['ManagerId', 'Organization'],
    );
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

  it('Microsoft_ names in a Viva Insights file are upload errors', () => {
    const f = one(check(lines(`${VIVA},Microsoft_JobTitle`, 'a@contoso.com,,Sales,12/1/2020,CEO')), 'reserved-prefix', [0, 46, 0, 64]);
    assert.equal(f.severity, 'error');
  });

  it('orgdata.dialect overrides the detection', () => {
    const findings = check(lines('PersonId,Microsoft_PersonEmail', 'a@contoso.com,a@contoso.com'), { dialect: 'ods' });
    assert.match(only(findings, 'dialect-mix')[0].message, /orgdata\.dialect is set to Organizational data/);
  });
});

describe('dialect detection', () => {
  it('counts only unmistakable markers: one Microsoft_ header beside everyday HR names is Organizational data', () => {
    const findings = check(
      lines('Microsoft_PersonEmail,Location,CountryOrRegion,HireDate,Organization', 'a@contoso.com,Seattle,US,1/1/2020,Sales'),
    );
    none(findings, 'required-missing');
    assert.deepEqual(
      only(findings, 'dialect-mix').map((f) => f.attribute),
      ['Organization'],
    );
    assert.ok(only(findings, 'unused-column').length === 3);
  });

  it('PersonId, ManagerId and EffectiveDate with one stray Microsoft_ column is Viva Insights, the column the finding', () => {
    const findings = check(lines('PersonId,ManagerId,EffectiveDate,Organization,Microsoft_JobTitle', 'a@contoso.com,,12/1/2020,Sales,CEO'));
    assert.deepEqual(
      findings.map((f) => f.code),
      ['reserved-prefix'],
    );
  });

  it('a raw HR export with Location but no marker is no org data at all; named, it reads as Organizational data', () => {
    const hr = lines(
      'Employee_ID,Worker,Email,Manager_Email,Location,Hire_Date',
      '10001,Megan Bowen,megan@contoso.com,,Redmond,2010-01-04',
    );
    assert.deepEqual(check(hr), []);
    const forced = check(hr, {}, true);
    assert.deepEqual(
      only(forced, 'required-missing').map((f) => f.data?.missing),
      ['Microsoft_PersonEmail'],
    );
  });
});
