/** The extension in a real VS Code: documents open, diagnostics appear where they belong, and follow edits and settings. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere } from './helpers';

const ws = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
const file = (name: string): vscode.Uri => vscode.Uri.joinPath(ws(), name);

describe('Org Data in VS Code', () => {
  let problems: vscode.TextDocument;

  before(async () => {
    // the unrelated CSV first: by the time the org-data file has findings, it has been seen too
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('prices.csv')));
    problems = await vscode.workspace.openTextDocument(file('with-problems.csv'));
    await vscode.window.showTextDocument(problems);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('orgdata').update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a CSV with an org-data header in the Org Data CSV language', () => {
    assert.equal(problems.languageId, 'orgdata-csv');
  });

  it('underlines the misspelt header on its cell, with code, source and fix', async () => {
    const ds = await diagnosticsWhere(problems.uri, (d) => d.length > 0, 'diagnostics on with-problems.csv');
    const unknown = ds.find((d) => codeOf(d) === 'unknown-attribute');
    assert.ok(unknown, ds.map(codeOf).join(', '));
    assert.deepEqual(
      [unknown.range.start.line, unknown.range.start.character, unknown.range.end.line, unknown.range.end.character],
      [0, 68, 0, 86],
    );
    assert.equal(unknown.source, 'orgdata');
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.match(unknown.message, /Did you mean 'Microsoft_JobTitle'\?/);
    assert.deepEqual(ds.map(codeOf).sort(), [
      'blank-row',
      'column-count',
      'dialect-mix',
      'duplicate-person',
      'formula-injection',
      'invalid-email',
      'invalid-integer',
      'name-group-incomplete',
      'name-group-incomplete',
      'self-manager',
      'sensitive-column',
      'unknown-attribute',
    ]);
  });

  it('leaves an unrelated CSV in the same workspace alone', () => {
    assert.deepEqual(vscode.languages.getDiagnostics(file('prices.csv')), []);
  });

  it('clears a diagnostic when an edit fixes its cell', async () => {
    const editor = await vscode.window.showTextDocument(problems);
    const ok = await editor.edit((b) => b.replace(new vscode.Range(0, 68, 0, 86), 'Microsoft_JobTitle'));
    assert.ok(ok);
    await diagnosticsWhere(
      problems.uri,
      (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'unknown-attribute'),
      'unknown-attribute to clear',
    );
  });

  it('applies a settings change: a severity set to off drops those findings', async () => {
    await vscode.workspace.getConfiguration('orgdata').update('severity', { 'blank-row': 'off' }, vscode.ConfigurationTarget.Workspace);
    await diagnosticsWhere(problems.uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'blank-row'), 'blank-row to disappear');
  });
});
