import * as assert from 'node:assert/strict';
import {
  analyze,
  EntraFileError,
  normalizeSettings,
  parseEntraUsers,
  peopleOf,
  previewExport,
  rowAtLine,
  type EntraDirectory,
  type ExportPreview,
  type OrgDataDocument,
} from '../../server/src/engine';

const AAD = '4ce763dd-9214-4eff-af7c-da491cc3782d';
const ODS = '7986c642-b494-4140-8df4-f5ed125e2c67';
const SKILLS = '75d4238e-b142-4d2d-aed9-232b830b8706';
const odsOnly = { source: { type: ['OrganizationalDataInMicrosoft365'] }, sources: [{ id: ODS, isDefaultSource: true }] };
const peopleSkills = { source: { type: ['SkillsInViva'] }, sources: [{ id: SKILLS, isDefaultSource: true }] };
const MEGAN_ID = 'c9a4e5f0-0b1d-4f8e-9d5e-2f6a3c1b7e21';

const HEADER =
  'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_FirstName,Microsoft_LastName,Microsoft_DisplayName,' +
  'Microsoft_JobTitle,Microsoft_Layer,Microsoft_LevelDesignation,Microsoft_CompanyOfficeCity,Microsoft_UserSkillNames,CostCenter';

function docOf(text: string): OrgDataDocument {
  const { doc } = analyze(text, normalizeSettings({}));
  assert.ok(doc);
  return doc;
}

function preview(text: string, row = 1, entra?: EntraDirectory, precedence: 'entra' | 'organizationalData' = 'entra'): ExportPreview {
  const p = previewExport(docOf(text), row, { precedence, entra });
  assert.ok(!('error' in p), JSON.stringify(p));
  return p;
}

const ENTRA_JSON = JSON.stringify({
  value: [
    {
      userPrincipalName: 'adele@contoso.com',
      givenName: 'Adele',
      surname: 'Vance',
      displayName: 'Adele Vance (Sales)',
      jobTitle: 'Account Executive',
      department: 'Sales',
      officeLocation: null,
      manager: { userPrincipalName: 'megan@contoso.com' },
    },
    { userPrincipalName: 'lee@contoso.com', mail: 'lee.gu@contoso.com', jobTitle: '' },
    { id: MEGAN_ID, userPrincipalName: 'megan@contoso.com', displayName: 'Megan Bowen' },
  ],
});

