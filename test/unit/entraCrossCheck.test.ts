import * as assert from 'node:assert/strict';
import {
  analyze,
  hoverAt,
  IncrementalAnalysis,
  normalizeSettings,
  parseEntraUsers,
  previewExport,
  validate,
  type EntraDirectory,
  type ExportPreview,
} from '../../server/src/engine';
import { brief, one, only } from '../helpers';

const AAD = '4ce763dd-9214-4eff-af7c-da491cc3782d';
const ODS = '7986c642-b494-4140-8df4-f5ed125e2c67';

/** The Entra admin center's "Download users" file (ENTRADL), columns in its own order, CRLF and a BOM as it writes them. */
const DOWNLOAD =
  '\uFEFF' +
  [
    'userPrincipalName,displayName,surname,mail,givenName,objectId,userType,jobTitle,department,accountEnabled,usageLocation,streetAddress,state,country,physicalDeliveryOfficeName,city,postalCode,telephoneNumber,mobile',
    'megan.bowen@contoso.com,Megan Bowen,Bowen,megan.bowen@contoso.com,Megan,1d0e1c2a-0000-4000-8000-00000000000a,Member,CEO,Executive,True,US,One Microsoft Way,WA,United States,1/1001,Redmond,98052,+1 425 555 0100,',
    'adele.vance@contoso.com,Adele Vance,Vance,adele.v@contoso.com,Adele,6e7b768e-07e2-4810-8459-485f84f8f204,Member,Sales Director,Sales,True,US,205 108th Ave NE,WA,United States,18/2111,Seattle,98101,+1 425 555 0109,+1 206 555 0110',
    'alan.steiner@contoso.com,Alan Steiner,Steiner,alan.steiner@contoso.com,Alan,2b0e1c2a-0000-4000-8000-00000000000b,Member,,Engineering,False,US,,,,,,,,',
    'kai.berg_fabrikam.com#EXT#@contoso.onmicrosoft.com,Kai Berg,Berg,kai.berg@fabrikam.com,Kai,3c0e1c2a-0000-4000-8000-00000000000c,Guest,,,True,,,,,,,,,',
    ...['nina.patel', 'omar.haddad', 'paula.reyes', 'quinn.larsen', 'rosa.klein', 'sam.ito', 'tom.weber'].map(
      (n, i) => `${n}@contoso.com,${n},,${n}@contoso.com,,4d0e1c2a-0000-4000-8000-00000000001${i},Member,,,True,US,,,,,,,,`,
    ),
    'former.employee@contoso.com,Former Employee,,former.employee@contoso.com,,5e0e1c2a-0000-4000-8000-00000000000d,Member,,,False,US,,,,,,,,',
  ].join('\r\n') +
  '\r\n';

/** Graph JSON as `GET /users?$select=…&$expand=manager` returns it, two pages saved as one array. */
const GRAPH = JSON.stringify([
  {
    value: [
      {
        id: '6e7b768e-07e2-4810-8459-485f84f8f204',
        userPrincipalName: 'adele.vance@contoso.onmicrosoft.com',
        mail: 'adele.vance@contoso.com',
        displayName: 'Adele Vance',
        jobTitle: 'Sales Director',
        businessPhones: ['+1 425 555 0109'],
        mobilePhone: '+1 206 555 0110',
        otherMails: ['adele@fabrikam.example'],
        proxyAddresses: [
          'SMTP:adele.vance@contoso.com',
          'smtp:Adele@Contoso.com',
          'X500:/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=adele',
        ],
        accountEnabled: true,
        userType: 'Member',
        manager: { id: '1d0e1c2a-0000-4000-8000-00000000000a', userPrincipalName: 'megan.bowen@contoso.com', displayName: 'Megan Bowen' },
      },
    ],
  },
  {
    value: [
      {
        id: '1d0e1c2a-0000-4000-8000-00000000000a',
        userPrincipalName: 'megan.bowen@contoso.com',
        mail: 'megan.bowen@contoso.com',
        displayName: 'Megan Bowen',
        accountEnabled: true,
        userType: 'Member',
      },
      {
        id: '2b0e1c2a-0000-4000-8000-00000000000b',
        userPrincipalName: 'alan.steiner@contoso.com',
        accountEnabled: false,
        userType: 'Member',
      },
    ],
  },
]);

