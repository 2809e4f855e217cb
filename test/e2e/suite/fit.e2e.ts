/** Where users look: fix on save, the Explorer's commands, the walkthrough, the housekeeping commands. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere } from './helpers';

const ws = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;

describe('Org Data fits VS Code', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('fix on save: editor.codeActionsOnSave with source.fixAll.orgdata makes the safe fixes when the file is saved', async () => {
    await vscode.workspace
      .getConfiguration('editor')
      .update('codeActionsOnSave', { 'source.fixAll.orgdata': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    const uri = vscode.Uri.joinPath(ws(), 'on-save.csv');
    await vscode.workspace.fs.writeFile(
      uri,
      Buffer.from('Microsoft_PersonEmail,Microsoft_ManagerEmail\n a@contoso.com ,\n\nb@contoso.com,a@contoso.com\n'),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'email-spaces'), 'email-spaces');
    // an edit, then the user's save
    await editor.edit((e) => e.insert(new vscode.Position(3, 0), ''));
    await editor.edit((e) => e.replace(new vscode.Range(3, 0, 3, 1), 'b'));
    await vscode.commands.executeCommand('workbench.action.files.save');
    const saved = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    assert.equal(saved, 'Microsoft_PersonEmail,Microsoft_ManagerEmail\na@contoso.com,\nb@contoso.com,a@contoso.com\n');
  });

  it('the Explorer\u2019s commands take the file they are run on, open or not', async () => {
    const uri = vscode.Uri.joinPath(ws(), 'explorer.csv');
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(ws(), 'contoso-ods.csv'), uri, { overwrite: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const shown = await vscode.commands.executeCommand<{ answer: { json: { people: number } }; drawn: { kind: string; items: number } }>(
      'orgdata.profileColumns',
      uri,
    );
    // the picture of the file the menu was opened on: its 36 people and 15 columns drawn
    assert.equal(shown.answer.json.people, 36);
    assert.deepEqual(shown.drawn, { kind: 'profile', items: 15 });
    const manifest = vscode.extensions.getExtension('orgdata.orgdata')!.packageJSON;
    assert.deepEqual(
      manifest.contributes.menus['explorer/context'].map((m: { command: string }) => m.command),
      ['orgdata.previewExport', 'orgdata.profileColumns', 'orgdata.compareWithPrevious', 'orgdata.createUploadFile'],
    );
  });

  it('the walkthrough opens, and its first step opens the sample with its problems', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'orgdata.orgdata#orgdata.gettingStarted', false);
    for (let i = 0; i < 50 && !welcomeTab(); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(welcomeTab(), vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).join(', '));
    const uri = await vscode.commands.executeCommand<vscode.Uri>('orgdata.openSample');
    assert.equal(uri.scheme, 'untitled');
    await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'unknown-attribute'), 'the sample\u2019s problems');
  });

  it('Restart Server and Show Output', async () => {
    await vscode.commands.executeCommand('orgdata.restartServer');
    const api = vscode.extensions.getExtension<{ isServerRunning(): boolean }>('orgdata.orgdata')!.exports;
    assert.equal(api.isServerRunning(), true);
    await vscode.commands.executeCommand('orgdata.showOutput');
  });
});

function welcomeTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /welcome|walkthrough|organizational data/i.test(t.label));
}