describe('Preview Export', () => {
  it('a complete row: names, a position with the manager as related person, one skill per name, Layer as a number', () => {
    const p = preview(
      `${HEADER}\r\nadele@contoso.com,megan@contoso.com,Adele,Vance,Adele Vance,Retail Manager,2,Senior,Redmond,"Azure,Project management, Excel",4711\r\n`,
    );
    assert.deepEqual(p.UserProfileInfo, {
      names: [{ displayName: 'Adele Vance', first: 'Adele', last: 'Vance', ...odsOnly }],
      positions: [
        {
          detail: { jobTitle: 'Retail Manager', level: 'Senior', layer: 2, company: { address: { city: 'Redmond' } } },
          manager: { userPrincipalName: 'megan@contoso.com', relationship: 'manager' },
          isCurrent: true,
          ...odsOnly,
        },
      ],
      emails: [],
      phones: [],
      skills: [
        { displayName: 'Azure', ...peopleSkills },
        { displayName: 'Project management', ...peopleSkills },
        { displayName: 'Excel', ...peopleSkills },
      ],
    });
    assert.deepEqual(p.orgdataPreview, {
      person: 'adele@contoso.com',
      line: 2,
      dialect: 'Organizational data in Microsoft 365',
      precedence: 'entra',
      entraId: 'no Entra ID users file (orgdata.entraUsers): the preview shows organizational data only',
      deleted: [],
      unchanged: [],
      shadowed: [],
      inferred: [
        {
          about: 'isDefaultSource',
          inference:
            'isDefaultSource goes to the highest-precedence source that supplies a property of the item, as in Microsoft\u2019s only published example (SRC); Microsoft states no rule.',
        },
        {
          about: 'skills',
          inference:
            'Skills from Microsoft_UserSkillNames are shown as People Skills items (source SkillsInViva), as Microsoft\u2019s People Skills page describes imported skills; the attribute reference maps them to no profile property, and names must match the skills library\u2019s English names.',
        },
        {
          about: 'managerWithoutEntra',
          inference:
            'manager.userId is the manager\u2019s Entra ID objectId (documented), unknown without an Entra ID users file: userPrincipalName shows the uploaded address instead, which may be an alias.',
        },
      ],
      notSimulated:
        'People-connector sources, first in Microsoft\u2019s precedence order (newest first), are not simulated: a connector value would hide both Entra ID and organizational data. Nor are the profile\u2019s other collections (addresses, accounts, anniversaries, …) or the items\u2019 own metadata (id, allowedAudiences, created and modified).',
      ignoredColumns: [{ column: 'CostCenter', reason: 'a custom attribute: imported, but not part of the profile or its export' }],
      notInExport: [],
      vivaInsights: [
        { attribute: 'Microsoft_PersonEmail', vivaInsights: 'required field PersonId' },
        { attribute: 'Microsoft_ManagerEmail', vivaInsights: 'required field ManagerId' },
        { attribute: 'Microsoft_FirstName', vivaInsights: 'usable as a custom attribute' },
        { attribute: 'Microsoft_LastName', vivaInsights: 'usable as a custom attribute' },
        { attribute: 'Microsoft_DisplayName', vivaInsights: 'usable as a custom attribute' },
        { attribute: 'Microsoft_JobTitle', vivaInsights: 'usable as a custom attribute' },
        { attribute: 'Microsoft_Layer', vivaInsights: 'reserved field Layer' },
        { attribute: 'Microsoft_LevelDesignation', vivaInsights: 'reserved field LevelDesignation' },
        { attribute: 'Microsoft_CompanyOfficeCity', vivaInsights: 'usable as a custom attribute' },
        { attribute: 'Microsoft_UserSkillNames', vivaInsights: 'usable as a custom attribute' },
        { attribute: 'CostCenter', vivaInsights: 'custom attribute, once mapped and shared with Viva Insights' },
      ],
    });
  });

  it('name group: a first name alone stores no name, and the notes say why', () => {
    const p = preview(`${HEADER}\nadele@contoso.com,,Adele,,,CEO,0,,,,\n`);
    assert.deepEqual(p.UserProfileInfo.names, []);
    assert.equal(
      p.orgdataPreview.names,
      'No name is stored from this row: Microsoft_LastName and Microsoft_DisplayName are blank or missing, and first, last and display name are stored only together.',
    );
    assert.deepEqual(p.UserProfileInfo.positions[0].detail, { jobTitle: 'CEO', layer: 0 });
  });

  it("'' deletes, a blank keeps, Layer -1 deletes: none of them shows as a value", () => {
    const p = preview(`${HEADER}\nadele@contoso.com,,Adele,Vance,Adele Vance,'',-1,,Redmond,,\n`);
    assert.deepEqual(p.UserProfileInfo.positions[0].detail, { company: { address: { city: 'Redmond' } } });
    assert.deepEqual(p.orgdataPreview.deleted, [
      { attribute: 'Microsoft_JobTitle', property: 'positions/detail/jobTitle' },
      { attribute: 'Microsoft_Layer', property: 'positions/detail/layer' },
    ]);
    assert.deepEqual(p.orgdataPreview.unchanged, [
      { attribute: 'Microsoft_ManagerEmail', property: 'positions/manager' },
      { attribute: 'Microsoft_LevelDesignation', property: 'positions/detail/level' },
    ]);
    assert.match(String(p.orgdataPreview.unchangedMeans), /keeps the value already stored/);
    assert.deepEqual(p.UserProfileInfo.skills, []);
  });

  it('Entra ID first (the default): its values win per property, the sources say who gave what', () => {
    const entra = parseEntraUsers(ENTRA_JSON, 'users.json');
    const p = preview(
      `${HEADER}\nadele@contoso.com,megan@contoso.com,Adele,Vance,Adele Vance,Retail Manager,2,Senior,Redmond,,\n`,
      1,
      entra,
    );
    assert.deepEqual(p.UserProfileInfo.names, [
      {
        displayName: 'Adele Vance (Sales)',
        first: 'Adele',
        last: 'Vance',
        source: { type: ['AAD'] },
        sources: [{ id: AAD, isDefaultSource: true }],
      },
    ]);
    // Entra ID, first in precedence, supplies properties of the item: it is the default source
    assert.deepEqual(p.UserProfileInfo.positions, [
      {
        detail: {
          jobTitle: 'Account Executive',
          level: 'Senior',
          layer: 2,
          company: { department: 'Sales', address: { city: 'Redmond' } },
        },
        manager: { userId: MEGAN_ID, userPrincipalName: 'megan@contoso.com', displayName: 'Megan Bowen', relationship: 'manager' },
        isCurrent: true,
        source: { type: ['AAD', 'OrganizationalDataInMicrosoft365'] },
        sources: [
          { id: AAD, isDefaultSource: true },
          { id: ODS, properties: ['detail/level', 'detail/layer', 'detail/company/address/city'] },
        ],
      },
    ]);
    assert.deepEqual(p.orgdataPreview.shadowed, [
      {
        attribute: 'Microsoft_DisplayName',
        property: 'names/displayName',
        shown: { source: 'Entra ID', value: 'Adele Vance (Sales)' },
        hidden: { source: 'Organizational data', value: 'Adele Vance' },
      },
      {
        attribute: 'Microsoft_JobTitle',
        property: 'positions/detail/jobTitle',
        shown: { source: 'Entra ID', value: 'Account Executive' },
        hidden: { source: 'Organizational data', value: 'Retail Manager' },
      },
    ]);
    assert.equal(p.orgdataPreview.entraId, 'found in users.json');
  });

  it('organizational data first: the uploaded values win, Entra ID fills the rest', () => {
    const entra = parseEntraUsers(ENTRA_JSON, 'users.json');
    const p = preview(
      `${HEADER}\nadele@contoso.com,megan@contoso.com,Adele,Vance,Adele Vance,Retail Manager,2,Senior,Redmond,,\n`,
      1,
      entra,
      'organizationalData',
    );
    const [pos] = p.UserProfileInfo.positions;
    assert.deepEqual(pos.detail, {
      jobTitle: 'Retail Manager',
      level: 'Senior',
      layer: 2,
      company: { department: 'Sales', address: { city: 'Redmond' } },
    });
    assert.deepEqual(pos.source, { type: ['OrganizationalDataInMicrosoft365', 'AAD'] });
    assert.deepEqual(pos.sources, [
      { id: ODS, isDefaultSource: true },
      { id: AAD, properties: ['detail/company/department'] },
    ]);
    assert.deepEqual(p.UserProfileInfo.names[0].sources, [{ id: ODS, isDefaultSource: true }]);
  });

  it('an empty string in Entra ID counts as a value', () => {
    const entra = parseEntraUsers(ENTRA_JSON, 'users.json');
    const p = preview('Microsoft_PersonEmail,Microsoft_JobTitle\nLee.Gu@contoso.com,Engineer\n', 1, entra);
    assert.deepEqual(p.UserProfileInfo.positions[0].detail, { jobTitle: '' });
    assert.equal((p.orgdataPreview.shadowed as { hidden: { value: string } }[])[0].hidden.value, 'Engineer');
  });

  it('a person absent from the Entra ID file simply has no Entra ID values', () => {
    const entra = parseEntraUsers(ENTRA_JSON, 'users.json');
    const p = preview('Microsoft_PersonEmail,Microsoft_JobTitle\nnew@contoso.com,Engineer\n', 1, entra);
    assert.deepEqual(p.UserProfileInfo.positions[0].detail, { jobTitle: 'Engineer' });
    assert.equal(
      p.orgdataPreview.entraId,
      'not in users.json: the upload drops this row ("Rows of data that will not be shared"), so the profile gets none of it',
    );
  });

  it('ignored columns: unknown, Viva Insights names and invalid headers are listed with the reason', () => {
    const p = preview('Microsoft_PersonEmail,ManagerId,Microsoft_JobTitel,,Microsoft_JobTitle\na@contoso.com,b@contoso.com,x,y,CEO\n');
    assert.deepEqual(p.orgdataPreview.ignoredColumns, [
      { column: 'ManagerId', reason: 'a Viva Insights name: a custom attribute here, not part of the profile or its export' },
      { column: 'Microsoft_JobTitel', reason: 'a Microsoft_ name that is not an attribute: not imported' },
      { column: '(column 4)', reason: 'the header cell is blank' },
    ]);
  });

  it('a Viva Insights file: no profile properties, the sharing with organizational data named, what reaches Viva Insights', () => {
    const p = preview('PersonId,ManagerId,Organization,EffectiveDate,CostCenter\na@contoso.com,,Sales,12/1/2020,1\n');
    assert.deepEqual(p.UserProfileInfo, { names: [], positions: [], emails: [], phones: [], skills: [] });
    assert.match(
      String(p.orgdataPreview.note),
      /its fields are not profile properties.*with the admin\u2019s consent Viva Insights data is shared with organizational data; this preview does not simulate that sharing/,
    );
    assert.equal(p.orgdataPreview.snapshot, undefined, 'one row: no history');
    assert.deepEqual(
      (p.orgdataPreview.vivaInsights as { vivaInsights: string }[]).map((x) => x.vivaInsights),
      ['required field', 'required field', 'required field', 'required field', 'custom attribute'],
    );
  });

  it('a row without a valid person email: a clear error', () => {
    const r = previewExport(docOf('Microsoft_PersonEmail,Microsoft_JobTitle\nnot-an-email,CEO\n'), 1, { precedence: 'entra' });
    assert.deepEqual(r, { error: 'This row has no valid person email: the upload drops it, so it changes no profile.' });
  });

  it('finds the row under the cursor, multi-line rows included, and lists the people', () => {
    const doc = docOf(
      'Microsoft_PersonEmail,Microsoft_DisplayName,Microsoft_CompanyOfficeLocation\na@contoso.com,Adele Vance,"Building 4\nFloor 2"\nb@contoso.com,Lee Gu,B1\n',
    );
    assert.equal(rowAtLine(doc, 2), 1);
    assert.equal(rowAtLine(doc, 3), 2);
    assert.equal(rowAtLine(doc, 0), undefined);
    assert.deepEqual(
      peopleOf(doc).map((p) => [p.email, p.name, p.line]),
      [
        ['a@contoso.com', 'Adele Vance', 1],
        ['b@contoso.com', 'Lee Gu', 3],
      ],
    );
  });
});

