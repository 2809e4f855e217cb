import * as assert from 'node:assert/strict';
import {
  analyze,
  applyEdits,
  codeActionsFor,
  normalizeSettings,
  resolveEdit,
  type ActionSpec,
  type OrgDataDocument,
} from '../../server/src/engine';
import { rankCandidates } from '../../server/src/engine/catalog/spelling';
import { attributesOf } from '../../server/src/engine/catalog/catalog';

interface Offered {
  doc: OrgDataDocument;
  text: string;
  actions: ActionSpec[];
}

/** The actions VS Code would offer with the cursor at (line, character), for the findings there. */
function offered(text: string, line: number, character: number, settings: Record<string, unknown> = {}): Offered {
  const { result, doc } = analyze(text, normalizeSettings(settings));
  assert.ok(doc, 'org data');
  const at = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): boolean =>
    (r.start.line < line || (r.start.line === line && r.start.character <= character)) &&
    (r.end.line > line || (r.end.line === line && r.end.character >= character));
  const diagnostics = result.findings.filter((f) => at(f.range)).map((f) => ({ code: f.code, range: f.range, data: f.data }));
  const pos = { line, character };
  return { doc, text, actions: codeActionsFor(doc, { start: pos, end: pos }, diagnostics) };
}

/** The quick fixes' titles (the refactorings of the header are checked on their own). */
function titles(o: Offered): string[] {
  return o.actions.filter((a) => a.kind === 'quickfix').map((a) => a.title);
}

/** The document after applying the action, as the editor would. */
function apply(o: Offered, title: string): string {
  const a = o.actions.find((x) => x.title === title);
  assert.ok(a, `no action "${title}" in ${JSON.stringify(titles(o))}`);
  const edits = a.edits ?? (a.lazy ? resolveEdit(o.doc, a.lazy) : []);
  return applyEdits(o.text, o.doc.out.lineIndex, edits);
}

describe('candidate ranking', () => {
  const ods = attributesOf('ods').map((a) => a.name);

  it('a change of case ranks before any other edit', () => {
    assert.equal(rankCandidates('Microsoft_Jobtitle', ods)[0].name, 'Microsoft_JobTitle');
    assert.ok(rankCandidates('Microsoft_Jobtitle', ods)[0].distance < 1);
  });

  it('forgives a missing or misspelt prefix, spaces and underscores', () => {
    assert.equal(rankCandidates('JobTitle', ods)[0].name, 'Microsoft_JobTitle');
    assert.equal(rankCandidates('Mircosoft_JobTitle', ods)[0].name, 'Microsoft_JobTitle');
    assert.equal(rankCandidates('Microsoft Job Title', ods)[0].name, 'Microsoft_JobTitle');
    assert.equal(rankCandidates('microsoft_manager_email', ods)[0].name, 'Microsoft_ManagerEmail');
  });

  it('ranks by distance and offers at most a handful; nothing when nothing is close', () => {
    const c = rankCandidates('Microsoft_CompanyOffice', ods, 5).map((x) => x.name);
    assert.ok(c.length <= 5);
    assert.deepEqual(rankCandidates('Microsoft_Zebra', ods), []);
    assert.deepEqual(rankCandidates('CostCenter', ods), []);
  });
});

