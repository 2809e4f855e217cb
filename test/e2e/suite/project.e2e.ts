/** The project file, orgdata.json: checked against its schema in the editor, read for the exports beside it, and Create Upload File. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere } from './helpers';

const ws = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
const PROJECT =
  '{\n  // the HR export\u2019s columns\n  "columns": {\n    "Work Email": "Microsoft_PersonEmail",\n    "Manager Email": "Microsoft_ManagerEmail",\n    "Department": "Microsoft_Organization"\n  }\n}\n';
const RAW = 'Work Email,Manager Email,Department,Badge\nmegan@contoso.com,,Exec,1\nalex@contoso,megan@contoso.com,"Sales, EMEA",2\n';

describe('orgdata.json in VS Code', () => {
  const dir = (): vscode.Uri => vscode.Uri.joinPath(ws(), 'hr-project');
  before(async () => {
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir(), 'orgdata.json'), Buffer.from(PROJECT));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir(), 'workday.csv'), Buffer.from(RAW));
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('a raw export beside it shows its findings through the mapping, on its own cells', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(dir(), 'workday.csv'));
    await vscode.window.showTextDocument(doc);
    const ds = await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'invalid-email'), 'the mapped findings');
    const at = (code: string): vscode.Range => ds.find((d) => codeOf(d) === code)!.range;
    assert.deepEqual([at('invalid-email').start.line, at('invalid-email').start.character], [2, 0]);
    assert.deepEqual([at('unmapped-column').start.line, at('unmapped-column').start.character], [0, 36]);
  });

  it('Create Upload File writes the upload: mapped headers, the badge left out, quoting kept', async () => {
    const raw = vscode.Uri.joinPath(dir(), 'workday.csv');
    const target = vscode.Uri.joinPath(dir(), 'upload.csv');
    const written = await vscode.commands.executeCommand<vscode.Uri>('orgdata.createUploadFile', raw, target);
    assert.equal(written?.toString(), target.toString());
    assert.equal(
      Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8'),
      'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_Organization\nmegan@contoso.com,,Exec\nalex@contoso,megan@contoso.com,"Sales, EMEA"\n',
    );
  });

  it('an unknown key in orgdata.json is a diagnostic in the file itself, from the schema the extension contributes', async () => {
    const uri = vscode.Uri.joinPath(dir(), 'orgdata.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(1, 0), '  "dateFormt": "DD/MM/YYYY",\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const ds = await diagnosticsWhere(uri, (d) => d.some((x) => /dateFormt/.test(x.message)), 'the schema\u2019s diagnostic', 30_000);
    const d = ds.find((x) => /dateFormt/.test(x.message))!;
    assert.equal(d.range.start.line, 1);
    // comments are allowed: the file is JSON with comments
    assert.ok(!ds.some((x) => /[Cc]omments are not permitted/.test(x.message)), ds.map((x) => x.message).join('; '));
  });
});
