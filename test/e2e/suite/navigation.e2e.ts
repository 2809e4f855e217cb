/** The reporting lines in VS Code: Go to Definition on a manager cell, and Show Call Hierarchy as an org chart. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhere } from './helpers';

const ws = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
const TEXT =
  [
    'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_DisplayName,Microsoft_FirstName,Microsoft_LastName,Microsoft_JobTitle',
    'megan.bowen@contoso.com,,Megan Bowen,Megan,Bowen,CEO',
    'adele.vance@contoso.com,megan.bowen@contoso.com,Adele Vance,Adele,Vance,VP Sales',
    'lee.gu@contoso.com,megan.bowen@contoso.com,Lee Gu,Lee,Gu,VP Engineering',
    'diego.siciliani@contoso.com,Adele.Vance@contoso.com,Diego Siciliani,Diego,Siciliani,Sales Manager',
  ].join('\n') + '\n';

describe('Org Data reporting lines in VS Code', () => {
  let doc: vscode.TextDocument;
  const uri = (): vscode.Uri => vscode.Uri.joinPath(ws(), 'navigation.csv');

  before(async () => {
    await vscode.workspace.fs.writeFile(uri(), Buffer.from(TEXT));
    doc = await vscode.workspace.openTextDocument(uri());
    await vscode.window.showTextDocument(doc);
    await diagnosticsWhere(doc.uri, () => true);
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('Go to Definition on a manager cell: the manager\u2019s row, whatever the case of the address', async () => {
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      doc.uri,
      new vscode.Position(4, 35),
    );
    assert.equal(found.length, 1);
    const range = 'targetRange' in found[0] ? found[0].targetRange : found[0].range;
    assert.deepEqual([range.start.line, range.start.character, range.end.line, range.end.character], [2, 0, 2, 23]);
  });

  it('Show Call Hierarchy: the person, their direct reports (incoming) and their manager (outgoing)', async () => {
    const [item] = await vscode.commands.executeCommand<vscode.CallHierarchyItem[]>(
      'vscode.prepareCallHierarchy',
      doc.uri,
      new vscode.Position(1, 3),
    );
    assert.equal(item.name, 'Megan Bowen');
    assert.equal(item.detail, 'megan.bowen@contoso.com · CEO');
    const incoming = await vscode.commands.executeCommand<vscode.CallHierarchyIncomingCall[]>('vscode.provideIncomingCalls', item);
    assert.deepEqual(
      incoming.map((c) => c.from.name),
      ['Adele Vance', 'Lee Gu'],
    );
    const down = await vscode.commands.executeCommand<vscode.CallHierarchyIncomingCall[]>('vscode.provideIncomingCalls', incoming[0].from);
    assert.deepEqual(
      down.map((c) => c.from.name),
      ['Diego Siciliani'],
    );
    const up = await vscode.commands.executeCommand<vscode.CallHierarchyOutgoingCall[]>('vscode.provideOutgoingCalls', down[0].from);
    assert.deepEqual(
      up.map((c) => c.to.name),
      ['Adele Vance'],
    );
  });
});