const HEADER = 'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_JobTitle,Microsoft_CompanyOfficeLocation';
const FILE =
  [
    HEADER,
    'megan.bowen@contoso.com,,CEO,1/1001',
    'Adele.Vance@contoso.com,megan.bowen@contoso.com,VP Sales,"Building 3, Floor 3"',
    'alan.steiner@contoso.com,adele.vance@contoso.com,Engineer,',
    'kai.berg@fabrikam.com,megan.bowen@contoso.com,Partner,',
    'nobody@contoso.com,megan.bowen@contoso.co,Analyst,',
  ].join('\n') + '\n';

function findings(text: string, entra: EntraDirectory, settings: Record<string, unknown> = {}) {
  return validate(text, normalizeSettings(settings), { entra }).findings;
}

describe('Entra ID cross-check', () => {
  const download = parseEntraUsers(DOWNLOAD, 'users.csv');

  it('reads the download: every user, their addresses, accounts and kinds', () => {
    assert.equal(download.users, 12);
    const adele = download.find('ADELE.V@contoso.com')!;
    assert.equal(adele.values.objectId, '6e7b768e-07e2-4810-8459-485f84f8f204');
    assert.equal(adele.values.officeLocation, '18/2111');
    assert.deepEqual(adele.lists.telephoneNumber, ['+1 425 555 0109']);
    assert.equal(adele.values.mobile, '+1 206 555 0110');
    assert.equal(download.find('alan.steiner@contoso.com')!.enabled, false);
    assert.equal(download.find('kai.berg@fabrikam.com')!.guest, true, 'matched by mail');
  });

  it('reads accounts, kinds and addresses as written: any case, spaces, quotes, a no-break space', () => {
    const rows: [string, string, string, string, boolean, boolean][] = [
      // userPrincipalName, mail, accountEnabled, userType, enabled, guest
      ['a1@contoso.com', 'a1@contoso.com', 'FALSE', 'member', false, false],
      ['a2@contoso.com', 'A2@Contoso.com', ' no ', ' GUEST ', false, true],
      ['a3@contoso.com', '', '"0"', '"Guest"', false, true],
      ['a4@contoso.com', 'other4@contoso.com', 'False\u00a0', 'Guest\u00a0', false, true],
      ['" a5@contoso.com "', 'a5@contoso.com', 'Falsch', 'Gast', true, false],
      ['', 'only6@contoso.com', '', '', true, false],
      ['a7@contoso.com', 'a7@contoso.com', '"False"""', 'Member', true, false],
    ];
    const text = 'userPrincipalName,mail,accountEnabled,userType\r\n' + rows.map((r) => r.slice(0, 4).join(',')).join('\r\n') + '\r\n';
    const dir = parseEntraUsers(text, 'users.csv');
    assert.equal(dir.users, rows.length);
    for (const [upn, mail, , , enabled, guest] of rows) {
      for (const address of [upn, mail].map((a) => a.replace(/"/g, '').trim()).filter(Boolean)) {
        const user = dir.find(address.toUpperCase());
        assert.ok(user, address);
        assert.deepEqual([user.enabled, user.guest], [enabled, guest], address);
      }
    }
    assert.equal(dir.find('other4@contoso.com')?.values.userPrincipalName, 'a4@contoso.com', 'the mail matches its own user');
  });

  it('each finding on its cell: person and manager unmatched, disabled account, guest; the manager hint gives way', () => {
    const f = findings(FILE, download);
    const person = one(f, 'entra-person-unmatched', [5, 0, 5, 18]);
    assert.equal(person.severity, 'warning');
    assert.equal(
      person.message,
      'No user in users.csv has this address as user principal name, mail or proxy address: the upload drops the row ("Rows of data that will not be shared"). Correct the address, or create the user in Entra ID first.',
    );
    const manager = one(f, 'entra-manager-unmatched', [5, 19, 5, 41]);
    assert.equal(manager.severity, 'warning');
    assert.equal(
      manager.message,
      'No user in users.csv has this manager address: the admin center reports it as "Unmatched Microsoft_ManagerEmail" and stores no manager for this person. Correct the address, or use the manager\u2019s user principal name or mail.'.replace(
        '\u2019',
        "'",
      ),
    );
    assert.equal(one(f, 'entra-account-disabled', [3, 0, 3, 24]).severity, 'information');
    assert.equal(one(f, 'entra-guest-user', [4, 0, 4, 21]).severity, 'information');
    // megan.bowen@contoso.co has no row: without Entra ID a hint; with it, the cross-check's warning alone
    assert.deepEqual(brief(only(f, 'manager-not-in-file')), []);
    assert.deepEqual(brief(only(validate(FILE, normalizeSettings({})).findings, 'manager-not-in-file')), ['manager-not-in-file 5:19-5:41']);
  });

  it('enabled members without a row: one finding on the person column, the count and the first five names', () => {
    const f = one(findings(FILE, download), 'entra-members-missing', [0, 0, 0, 21]);
    assert.equal(f.severity, 'information');
    assert.equal(
      f.message,
      '7 enabled member users of users.csv have no row in this file (nina.patel@contoso.com, omar.haddad@contoso.com, paula.reyes@contoso.com, quinn.larsen@contoso.com, rosa.klein@contoso.com, and 2 more): the upload leaves their profiles as they are. Add rows for them if this file should cover everyone.',
    );
    assert.deepEqual(f.data, {
      missing: 7,
      named: [
        'nina.patel@contoso.com',
        'omar.haddad@contoso.com',
        'paula.reyes@contoso.com',
        'quinn.larsen@contoso.com',
        'rosa.klein@contoso.com',
      ],
    });
  });

  it('Graph JSON pages: matched by proxy address (smtp:, any case), an X500 address matches nobody', () => {
    const graph = parseEntraUsers(GRAPH, 'users.json');
    assert.equal(graph.users, 3);
    assert.equal(graph.find('adele@contoso.com')?.values.objectId, '6e7b768e-07e2-4810-8459-485f84f8f204');
    assert.equal(graph.find('/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=adele'), undefined);
    const text = `${HEADER}\nadele@CONTOSO.com,megan.bowen@contoso.com,Sales Director,\nalan.steiner@contoso.com,adele.vance@contoso.com,,\n`;
    const f = findings(text, graph);
    assert.deepEqual(brief(f.filter((x) => x.code.startsWith('entra-'))), [
      'entra-members-missing 0:0-0:21',
      'entra-account-disabled 2:0-2:24',
    ]);
    assert.match(
      only(f, 'entra-members-missing')[0].message,
      /^1 enabled member user of users\.json has no row in this file \(megan\.bowen@contoso\.com\)/,
    );
  });

  it('severities can be overridden, and off drops a check', () => {
    const f = findings(FILE, download, {
      severity: { 'entra-person-unmatched': 'error', 'entra-members-missing': 'off', 'entra-guest-user': 'off' },
    });
    assert.equal(only(f, 'entra-person-unmatched')[0].severity, 'error');
    assert.deepEqual(brief(only(f, 'entra-members-missing')), []);
    assert.deepEqual(brief(only(f, 'entra-guest-user')), []);
  });

  it('Viva Insights files are not cross-checked', () => {
    const viva =
      'PersonId,ManagerId,Organization,EffectiveDate\nmegan.bowen@contoso.com,,Exec,12/1/2025\nnobody@contoso.com,megan.bowen@contoso.co,Sales,12/1/2025\n';
    assert.deepEqual(
      findings(viva, download).filter((x) => x.code.startsWith('entra-')),
      [],
    );
  });

  it('in the editor: edits that make a person unmatched or matched are reported as a fresh check would', () => {
    const settings = normalizeSettings({});
    const inc = new IncrementalAnalysis(FILE, settings, { entra: download });
    const replace = (text: string, from: string, to: string): string => {
      const at = text.indexOf(from);
      const next = text.slice(0, at) + to + text.slice(at + from.length);
      inc.update(next, { start: at, oldEnd: at + from.length, newEnd: at + to.length });
      assert.deepEqual(brief(inc.result.findings), brief(validate(next, settings, { entra: download }).findings));
      return next;
    };
    const text = replace(FILE, 'alan.steiner@contoso.com,adele', 'alan.steinr@contoso.com,adele');
    assert.deepEqual(brief(only(inc.result.findings, 'entra-person-unmatched')), [
      'entra-person-unmatched 3:0-3:23',
      'entra-person-unmatched 5:0-5:18',
    ]);
    replace(text, 'nobody@contoso.com', 'nina.patel@contoso.com');
    assert.deepEqual(brief(only(inc.result.findings, 'entra-person-unmatched')), ['entra-person-unmatched 3:0-3:23']);
    assert.match(
      only(inc.result.findings, 'entra-members-missing')[0].message,
      /^6 enabled member users of users\.csv have no row in this file \(omar\.haddad@contoso\.com,/,
    );
  });

  it('hover on a person or manager cell says whom it matched, or why nobody', () => {
    const { doc } = analyze(FILE, normalizeSettings({}), { entra: download });
    const on = (line: number, character: number): string => hoverAt(doc!, { line, character })!.markdown;
    assert.match(
      on(2, 3),
      /\*\*Entra ID:\*\* matches \*\*Adele Vance\*\* \(`adele\.vance@contoso\.com`\) by user principal name in `users\.csv`; objectId `6e7b768e-07e2-4810-8459-485f84f8f204`\. By user principal name alone: orgdata's decision, since Microsoft documents the primary SMTP address or an alias for this column; if the upload does not resolve it, use the person's mail\.$/,
    );
    assert.match(on(3, 3), /matches \*\*Alan Steiner\*\* .*; account disabled\.$/);
    assert.match(on(4, 3), /matches \*\*Kai Berg\*\* \(`kai\.berg_fabrikam\.com#EXT#@contoso\.onmicrosoft\.com`\) by mail .*; guest\.$/);
    assert.match(
      on(5, 3),
      /\*\*Entra ID:\*\* no user in `users\.csv` has this address as user principal name, mail or proxy address: the upload drops this row\.$/,
    );
    assert.match(on(5, 25), /no user in `users\.csv` has this address: "Unmatched Microsoft_ManagerEmail", no manager is stored\.$/);
    assert.doesNotMatch(hoverAt(analyze(FILE, normalizeSettings({})).doc!, { line: 2, character: 3 })!.markdown, /Entra ID/);
  });
});

describe('Preview Export with the tenant\u2019s Entra ID users', () => {
  const download = parseEntraUsers(DOWNLOAD, 'users.csv');
  const text =
    'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Layer,Microsoft_AssistantsEmail,Microsoft_DotLineManagersEmailAndLabel\n' +
    'adele.vance@contoso.com,megan.bowen@contoso.com,1,alan.steiner@contoso.com,"nina.patel@contoso.com:Project lead; someone@contoso.com"\n' +
    "megan.bowen@contoso.com,,0,'',\n";

  function previewOf(entra: EntraDirectory | undefined, row = 1, body = text): ExportPreview {
    const { doc } = analyze(body, normalizeSettings({}), { entra });
    const p = previewExport(doc!, row, { precedence: 'entra', entra });
    assert.ok(!('error' in p));
    return p;
  }

  it('manager.userId is the manager\u2019s objectId; assistants and dot-line managers are colleagues; emails and phones from Entra ID', () => {
    const p = previewOf(download);
    const [position] = p.UserProfileInfo.positions;
    assert.deepEqual(position.manager, {
      userId: '1d0e1c2a-0000-4000-8000-00000000000a',
      userPrincipalName: 'megan.bowen@contoso.com',
      displayName: 'Megan Bowen',
      relationship: 'manager',
    });
    assert.deepEqual(position.colleagues, [
      {
        userId: '2b0e1c2a-0000-4000-8000-00000000000b',
        userPrincipalName: 'alan.steiner@contoso.com',
        displayName: 'Alan Steiner',
        relationship: 'assistant',
      },
      {
        userId: '4d0e1c2a-0000-4000-8000-000000000010',
        userPrincipalName: 'nina.patel@contoso.com',
        displayName: 'nina.patel',
        relationship: 'dotLineManager',
      },
      { userPrincipalName: 'someone@contoso.com', relationship: 'dotLineManager' },
    ]);
    assert.deepEqual(p.orgdataPreview.colleagueLabels, [{ address: 'nina.patel@contoso.com', label: 'Project lead' }]);
    // Entra ID gives the office and the rest of the position: the default source; organizational data lists its own
    assert.deepEqual(position.sources, [
      { id: AAD, isDefaultSource: true },
      { id: ODS, properties: ['detail/layer', 'manager', 'colleagues'] },
    ]);
    assert.deepEqual(p.UserProfileInfo.emails, [
      { address: 'adele.v@contoso.com', type: 'work', source: { type: ['AAD'] }, sources: [{ id: AAD, isDefaultSource: true }] },
    ]);
    assert.deepEqual(p.UserProfileInfo.phones, [
      { number: '+1 425 555 0109', type: 'business', source: { type: ['AAD'] }, sources: [{ id: AAD, isDefaultSource: true }] },
      { number: '+1 206 555 0110', type: 'mobile', source: { type: ['AAD'] }, sources: [{ id: AAD, isDefaultSource: true }] },
    ]);
    const about = (p.orgdataPreview.inferred as { about: string }[]).map((x) => x.about);
    assert.deepEqual(about, ['isDefaultSource', 'entraAddress', 'emailAndPhoneTypes', 'colleagues', 'dotLineLabel']);
    assert.match(String(p.orgdataPreview.notSimulated), /^People-connector sources, first in Microsoft\u2019s precedence order/);
  });

  it("a manager Entra ID does not know is dropped, as the upload drops it; '' deletes the colleagues", () => {
    const body =
      "Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_AssistantsEmail\nadele.vance@contoso.com,megan.bowen@contoso.co,''\n";
    const p = previewOf(download, 1, body);
    assert.equal(p.UserProfileInfo.positions[0].manager, undefined);
    assert.deepEqual(p.orgdataPreview.dropped, [
      {
        attribute: 'Microsoft_ManagerEmail',
        property: 'positions/manager',
        why: 'no user in users.csv has this address: the admin center reports it as "Unmatched Microsoft_ManagerEmail" and stores no manager',
      },
    ]);
    assert.deepEqual(p.orgdataPreview.deleted, [{ attribute: 'Microsoft_AssistantsEmail', property: 'positions/colleagues' }]);
  });

  it('without Entra ID: the address as given, and the notes say userId is unknown', () => {
    const p = previewOf(undefined);
    assert.deepEqual(p.UserProfileInfo.positions[0].manager, { userPrincipalName: 'megan.bowen@contoso.com', relationship: 'manager' });
    assert.deepEqual(p.UserProfileInfo.emails, []);
    assert.ok((p.orgdataPreview.inferred as { about: string }[]).some((x) => x.about === 'managerWithoutEntra'));
  });

  it('Graph JSON: the expanded manager, business phones and other mails', () => {
    const graph = parseEntraUsers(GRAPH, 'users.json');
    const p = previewOf(graph, 1, 'Microsoft_PersonEmail,Microsoft_JobTitle\nadele@contoso.com,VP Sales\n');
    const [position] = p.UserProfileInfo.positions;
    assert.deepEqual(position.manager, {
      userId: '1d0e1c2a-0000-4000-8000-00000000000a',
      userPrincipalName: 'megan.bowen@contoso.com',
      displayName: 'Megan Bowen',
      relationship: 'manager',
    });
    assert.deepEqual((position.detail as { jobTitle: string }).jobTitle, 'Sales Director');
    assert.deepEqual(
      p.UserProfileInfo.emails.map((e) => [e.address, e.type]),
      [
        ['adele.vance@contoso.com', 'work'],
        ['adele@fabrikam.example', 'other'],
      ],
    );
    assert.deepEqual(
      p.UserProfileInfo.phones.map((e) => [e.number, e.type]),
      [
        ['+1 425 555 0109', 'business'],
        ['+1 206 555 0110', 'mobile'],
      ],
    );
  });

  it('isDefaultSource: the higher source of an item even when it supplies one property', () => {
    const sparse = parseEntraUsers('userPrincipalName,jobTitle\nadele.vance@contoso.com,Sales Director\n', 'sparse.csv');
    const body =
      'Microsoft_PersonEmail,Microsoft_JobTitle,Microsoft_Layer,Microsoft_LevelDesignation\nadele.vance@contoso.com,VP Sales,1,Director\n';
    const p = previewOf(sparse, 1, body);
    assert.deepEqual(p.UserProfileInfo.positions[0].sources, [
      { id: AAD, isDefaultSource: true },
      { id: ODS, properties: ['detail/level', 'detail/layer'] },
    ]);
  });
});
