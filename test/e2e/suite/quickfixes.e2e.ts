/** Every quick fix, fetched the way the light bulb fetches it and applied: the document text that results. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere } from './helpers';

async function open(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Waits for a finding of `code` on the document, then applies the action titled `title` at its range. */
async function applyFix(doc: vscode.TextDocument, code: string, title: string): Promise<void> {
  const ds = await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === code), code);
  const diagnostic = ds.find((x) => codeOf(x) === code)!;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    diagnostic.range,
    undefined,
    10,
  );
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no "${title}" among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(action.edit, `"${title}" has its edit (resolved)`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

describe('Org Data quick fixes in VS Code', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revertAll' as string).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('trims the spaces around every email of the file', async () => {
    const doc = await open('trim.csv', 'Microsoft_PersonEmail,Microsoft_ManagerEmail\n a@contoso.com ,\nb@contoso.com , a@contoso.com\n');
    await applyFix(doc, 'email-spaces', 'Fix all: trim the spaces around 3 emails in this file');
    assert.equal(doc.getText(), 'Microsoft_PersonEmail,Microsoft_ManagerEmail\na@contoso.com,\nb@contoso.com,a@contoso.com\n');
  });

  it('removes a sensitive column from every row, leaving the rest byte for byte', async () => {
    const doc = await open(
      'remove.csv',
      'Microsoft_PersonEmail,Religion,Microsoft_CompanyOfficeLocation\r\na@contoso.com,x,"Building 4, Floor 2"\r\nb@contoso.com,"y\r\nz",B1\r\n',
    );
    await applyFix(doc, 'sensitive-column', "Remove column 'Religion'");
    assert.equal(
      doc.getText(),
      'Microsoft_PersonEmail,Microsoft_CompanyOfficeLocation\r\na@contoso.com,"Building 4, Floor 2"\r\nb@contoso.com,B1\r\n',
    );
  });

  it('deletes a blank line', async () => {
    const doc = await open('blank.csv', 'Microsoft_PersonEmail\na@contoso.com\n\nb@contoso.com\n');
    await applyFix(doc, 'blank-row', 'Delete this blank line');
    assert.equal(doc.getText(), 'Microsoft_PersonEmail\na@contoso.com\nb@contoso.com\n');
  });

  it('converts a Viva Insights name to its Organizational data name', async () => {
    const doc = await open('mix.csv', 'Microsoft_PersonEmail,Microsoft_JobTitle,ManagerId,Organization\na@contoso.com,CEO,,Sales\n');
    await applyFix(doc, 'dialect-mix', 'Rename all 2 Viva Insights names in the header to Organizational data (Microsoft_) names');
    assert.equal(
      doc.getText(),
      'Microsoft_PersonEmail,Microsoft_JobTitle,Microsoft_ManagerEmail,Microsoft_Organization\na@contoso.com,CEO,,Sales\n',
    );
  });

  it('fixes the case of an enumeration value', async () => {
    const doc = await open('enum.csv', 'Microsoft_PersonEmail,Microsoft_GlintEmploymentStatus\na@contoso.com,active\n');
    await applyFix(doc, 'invalid-enum', "Change to 'ACTIVE'");
    assert.equal(doc.getText(), 'Microsoft_PersonEmail,Microsoft_GlintEmploymentStatus\na@contoso.com,ACTIVE\n');
  });

  it("repairs what Excel did: a lone ' becomes ''", async () => {
    const doc = await open(
      'excel.csv',
      "Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization,Microsoft_JobTitle\na@contoso.com,,Sales,'\n",
    );
    await applyFix(doc, 'lone-quote', "Change to '' (delete the stored value)");
    assert.equal(
      doc.getText(),
      "Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization,Microsoft_JobTitle\na@contoso.com,,Sales,''\n",
    );
  });

  it('converts a semicolon file to commas, quoted cells byte for byte', async () => {
    const doc = await open(
      'semicolons.csv',
      'Microsoft_PersonEmail;Microsoft_ManagerEmail;Microsoft_Organization\r\na@contoso.com;;"Sales; EMEA"\r\nb@contoso.com;a@contoso.com;Sales, APAC\r\n',
    );
    await applyFix(doc, 'wrong-delimiter', 'Convert the file to commas');
    assert.equal(
      doc.getText(),
      'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization\r\na@contoso.com,,"Sales; EMEA"\r\nb@contoso.com,a@contoso.com,"Sales, APAC"\r\n',
    );
  });

  it('Fix All Auto-fixable Problems (source.fixAll.orgdata, for fix on save): the safe fixes of the whole file, nothing else', async () => {
    const doc = await open(
      'fix-all.csv',
      "Microsoft_PersonEmail;Microsoft_ManagerEmail;Microsoft_Layer;Microsoft_JobTitel\r\n a@contoso.com ;;0;CEO\r\n\r\nb@contoso.com;a@contoso.com;'';Dev, Ops\r\n",
    );
    await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'wrong-delimiter'), 'wrong-delimiter');
    await vscode.commands.executeCommand('orgdata.fixAll');
    for (let i = 0; i < 50 && doc.getText().includes(';'); i++) await new Promise((r) => setTimeout(r, 100));
    // the misspelt header is a guess, left to the light bulb
    assert.equal(
      doc.getText(),
      'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Layer,Microsoft_JobTitel\r\na@contoso.com,,0,CEO\r\nb@contoso.com,a@contoso.com,-1,"Dev, Ops"\r\n',
    );
  });
});
