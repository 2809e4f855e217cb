/**
 * Beside another CSV extension (run only with test/e2e/standin-csv loaded, which claims .csv as Rainbow CSV
 * does): the file opens in that extension's language, never forced into ours, and every feature still works.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere } from './helpers';

describe('Org Data beside another CSV extension', () => {
  let doc: vscode.TextDocument;
  before(async () => {
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'with-problems.csv'));
    await vscode.window.showTextDocument(doc);
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('the file keeps the other extension\u2019s language, and shows the findings', async () => {
    assert.equal(doc.languageId, 'csv');
    assert.ok(vscode.extensions.getExtension('orgdata-tests.standin-csv'), 'the stand-in is installed');
    const ds = await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'unknown-attribute'), 'the findings under csv');
    assert.ok(ds.some((d) => codeOf(d) === 'invalid-email'));
  });

  it('quick fix and hover work under that language', async () => {
    const ds = vscode.languages.getDiagnostics(doc.uri);
    const unknown = ds.find((d) => codeOf(d) === 'unknown-attribute')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, unknown.range);
    const rename = actions.find((a) => a.title === "Rename to 'Microsoft_JobTitle'");
    assert.ok(rename?.edit, actions.map((a) => a.title).join(' | '));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Microsoft_PersonEmail/);
  });

  it('Preview Export works under that language', async () => {
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(1, 3, 1, 3);
    await vscode.commands.executeCommand('orgdata.previewExport');
    const preview = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'orgdata-preview');
    assert.ok(preview, 'a preview editor is visible');
    assert.equal(JSON.parse(preview.document.getText()).orgdataPreview.person, 'megan.bowen@contoso.com');
  });
});