describe('Entra ID users file', () => {
  it('reads the "Download users" CSV in any column order and case, friendly headers too', () => {
    const d = parseEntraUsers(
      '\uFEFFSurname,USERPRINCIPALNAME,Job Title,givenname,Department\r\nVance,Adele@Contoso.com,Account Executive,Adele,\r\n',
      'users.csv',
    );
    assert.deepEqual(d.find('adele@contoso.com')?.values, {
      surname: 'Vance',
      userPrincipalName: 'Adele@Contoso.com',
      jobTitle: 'Account Executive',
      givenName: 'Adele',
    });
    assert.equal(d.users, 1);
  });

  it('the office of the admin center\u2019s download (physicalDeliveryOfficeName) shadows the uploaded office by default', () => {
    const download =
      'userPrincipalName,displayName,surname,mail,givenName,objectId,userType,jobTitle,department,accountEnabled,usageLocation,streetAddress,state,country,physicalDeliveryOfficeName,city,postalCode,telephoneNumber,mobile\r\n' +
      'adele.vance@contoso.com,Adele Vance,Vance,adele.vance@contoso.com,Adele,6e7b768e-07e2-4810-8459-485f84f8f204,Member,,Sales,True,US,,WA,United States,18/2111,Seattle,98101,+1 425 555 0109,\r\n';
    const entra = parseEntraUsers(download, 'download.csv');
    assert.equal(entra.find('adele.vance@contoso.com')?.values.officeLocation, '18/2111');
    const text =
      'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization,Microsoft_CompanyOfficeLocation\nadele.vance@contoso.com,,Sales,"Building 3, Floor 3"\n';
    const { result, doc } = analyze(text, normalizeSettings({}), { entra });
    const f = result.findings.filter((x) => x.code === 'shadowed-by-entra');
    assert.deepEqual(
      f.map((x) => x.attribute),
      ['Microsoft_CompanyOfficeLocation'],
    );
    const p = previewExport(doc!, 1, { precedence: 'entra', entra }) as ExportPreview;
    assert.equal(
      (p.UserProfileInfo.positions[0] as { detail: { company: { officeLocation: string } } }).detail.company.officeLocation,
      '18/2111',
    );
    const odsFirst = previewExport(doc!, 1, { precedence: 'organizationalData', entra }) as ExportPreview;
    assert.equal(
      (odsFirst.UserProfileInfo.positions[0] as { detail: { company: { officeLocation: string } } }).detail.company.officeLocation,
      'Building 3, Floor 3',
    );
  });

  it('matches people by mail as well as by user principal name', () => {
    const d = parseEntraUsers(ENTRA_JSON, 'users.json');
    assert.equal(d.find('lee.gu@contoso.com')?.index, 1);
    assert.equal(d.find(' LEE@contoso.com ')?.index, 1);
    assert.equal(d.find('nobody@contoso.com'), undefined);
  });

  it('bad files: one clear message each', () => {
    for (const [text, msg] of [
      ['', /users\.x is empty/],
      ['{"value": 3}', /must hold a JSON array of Graph user objects/],
      ['[{"a":', /is not valid JSON/],
      ['name,title\nAdele,CEO\n', /has no userPrincipalName or mail column/],
    ] as [string, RegExp][]) {
      assert.throws(
        () => parseEntraUsers(text, 'users.x'),
        (e: unknown) => e instanceof EntraFileError && msg.test(e.message),
      );
    }
  });

  it('shadowed values are compared exactly: one character apart anywhere, accents, CJK, quotes, spaces', () => {
    // values that agree but for one character, at either end or inside, or past U+00FF (hashed, then compared)
    const pairs: [string, string][] = [
      ['Ingénieur', 'Ingénieur'],
      ['Ingénieur', 'Ingenieur'],
      ['Zoë Ørsted', 'Zoë Ørsted'],
      ['Data Scientist', 'Data Scientisu'],
      ['Abcdefgh', 'Abcdefgx'],
      ['Abcdefgh', 'Xbcdefgh'],
      ['工程师', '工程师'],
      ['工程师', '工程帅'],
      ['"Building 4, Floor 2"', 'Building 4, Floor 2'],
      ['  Sales ', 'Sales'],
      ['Sales', 'Sales.'],
      ['Ça va', 'Ça va'],
    ];
    const wideChars = /[\u0100-\uffff]/;
    // Latin-1 values only, and with CJK values too
    for (const wide of [false, true]) {
      const used = pairs.map((p, i) => [...p, i] as const).filter(([u, e]) => wide || !wideChars.test(u + e));
      const entraText =
        'userPrincipalName,jobTitle\r\n' +
        used.map(([, e, i]) => `p${i}@contoso.com,${e.includes(',') ? `"${e}"` : e}`).join('\r\n') +
        '\r\n';
      const entra = parseEntraUsers(entraText, 'users.csv');
      const text = 'Microsoft_PersonEmail,Microsoft_JobTitle\n' + used.map(([u, , i]) => `p${i}@contoso.com,${u}`).join('\n') + '\n';
      const lines = text.split('\n');
      const shown = analyze(text, normalizeSettings({}), { entra })
        .result.findings.filter((f) => f.code === 'shadowed-by-entra')
        .map((f) => Number(/^p(\d+)@/.exec(lines[f.range.start.line])![1]));
      const expected = used.filter(([u, e]) => u.replace(/^"|"$/g, '').trim() !== e).map(([, , i]) => i);
      assert.deepEqual(shown, expected, wide ? 'with characters past U+00FF' : 'Latin-1 only');
      assert.ok(expected.length >= (wide ? 6 : 5));
    }
  });

  it('Graph JSON: an empty string is a value that hides the uploaded one; null and a missing property hide nothing', () => {
    const entra = parseEntraUsers(
      JSON.stringify({
        value: [
          { userPrincipalName: 'a@contoso.com', jobTitle: '', department: null },
          { userPrincipalName: 'b@contoso.com', jobTitle: 'Engineer' },
        ],
      }),
      'users.json',
    );
    const text =
      'Microsoft_PersonEmail,Microsoft_JobTitle,Microsoft_Department\na@contoso.com,Engineer,Sales\nb@contoso.com,Engineer,Sales\n';
    const f = analyze(text, normalizeSettings({}), { entra }).result.findings.filter((x) => x.code === 'shadowed-by-entra');
    assert.deepEqual(
      f.map((x) => [x.range.start.line, x.attribute]),
      [[1, 'Microsoft_JobTitle']],
    );
    assert.match(f[0].message, /Entra ID jobTitle '' instead of 'Engineer'/);
  });

  it('in the editor: an uploaded value that an Entra ID value will hide gets an information finding with both values', () => {
    const entra = parseEntraUsers(ENTRA_JSON, 'users.json');
    const text = 'Microsoft_PersonEmail,Microsoft_JobTitle,Microsoft_LastName\nadele@contoso.com,Retail Manager,Vance\n';
    const { result } = analyze(text, normalizeSettings({}), { entra });
    const f = result.findings.filter((x) => x.code === 'shadowed-by-entra');
    assert.equal(f.length, 1);
    assert.deepEqual(f[0].range, { start: { line: 1, character: 18 }, end: { line: 1, character: 32 } });
    assert.equal(f[0].severity, 'information');
    assert.match(f[0].message, /Profile cards will show the Entra ID jobTitle 'Account Executive' instead of 'Retail Manager'/);
    const { result: odsFirst } = analyze(text, normalizeSettings({ precedence: 'organizationalData' }), { entra });
    assert.equal(odsFirst.findings.filter((x) => x.code === 'shadowed-by-entra').length, 0);
  });
});

