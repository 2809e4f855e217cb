/** Preview Export in VS Code: the JSON document beside the CSV, for the row under the cursor, following edits. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const TEXT =
  'Microsoft_PersonEmail,Microsoft_FirstName,Microsoft_LastName,Microsoft_DisplayName,Microsoft_JobTitle,Microsoft_Layer\n' +
  'megan@contoso.com,Megan,Bowen,Megan Bowen,CEO,0\n' +
  'adele@contoso.com,Adele,Vance,Adele Vance,Retail Manager,2\n';

function changeOf(doc: vscode.TextDocument): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('the preview did not change'));
    }, 20_000);
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== doc) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

describe('Preview Export in VS Code', () => {
  let csv: vscode.TextDocument;

  before(async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'preview.csv');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(TEXT));
    csv = await vscode.workspace.openTextDocument(uri);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a read-only JSON document beside the CSV for the row under the cursor', async () => {
    const editor = await vscode.window.showTextDocument(csv, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(2, 5, 2, 5);
    await vscode.commands.executeCommand('orgdata.previewExport');
    const preview = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'orgdata-preview');
    assert.ok(preview, 'a preview editor is visible');
    assert.equal(preview.document.languageId, 'json');
    assert.equal(preview.viewColumn, vscode.ViewColumn.Two);
    const json = JSON.parse(preview.document.getText());
    assert.deepEqual(json.UserProfileInfo.names[0].displayName, 'Adele Vance');
    assert.deepEqual(json.UserProfileInfo.positions[0].detail, { jobTitle: 'Retail Manager', layer: 2 });
    assert.equal(json.orgdataPreview.person, 'adele@contoso.com');
  });

  it('follows an unsaved edit of the CSV', async () => {
    const preview = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'orgdata-preview')!;
    const changed = changeOf(preview);
    const editor = await vscode.window.showTextDocument(csv, vscode.ViewColumn.One);
    const at = csv.getText().indexOf('Retail Manager');
    await editor.edit((b) => b.replace(new vscode.Range(csv.positionAt(at), csv.positionAt(at + 'Retail Manager'.length)), 'Store Lead'));
    await changed;
    assert.deepEqual(JSON.parse(preview.getText()).UserProfileInfo.positions[0].detail, { jobTitle: 'Store Lead', layer: 2 });
    assert.ok(csv.isDirty, 'the CSV was not saved');
  });
});