describe('quick fixes', () => {
  it('misspelt attribute: rename to the best candidate (preferred) or declare it custom', () => {
    const text = 'Microsoft_PersonEmail,Microsoft_JobTitel\r\na@contoso.com,CEO\r\n';
    const o = offered(text, 0, 25);
    assert.deepEqual(titles(o), ["Rename to 'Microsoft_JobTitle'", "Add 'Microsoft_JobTitel' to orgdata.customAttributes"]);
    assert.equal(o.actions[0].isPreferred, true);
    assert.equal(o.actions[0].kind, 'quickfix');
    assert.equal(apply(o, "Rename to 'Microsoft_JobTitle'"), 'Microsoft_PersonEmail,Microsoft_JobTitle\r\na@contoso.com,CEO\r\n');
    assert.deepEqual(o.actions[1].command, {
      title: 'Add to orgdata.customAttributes',
      command: 'orgdata.addCustomAttribute',
      arguments: ['Microsoft_JobTitel'],
    });
  });

  it('wrong case: rename to the documented spelling, keeping the quotes of a quoted cell', () => {
    const o = offered('"microsoft_personemail",Microsoft_JobTitle\na@contoso.com,CEO\n', 0, 3);
    assert.equal(apply(o, "Rename to 'Microsoft_PersonEmail'"), '"Microsoft_PersonEmail",Microsoft_JobTitle\na@contoso.com,CEO\n');
  });

  it('Viva Insights name in an ODS file: rename it, or convert the whole header', () => {
    const text = 'Microsoft_PersonEmail,ManagerId,Organization,Microsoft_JobTitle\na@contoso.com,,Sales,CEO\n';
    const o = offered(text, 0, 25);
    assert.deepEqual(titles(o), [
      "Rename to 'Microsoft_ManagerEmail'",
      'Rename all 2 Viva Insights names in the header to Organizational data (Microsoft_) names',
    ]);
    assert.equal(
      apply(o, 'Rename all 2 Viva Insights names in the header to Organizational data (Microsoft_) names'),
      'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization,Microsoft_JobTitle\na@contoso.com,,Sales,CEO\n',
    );
  });

  it('the reverse: a Viva Insights file converted to Organizational data names in one action', () => {
    const text = 'PersonId,ManagerId,Organization,FunctionType,EffectiveDate\na@contoso.com,,Sales,Eng,12/1/2020\n';
    const o = offered(text, 0, 2);
    assert.equal(
      apply(o, 'Convert the header to Organizational data (Microsoft_) names'),
      'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization,Microsoft_JobDiscipline,EffectiveDate\na@contoso.com,,Sales,Eng,12/1/2020\n',
    );
  });

  it('header with characters Viva Insights rejects: the nearest valid name', () => {
    const o = offered('PersonId,ManagerId,Organization,EffectiveDate,Cost Center\na@contoso.com,,Sales,12/1/2020,1\n', 0, 50);
    assert.equal(
      apply(o, "Rename to 'Cost_Center'"),
      'PersonId,ManagerId,Organization,EffectiveDate,Cost_Center\na@contoso.com,,Sales,12/1/2020,1\n',
    );
  });

  it('email with spaces: trim it, or trim every email in the file', () => {
    const text = 'Microsoft_PersonEmail,Microsoft_ManagerEmail\n a@contoso.com ,\n"b@contoso.com ", a@contoso.com\n';
    const o = offered(text, 1, 3);
    assert.deepEqual(titles(o), ['Trim the spaces around this email', 'Fix all: trim the spaces around 3 emails in this file']);
    assert.equal(
      apply(o, 'Trim the spaces around this email'),
      'Microsoft_PersonEmail,Microsoft_ManagerEmail\na@contoso.com,\n"b@contoso.com ", a@contoso.com\n',
    );
    assert.equal(
      apply(o, 'Fix all: trim the spaces around 3 emails in this file'),
      'Microsoft_PersonEmail,Microsoft_ManagerEmail\na@contoso.com,\n"b@contoso.com",a@contoso.com\n',
    );
  });

  it('sensitive column: removed from every row, everything else byte for byte', () => {
    const text =
      [
        '\uFEFFMicrosoft_PersonEmail,DateOfBirth,Microsoft_CompanyOfficeLocation,Microsoft_JobTitle',
        'a@contoso.com,1/1/1970,"Building 4, Floor 2","Lead ""Ops"""',
        'b@contoso.com,"2/2/1980","Line one\r\nline two",CEO',
        '',
        'c@contoso.com,3/3/1990,B1',
      ]
        .join('\r\n')
        .replace('\r\nc@', '\nc@') + '\n';
    const o = offered(text, 0, 25);
    assert.deepEqual(titles(o), ["Remove column 'DateOfBirth'"]);
    assert.equal(o.actions[0].isPreferred, true);
    assert.equal(o.actions[0].edits, undefined, 'computed on resolve, not for the light bulb');
    const expected =
      [
        '\uFEFFMicrosoft_PersonEmail,Microsoft_CompanyOfficeLocation,Microsoft_JobTitle',
        'a@contoso.com,"Building 4, Floor 2","Lead ""Ops"""',
        'b@contoso.com,"Line one\r\nline two",CEO',
        '',
        'c@contoso.com,B1',
      ]
        .join('\r\n')
        .replace('\r\nc@', '\nc@') + '\n';
    assert.equal(apply(o, "Remove column 'DateOfBirth'"), expected);
  });

  it('a rename to a name the header already has is never preferred, and says so', () => {
    const text = 'Microsoft_PersonEmail,Microsoft_ManagerEmail,ManagerId\na@contoso.com,,\n';
    const o = offered(text, 0, 50);
    const rename = o.actions.find((a) => a.title.startsWith("Rename to 'Microsoft_ManagerEmail'"));
    assert.equal(rename?.title, "Rename to 'Microsoft_ManagerEmail' (the header already has it: merge the two columns first)");
    assert.ok(!o.actions.some((a) => a.isPreferred), JSON.stringify(o.actions.map((a) => [a.title, a.isPreferred])));
  });

  it('removing the first column leaves blank rows alone, white space included', () => {
    const text = 'Religion,Microsoft_PersonEmail\nx,a@contoso.com\n   \n\t\ny,b@contoso.com\n';
    assert.equal(apply(offered(text, 0, 3), "Remove column 'Religion'"), 'Microsoft_PersonEmail\na@contoso.com\n   \n\t\nb@contoso.com\n');
  });

  it('removing the last column takes the separator before it', () => {
    const text = 'Microsoft_PersonEmail,Religion\na@contoso.com,x\nb@contoso.com,"y, z"';
    assert.equal(apply(offered(text, 0, 25), "Remove column 'Religion'"), 'Microsoft_PersonEmail\na@contoso.com\nb@contoso.com');
  });

  it('blank line: delete it, or all of them', () => {
    const text = 'Microsoft_PersonEmail\r\na@contoso.com\r\n\r\nb@contoso.com\r\n\r\n';
    const o = offered(text, 2, 0);
    assert.deepEqual(titles(o), ['Delete this blank line', 'Fix all: delete 2 blank lines in this file']);
    assert.equal(apply(o, 'Delete this blank line'), 'Microsoft_PersonEmail\r\na@contoso.com\r\nb@contoso.com\r\n\r\n');
    assert.equal(apply(o, 'Fix all: delete 2 blank lines in this file'), 'Microsoft_PersonEmail\r\na@contoso.com\r\nb@contoso.com\r\n');
  });

  it('enumeration with a case slip: change to the allowed value', () => {
    const o = offered('Microsoft_PersonEmail,Microsoft_GlintEmploymentStatus\na@contoso.com,inactive\n', 1, 16);
    assert.equal(apply(o, "Change to 'INACTIVE'"), 'Microsoft_PersonEmail,Microsoft_GlintEmploymentStatus\na@contoso.com,INACTIVE\n');
  });

  it('a column that is not imported: declare it, or remove it', () => {
    const o = offered('Microsoft_PersonEmail,CostCenter\na@contoso.com,4711\n', 0, 25);
    assert.deepEqual(titles(o), ["Add 'CostCenter' to orgdata.customAttributes", "Remove column 'CostCenter'"]);
  });

  it('no rename is offered when no attribute is close', () => {
    const o = offered('Microsoft_PersonEmail,Microsoft_Zebra\na@contoso.com,x\n', 0, 25);
    assert.deepEqual(titles(o), ["Add 'Microsoft_Zebra' to orgdata.customAttributes"]);
  });
});