describe('Preview Export of a Viva Insights history file', () => {
  const history =
    [
      'PersonId,EffectiveDate,ManagerId,Organization,FunctionType',
      'ceo@contoso.com,11/1/2025,,Executive,Leadership',
      'adele@contoso.com,11/1/2025,ceo@contoso.com,Sales,Sales',
      'ceo@contoso.com,12/1/2025,,Executive,Leadership',
      'adele@contoso.com,12/1/2025,ceo@contoso.com,Marketing,Sales',
      'adele@contoso.com,10/1/2025,ceo@contoso.com,Finance,Sales',
    ].join('\n') + '\n';

  it('shows the latest snapshot of the person, whichever of their rows the cursor is on, and says so', () => {
    for (const row of [2, 4, 5]) {
      const p = preview(history, row);
      assert.equal(p.orgdataPreview.line, 5, `from row ${row}`);
      assert.deepEqual(p.orgdataPreview.snapshot, {
        effectiveDate: '12/1/2025',
        snapshots: 3,
        note: "A Viva Insights history file has a row per EffectiveDate: this is the person's latest of 3 (line 5).",
      });
      assert.deepEqual(p.orgdataPreview.values, {
        PersonId: 'adele@contoso.com',
        EffectiveDate: '12/1/2025',
        ManagerId: 'ceo@contoso.com',
        Organization: 'Marketing',
        FunctionType: 'Sales',
      });
    }
  });

  it('reads the dates in the chosen format family', () => {
    const ddmm = history.replace(/(\d+)\/1\/2025/g, '1/$1/2025');
    const { doc } = analyze(ddmm, normalizeSettings({ dateFormat: 'DD/MM/YYYY' }));
    const p = previewExport(doc!, 2, { precedence: 'entra' }) as ExportPreview;
    assert.equal(p.orgdataPreview.line, 5);
    assert.equal((p.orgdataPreview.snapshot as { effectiveDate: string }).effectiveDate, '1/12/2025');
  });
});
