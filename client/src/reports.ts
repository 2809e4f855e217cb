/**
 * "Org Data: Compare with Previous Upload…" and "Org Data: Profile Columns": read-only Markdown documents
 * (scheme orgdata-report) built by the server from the editor's current text, shown in the Markdown preview
 * beside the CSV and rebuilt as the CSV changes. The older version for a comparison is a file the user
 * picks, or the CSV as git's HEAD has it.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DerivedDocuments } from './derivedDocuments';
import { DIFF_REQUEST, PROFILE_REQUEST, type DiffParams, type ProfileParams, type ReportAnswer } from '../../server/src/protocol';

export const REPORT_SCHEME = 'orgdata-report';

/** What a comparison compares against: a file, or the CSV in git's HEAD. */
export type OlderVersion = { file: string } | { head: true };

/** orgdata-report:/Profile of people.csv.md?<csv>  and  orgdata-report:/Changes of people.csv.md?<csv>#<older version, as JSON> */
export function reportUri(kind: 'profile' | 'diff', csv: vscode.Uri, older?: OlderVersion): vscode.Uri {
  return vscode.Uri.from({
    scheme: REPORT_SCHEME,
    path: `/${kind === 'profile' ? 'Profile' : 'Changes'} of ${path.basename(csv.path)}.md`,
    query: csv.toString(),
    fragment: older ? JSON.stringify(older) : '',
  });
}

export class Reports extends DerivedDocuments {
  constructor(private readonly client: () => LanguageClient | undefined) {
    super(REPORT_SCHEME);
    this.subscriptions.push(
      // the Markdown reports (the pictures, Profile Columns and Compare with Previous Upload, are in pictures.ts)
      vscode.commands.registerCommand('orgdata.profileColumnsMarkdown', (uri?: vscode.Uri) => this.open('profile', uri)),
      vscode.commands.registerCommand('orgdata.compareWithPreviousMarkdown', async (uri?: vscode.Uri, older?: OlderVersion) => {
        const csv = this.csvOf(uri);
        if (!csv) return;
        const pick = older ?? (await this.pickOlder(csv));
        if (pick) await this.open('diff', csv, pick);
      }),
    );
  }

  csvOf(target?: vscode.Uri): vscode.Uri | undefined {
    const csv = target ?? vscode.window.activeTextEditor?.document.uri;
    if (!csv || csv.scheme === REPORT_SCHEME) {
      void vscode.window.showInformationMessage('Open an organizational-data CSV first.');
      return undefined;
    }
    return csv;
  }

  private async open(kind: 'profile' | 'diff', target?: vscode.Uri, older?: OlderVersion): Promise<void> {
    const csv = this.csvOf(target);
    if (!csv) return;
    // from the Explorer the file may not be open: opened (not shown), the server gets it to read
    await vscode.workspace.openTextDocument(csv);
    const uri = reportUri(kind, csv, older);
    const doc = await vscode.workspace.openTextDocument(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      // no Markdown preview (an editor without the built-in Markdown extension): the text itself
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    }
  }

  /** The previous upload: a file the user picks, or the version in git's HEAD when there is a repository. */
  async pickOlder(csv: vscode.Uri): Promise<OlderVersion | undefined> {
    const head =
      csv.scheme === 'file' &&
      (await gitShow(csv.fsPath).then(
        () => true,
        () => false,
      ));
    const choice = head
      ? await vscode.window.showQuickPick(
          [
            { label: 'The version in git (HEAD)', older: { head: true } as OlderVersion },
            { label: 'A file…', older: undefined },
          ],
          { placeHolder: 'Compare with which previous upload?' },
        )
      : { older: undefined };
    if (!choice) return undefined;
    if (choice.older) return choice.older;
    const [file] =
      (await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { 'CSV files': ['csv'] },
        openLabel: 'Compare with this upload',
      })) ?? [];
    return file ? { file: file.fsPath } : undefined;
  }

  /** The server's report on a CSV: its column profile, or what uploading it changes against an older version. */
  async answer(csv: vscode.Uri, older?: OlderVersion): Promise<ReportAnswer> {
    const c = this.client();
    if (!c) return { error: 'The Org Data language server is not running.' };
    // from the Explorer the file may not be open: opened (not shown), the server gets it to read
    await vscode.workspace.openTextDocument(csv);
    if (!older) return c.sendRequest<ReportAnswer>(PROFILE_REQUEST, { uri: csv.toString() } satisfies ProfileParams);
    const oldText =
      'head' in older
        ? await gitShow(csv.fsPath)
        : new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(older.file)));
    const oldName = 'head' in older ? `${path.basename(csv.fsPath)} in git HEAD` : path.basename(older.file);
    return c.sendRequest<ReportAnswer>(DIFF_REQUEST, { uri: csv.toString(), oldText, oldName } satisfies DiffParams);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    try {
      const older = uri.path.startsWith('/Profile') ? undefined : (JSON.parse(uri.fragment) as OlderVersion);
      const answer = await this.answer(vscode.Uri.parse(uri.query), older);
      return answer.markdown ? answer.markdown + '\n' : `> ${answer.error ?? 'No report.'}\n`;
    } catch (e) {
      return `> The report could not be built: ${e instanceof Error ? e.message : String(e)}\n`;
    }
  }
}

/** The file as git's HEAD has it (git on the PATH, the file in a repository). */
function gitShow(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['show', `HEAD:./${path.basename(file)}`],
      { cwd: path.dirname(file), maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8' },
      (err, out) => (err ? reject(err) : resolve(out)),
    );
  });
}
