/** The Reporting Lines view in the real VS Code: the organization of the open file as a tree beside it. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere } from './helpers';

type PersonNode = { kind: 'person'; item: { email: string; line: number; badges: string[]; person: number }; uri: string };
type AnyNode = PersonNode | { kind: 'group'; group: string; count: number } | { kind: string };

const TEXT =
  [
    'Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_DisplayName,Microsoft_JobTitle',
    'megan@contoso.com,,Megan Bowen,CEO',
    'adele@contoso.com,megan@contoso.com,Adele Vance,VP Sales',
    'alex@contoso.com,adele@contoso.com,Alex Wilber,Account Executive',
    'lee@contoso.com,ghost@contoso.com,Lee Gu,Engineer',
  ].join('\n') + '\n';

describe('the Reporting Lines view', () => {
  let doc: vscode.TextDocument;
  const tree = (): vscode.TreeDataProvider<AnyNode> =>
    vscode.extensions.getExtension<{ reportingLines(): vscode.TreeDataProvider<AnyNode> }>('orgdata.orgdata')!.exports.reportingLines();
  const people = (nodes: AnyNode[]): PersonNode[] => nodes.filter((n): n is PersonNode => n.kind === 'person');

  before(async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'org-tree.csv');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(TEXT));
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'manager-not-in-file'), 'the unknown manager');
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('shows the file\u2019s organization: the CEO at the root, her reports below, the unknown manager\u2019s report in a group with its badge', async () => {
    const roots = (await tree().getChildren!())!;
    assert.deepEqual(
      people(roots).map((n) => n.item.email),
      ['megan@contoso.com'],
    );
    const group = roots.find((n) => n.kind === 'group') as { group: string; count: number };
    assert.deepEqual([group.group, group.count], ['unknownManager', 1]);
    const lee = people((await tree().getChildren!(group as AnyNode))!);
    assert.deepEqual(
      lee.map((n) => [n.item.email, n.item.badges]),
      [['lee@contoso.com', ['manager-not-in-file']]],
    );
    const below = people((await tree().getChildren!(roots[0]))!);
    assert.deepEqual(
      below.map((n) => n.item.email),
      ['adele@contoso.com'],
    );
    assert.equal((tree().getTreeItem(below[0]) as vscode.TreeItem).description, 'VP Sales · 1 direct, 1 in all');
  });

  it('selecting a person reveals their row', async () => {
    const roots = people((await tree().getChildren!())!);
    const adele = people((await tree().getChildren!(roots[0]))!)[0];
    await vscode.commands.executeCommand('orgdata.reportingLines.goToRow', adele);
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, 2);
  });

  it('an edit that moves a person moves them in the tree', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.lineAt(3).text;
    const start = line.indexOf(',') + 1;
    await editor.edit((e) => e.replace(new vscode.Range(3, start, 3, line.indexOf(',', start)), 'megan@contoso.com'));
    await diagnosticsWhere(doc.uri, () => true);
    for (let i = 0; i < 50; i++) {
      const roots = people((await tree().getChildren!())!);
      const below = people((await tree().getChildren!(roots[0]))!).map((n) => n.item.email);
      if (below.includes('alex@contoso.com')) {
        assert.deepEqual(below, ['adele@contoso.com', 'alex@contoso.com']);
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail('alex did not move under megan');
  });
});
