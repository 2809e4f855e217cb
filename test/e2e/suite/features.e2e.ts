/** Quick fixes, hover, completion and the outline through VS Code's own command API, as the UI asks for them. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere } from './helpers';

const ws = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
const TEXT =
  'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_JobTitel,CostCentre\nceo@contoso.com,,CEO,1\ncfo@contoso.com,ceo@contoso.com,CFO,2\n';

describe('Org Data editor features in VS Code', () => {
  let doc: vscode.TextDocument;
  const uri = (): vscode.Uri => vscode.Uri.joinPath(ws(), 'features.csv');

  before(async () => {
    await vscode.workspace.fs.writeFile(uri(), Buffer.from(TEXT));
    doc = await vscode.workspace.openTextDocument(uri());
    await vscode.window.showTextDocument(doc);
    await diagnosticsWhere(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'unknown-attribute'));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('orgdata').update('customAttributes', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('hover on a header cell explains the attribute', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 30));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(text, /\*\*Microsoft_ManagerEmail\*\* · email address/);
  });

  it('completion in the header offers the missing attributes', async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(0, 50),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('Microsoft_JobTitle'));
    assert.ok(!labels.includes('Microsoft_PersonEmail'));
  });

  it('the outline lists the columns', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Microsoft_PersonEmail', 'Microsoft_ManagerEmail', 'Microsoft_JobTitel', 'CostCentre'],
    );
  });

  it('the preferred quick fix renames the misspelt header, and the finding goes away', async () => {
    const range = new vscode.Range(0, 46, 0, 46);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const rename = actions.find((a) => a.isPreferred && a.title === "Rename to 'Microsoft_JobTitle'");
    assert.ok(rename?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    assert.equal(doc.getText(), TEXT.replace('JobTitel', 'JobTitle'));
    await diagnosticsWhere(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'unknown-attribute'));
  });

  it('"Add to orgdata.customAttributes" writes the workspace setting, which silences the finding', async () => {
    const range = new vscode.Range(0, 66, 0, 66);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const add = actions.find((a) => a.title === "Add 'CostCentre' to orgdata.customAttributes");
    assert.ok(add?.command, actions.map((a) => a.title).join(' | '));
    await vscode.commands.executeCommand(add.command.command, ...(add.command.arguments ?? []));
    assert.deepEqual(vscode.workspace.getConfiguration('orgdata').get('customAttributes'), ['CostCentre']);
    await diagnosticsWhere(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'unused-column'));
  });
});
