import * as assert from 'node:assert/strict';
import { analyze, codeActionsFor, hoverAt, normalizeSettings, parseEntraUsers } from '../../server/src/engine';
import { check, lines, none, one, only } from '../helpers';

/** Microsoft's rules at their edges: what the uploader takes without complaint and stores wrong. */
describe("the edges of Microsoft's rules", () => {
  const H = 'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_JobTitle,Microsoft_Layer';

  it("look-alikes of '' and -1 (typographic quotes, other dashes): one warning with the marker meant, and no other finding on the cell", () => {
    const cases: [string, string, string][] = [
      // [cell, column, marker meant]
      ['\u2018\u2019', 'Microsoft_JobTitle', "''"],
      ['\u2019\u2019', 'Microsoft_JobTitle', "''"],
      ['\u201d', 'Microsoft_JobTitle', "''"],
      ['\u2018\u2019', 'Microsoft_ManagerEmail', "''"],
      ['\u20131', 'Microsoft_Layer', '-1'],
      ['\u22121', 'Microsoft_Layer', '-1'],
      ['\u2014 1', 'Microsoft_Layer', ''],
      ['\u2018\u2019', 'Microsoft_Layer', '-1'],
    ];
    for (const [value, column, meant] of cases) {
      const cells = ['adele@contoso.com', 'megan@contoso.com', 'Sales', '2'];
      const index = H.split(',').indexOf(column);
      cells[index] = value;
      const row = cells.join(',');
      const text = lines(H, 'megan@contoso.com,,CEO,0', row);
      const start = row.indexOf(value);
      const onCell = check(text).filter((f) => f.range.start.line === 2 && f.range.start.character === start);
      if (!meant) {
        none(onCell, 'delete-marker-lookalike');
        continue;
      }
      assert.deepEqual(
        onCell.map((f) => f.code),
        ['delete-marker-lookalike'],
        `${value} in ${column}`,
      );
      const f = onCell[0];
      assert.deepEqual(f.data, { replacement: meant });
      assert.equal(
        f.message,
        `${column} holds ${value}, which looks like the deletion marker ${meant} but is other characters (typed through a word processor?): it uploads as text. Write ${meant} to delete the stored value.`,
      );
    }
    // the quick fix writes the marker
    const text = lines(H, 'adele@contoso.com,,\u2018\u2019,1');
    const { doc, result } = analyze(text, normalizeSettings({}));
    const f = one(result.findings, 'delete-marker-lookalike', [1, 19, 1, 21]);
    const actions = codeActionsFor(doc!, f.range, [{ code: f.code, range: f.range, data: f.data }]);
    assert.deepEqual(
      actions.map((a) => [a.title, JSON.stringify(a.edits)]),
      [["Change to '' (delete the stored value)", JSON.stringify([{ range: f.range, newText: "''" }])]],
    );
    // a title that merely holds a typographic quote is a title
    none(check(lines(H, 'adele@contoso.com,,Rock \u2018n\u2019 Roll,1')), 'delete-marker-lookalike');
  });

  it('skills separated by semicolons or pipes: one warning each, with the comma list as the repair', () => {
    const S = 'Microsoft_PersonEmail,Microsoft_UserSkillNames';
    const findings = check(
      lines(
        S,
        'a@contoso.com,Azure|SQL|Python',
        'b@contoso.com,Azure;SQL',
        'c@contoso.com,"Azure, SQL"',
        'd@contoso.com,C|C++ ; Go',
        'e@contoso.com,Project management',
      ),
    );
    const skills = only(findings, 'skills-separator');
    assert.deepEqual(
      skills.map((f) => [f.range.start.line, (f.data as { replacement: string }).replacement]),
      [
        [1, 'Azure,SQL,Python'],
        [2, 'Azure,SQL'],
        [4, 'C,C++,Go'],
      ],
    );
    assert.equal(
      skills[0].message,
      'Microsoft_UserSkillNames separates skills with pipes, so the whole cell would be one skill name: separate them with commas (the cell in quotes).',
    );
    assert.match(skills[2].message, /separates skills with semicolons and pipes,/);
  });

  it('an office location that reads as a street or home address, and none of what location codes look like', () => {
    const O = 'Microsoft_PersonEmail,Microsoft_CompanyOfficeLocation';
    const flagged = [
      '12 Baker Street',
      '221B Baker St',
      '1600 Pennsylvania Ave NW',
      'Hauptstraße 5',
      '1 Rue de Rivoli',
      'Calle Mayor 3, Madrid',
      'Home',
      'home office',
    ];
    const fine = [
      'Building 3, Floor 3',
      '18/2111',
      'RED-B40-3.102',
      'Remote',
      'Room 4012',
      'HQ Tower 2, Level 12',
      'Desk 45-B',
      'Campus North',
      'Seattle',
      'Street Team',
    ];
    const findings = check(lines(O, ...[...flagged, ...fine].map((v, i) => `p${i}@contoso.com,"${v}"`)));
    assert.deepEqual(
      only(findings, 'office-location-address').map((f) => f.range.start.line),
      flagged.map((_, i) => i + 1),
    );
    const [street] = only(findings, 'office-location-address');
    assert.equal(
      street.message,
      "Microsoft_CompanyOfficeLocation reads as a street address: it is a location code (building, floor, room), never a home or personal address, and everyone in the tenant sees it. Put the office's street in Microsoft_CompanyOfficeStreet and a location code here.",
    );
    assert.match(only(findings, 'office-location-address')[6].message, /reads as a home:/);
  });

  it('a person matched by user principal name alone: the hover says it is our decision', () => {
    const users = parseEntraUsers(
      lines(
        'userPrincipalName,mail,displayName',
        'adele@contoso.onmicrosoft.com,adele.vance@contoso.com,Adele Vance',
        'lee@contoso.com,lee@contoso.com,Lee Gu',
      ),
      'users.csv',
    );
    const text = lines('Microsoft_PersonEmail,Microsoft_JobTitle', 'adele@contoso.onmicrosoft.com,Sales', 'lee@contoso.com,Dev');
    const { doc } = analyze(text, normalizeSettings({}), { entra: users });
    const upn = hoverAt(doc!, { line: 1, character: 3 })!.markdown;
    assert.match(
      upn,
      /by user principal name in `users\.csv`\. By user principal name alone: orgdata's decision, since Microsoft documents the primary SMTP address or an alias for this column/,
    );
    const both = hoverAt(doc!, { line: 2, character: 3 })!.markdown;
    assert.ok(!both.includes('alone'), both);
  });
});
