/**
 * "Org Data: Preview Export": a read-only JSON document beside the CSV with the export preview of one
 * person, built by the server from the editor's current (possibly unsaved) text, and rebuilt as the CSV
 * changes. The document is virtual (scheme orgdata-preview), so it can never be saved over anything.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DerivedDocuments } from './derivedDocuments';
import { PEOPLE_REQUEST, PREVIEW_REQUEST, type PersonItem, type PreviewAnswer, type PreviewParams } from '../../server/src/protocol';

export const PREVIEW_SCHEME = 'orgdata-preview';

/** orgdata-preview:/adele@contoso.com.json?<the CSV's uri> */
export function previewUri(csv: vscode.Uri, person: string): vscode.Uri {
  return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${person}.json`, query: csv.toString() });
}

export class ExportPreviews extends DerivedDocuments {
  constructor(private readonly client: () => LanguageClient | undefined) {
    super(PREVIEW_SCHEME);
    this.subscriptions.push(vscode.commands.registerCommand('orgdata.previewExport', (uri?: vscode.Uri) => this.show(uri)));
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const person = decodeURIComponent(uri.path.slice(1, -'.json'.length));
    const answer = await this.request({ uri: uri.query, person });
    const body = answer.error ? { error: answer.error } : answer.preview;
    return JSON.stringify(body, null, 2) + '\n';
  }

  /** The command: the person on the cursor's row, or one chosen from the file's people. */
  async show(target?: vscode.Uri): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const csv = target ?? editor?.document.uri;
    if (!csv || csv.scheme === PREVIEW_SCHEME) {
      void vscode.window.showInformationMessage('Open an organizational-data CSV to preview its export.');
      return;
    }
    // from the Explorer the file may not be open: opened (not shown), the server gets it to read
    await vscode.workspace.openTextDocument(csv);
    let person: string | undefined;
    if (editor && editor.document.uri.toString() === csv.toString()) {
      const answer = await this.request({ uri: csv.toString(), line: editor.selection.active.line });
      person = answer.person;
    }
    if (!person) person = await this.pickPerson(csv);
    if (!person) return;
    const doc = await vscode.workspace.openTextDocument(previewUri(csv, person));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
  }

  private async pickPerson(csv: vscode.Uri): Promise<string | undefined> {
    const c = this.client();
    if (!c) return undefined;
    const people = await c.sendRequest<PersonItem[]>(PEOPLE_REQUEST, { uri: csv.toString() });
    if (people.length === 0) {
      void vscode.window.showInformationMessage('This file has no people to preview (no rows with a person email).');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      people.map((p) => ({ label: p.email, description: p.name, detail: `line ${p.line + 1}` })),
      { placeHolder: 'Whose export do you want to preview? Type an email or a name', matchOnDescription: true },
    );
    return picked?.label;
  }

  private async request(params: PreviewParams): Promise<PreviewAnswer> {
    const c = this.client();
    if (!c) return { error: 'The Org Data language server is not running.' };
    try {
      return await c.sendRequest<PreviewAnswer>(PREVIEW_REQUEST, params);
    } catch (e) {
      return { error: `The preview could not be built: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
}
