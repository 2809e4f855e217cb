/**
 * "Org Data: Create Upload File": the upload file made from the open HR export, as orgdata-lint convert
 * makes it (mapped headers, unmapped columns left out, UTF-8, commas, RFC 4180 quoting, the safe fixes),
 * written where the user says; never over the export itself.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CONVERT_REQUEST, type ConvertAnswer, type ConvertParams } from '../../server/src/protocol';

export function registerCreateUploadFile(client: () => LanguageClient | undefined): vscode.Disposable {
  return vscode.commands.registerCommand('orgdata.createUploadFile', async (uri?: vscode.Uri, target?: vscode.Uri) => {
    const csv = uri ?? vscode.window.activeTextEditor?.document.uri;
    const c = client();
    if (!csv || !c) {
      void vscode.window.showInformationMessage('Open an HR export or an organizational-data CSV first.');
      return undefined;
    }
    // the server converts what it has open: the saved file or the editor's unsaved text
    await vscode.workspace.openTextDocument(csv);
    const answer = await c.sendRequest<ConvertAnswer>(CONVERT_REQUEST, { uri: csv.toString() } satisfies ConvertParams);
    if (answer.text === undefined) {
      void vscode.window.showErrorMessage(`Org Data: ${answer.error ?? 'the upload file could not be made.'}`);
      return undefined;
    }
    const base = path.basename(csv.path).replace(/\.csv$/i, '');
    const to =
      target ??
      (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(csv, '..', `${base}-upload.csv`),
        filters: { 'CSV UTF-8': ['csv'] },
        saveLabel: 'Create Upload File',
      }));
    if (!to) return undefined;
    if (to.toString() === csv.toString()) {
      void vscode.window.showErrorMessage('Org Data: the upload file cannot replace the export it is made from; choose another name.');
      return undefined;
    }
    await vscode.workspace.fs.writeFile(to, Buffer.from(answer.text, 'utf8'));
    const left = answer.dropped?.length ? `; left out: ${answer.dropped.join(', ')}` : '';
    void vscode.window.showInformationMessage(`Org Data: wrote ${path.basename(to.path)} (${answer.fixed ?? 0} problems fixed${left}).`);
    return to;
  });
}
