/** "Compare with Previous Upload…" and "Profile Columns": Markdown reports beside the CSV that follow its edits. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhere } from './helpers';

const ws = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
const OLD =
  'Microsoft_PersonEmail,Microsoft_JobTitle,Microsoft_Organization\nadele@contoso.com,VP Sales,Sales\nlee@contoso.com,VP Engineering,Engineering\n';
const NEW =
  'Microsoft_PersonEmail,Microsoft_JobTitle,Microsoft_Organization\nadele@contoso.com,Sales Director,Sales\nlee@contoso.com,VP Engineering,Engineering\n';

/** The open report document of a kind, once its text satisfies `accept`. */
async function reportWhere(kind: string, accept: (text: string) => boolean): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const doc = vscode.workspace.textDocuments.find(
      (d) => d.uri.scheme === 'orgdata-report' && d.uri.path.startsWith(`/${kind} of reports.csv`),
    );
    if (doc && accept(doc.getText())) return doc.getText();
    await new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeTextDocument(() => {
        sub.dispose();
        resolve();
      });
      setTimeout(() => {
        sub.dispose();
        resolve();
      }, 200);
    });
  }
  throw new Error(`no ${kind} report as expected`);
}

describe('Org Data reports in VS Code', () => {
  let doc: vscode.TextDocument;
  const uri = (): vscode.Uri => vscode.Uri.joinPath(ws(), 'reports.csv');
  const old = (): vscode.Uri => vscode.Uri.joinPath(ws(), 'reports-uploaded.csv');

  before(async () => {
    await vscode.workspace.fs.writeFile(old(), Buffer.from(OLD));
    await vscode.workspace.fs.writeFile(uri(), Buffer.from(NEW));
    doc = await vscode.workspace.openTextDocument(uri());
    await vscode.window.showTextDocument(doc);
    await diagnosticsWhere(doc.uri, () => true);
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('Compare with Previous Upload: what the upload changes, following an unsaved edit', async () => {
    await vscode.commands.executeCommand('orgdata.compareWithPreviousMarkdown', doc.uri, { file: old().fsPath });
    const text = await reportWhere('Changes', (t) => t.includes('Upload changes'));
    assert.match(text, /People: 0 added, 1 changed, 1 unchanged, 0 absent \(not deleted\); 1 value changes\./);
    assert.match(text, /\| adele@contoso\.com \| Microsoft_JobTitle \| changed \| VP Sales \| Sales Director \|/);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(2, 16, 2, 30), 'CTO');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await reportWhere('Changes', (t) => t.includes('2 changed, 0 unchanged'));
  });

  it('Profile Columns: per column how it is filled', async () => {
    await vscode.commands.executeCommand('orgdata.profileColumnsMarkdown', doc.uri);
    const text = await reportWhere('Profile', (t) => t.includes('Column profile'));
    assert.match(text, /\| Microsoft_Organization \| 100% \| 0 \| 0 \| 2 \|/);
  });

  it('Profile Columns as a picture: a webview beside the CSV with the numbers of the report; a click on a column reveals its header', async () => {
    const api = vscode.extensions.getExtension<{ pictures(): { click(kind: string, csv: vscode.Uri, m: unknown): Promise<void> } }>(
      'orgdata.orgdata',
    )!.exports;
    const shown = await vscode.commands.executeCommand<{
      answer: { json: { columns: { name: string; filled: number }[] } };
      drawn: { kind: string; items: number };
    }>('orgdata.profileColumns', doc.uri);
    assert.deepEqual(shown.drawn, { kind: 'profile', items: 3 });
    assert.deepEqual(
      shown.answer.json.columns.map((c) => [c.name, c.filled]),
      [
        ['Microsoft_PersonEmail', 2],
        ['Microsoft_JobTitle', 2],
        ['Microsoft_Organization', 2],
      ],
    );
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Profile of reports.csv');
    assert.ok(tab?.input instanceof vscode.TabInputWebview, 'a webview tab');
    await api.pictures().click('profile', doc.uri, { type: 'revealColumn', index: 2 });
    const sel = vscode.window.activeTextEditor!.selection;
    assert.equal(vscode.window.activeTextEditor!.document.uri.toString(), doc.uri.toString());
    assert.deepEqual([sel.start.line, sel.start.character, sel.end.character], [0, 41, 63]);
  });

  it('Compare with Previous Upload as a picture: the changes drawn, and a click on a person reveals their row', async () => {
    const api = vscode.extensions.getExtension<{ pictures(): { click(kind: string, csv: vscode.Uri, m: unknown): Promise<void> } }>(
      'orgdata.orgdata',
    )!.exports;
    const shown = await vscode.commands.executeCommand<{
      answer: { json: { changes: { person: string; line?: number }[]; lines: Record<string, number> } };
      drawn: { kind: string; items: number };
    }>('orgdata.compareWithPrevious', doc.uri, { file: old().fsPath });
    assert.equal(shown.drawn.kind, 'changes');
    assert.equal(shown.drawn.items, shown.answer.json.changes.length);
    assert.ok(shown.drawn.items >= 1);
    const line = shown.answer.json.lines['adele@contoso.com'];
    assert.equal(line, 1);
    await api.pictures().click('changes', doc.uri, { type: 'revealLine', line });
    assert.equal(vscode.window.activeTextEditor!.selection.active.line, 1);
  });
});
