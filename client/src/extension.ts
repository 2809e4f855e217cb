/**
 * The VS Code side: starts the language server in its own process, names the documents it serves, runs
 * the commands quick fixes ask for, and shows a status item. The server decides which CSVs are org data
 * (by header or the orgdata.files setting); other CSVs stay quiet.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import { ExportPreviews } from './exportPreview';
import { registerCreateUploadFile } from './uploadFile';
import { ReportingLinesView } from './reportingLines';
import { Reports } from './reports';
import { Pictures } from './pictures';

const DIALECT_LABEL = { ods: 'Organizational data', viva: 'Viva Insights' } as const;

let client: LanguageClient | undefined;

/** CSVs whatever their language id (csv, plaintext, other CSV extensions' ids), and our own language. */
function documentSelector(): DocumentSelector {
  const selector: DocumentSelector = [
    { language: 'orgdata-csv' },
    { scheme: 'file', pattern: '**/*.{csv,CSV,Csv}' },
    { scheme: 'untitled', language: 'csv' },
    { scheme: 'vscode-remote', pattern: '**/*.{csv,CSV,Csv}' },
  ];
  // files named in orgdata.files are org data whatever they are called
  const globs = vscode.workspace.getConfiguration('orgdata').get<string[]>('files') ?? [];
  for (const g of globs) if (typeof g === 'string' && g) selector.push({ pattern: g.includes('/') ? g : `**/${g}` });
  return selector;
}

/** What the extension offers other extensions (and its end-to-end tests). */
export interface OrgDataApi {
  isServerRunning(): boolean;
  /** the Reporting Lines view's data (its nodes, as the view asks for them) */
  reportingLines(): vscode.TreeDataProvider<unknown> | undefined;
  /** the pictures (column profile, upload changes): what is open, and a click as the page makes it */
  pictures(): Pictures | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<OrgDataApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions = (): LanguageClientOptions => ({
    documentSelector: documentSelector(),
    // the project files too: the server reads them for the CSVs beside them
    synchronize: { configurationSection: 'orgdata', fileEvents: vscode.workspace.createFileSystemWatcher('**/orgdata.json') },
    outputChannelName: 'Org Data',
  });

  const statuses = new Map<string, StatusParams>();
  // the status item shows on org-data files only: made when one is active, let go when not
  let item: vscode.LanguageStatusItem | undefined;
  const showStatus = (): void => {
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.uri.toString();
    const s = uri ? statuses.get(uri) : undefined;
    // the context key shows "Preview Export" in menus for org-data files only
    void vscode.commands.executeCommand('setContext', 'orgdata.isOrgDataFile', !!s?.orgData);
    if (!s || !s.orgData || !editor) {
      item?.dispose();
      item = undefined;
      return;
    }
    item ??= vscode.languages.createLanguageStatusItem('orgdata.status', documentSelector() as vscode.DocumentSelector);
    item.name = 'Org Data';
    item.command = { title: 'Show problems', command: 'workbench.actions.view.problems' };
    const count = (n: number, one: string, many: string): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;
    item.text = `${DIALECT_LABEL[s.dialect ?? 'ods']} · ${count(s.people, 'person', 'people')}`;
    // where the settings come from: the project file, or the editor's settings
    const from = s.projectFile ? `settings from ${vscode.workspace.asRelativePath(s.projectFile)}` : 'settings from VS Code';
    item.detail = `${count(s.errors, 'error', 'errors')}, ${count(s.warnings, 'warning', 'warnings')} · ${from}`;
    item.severity =
      s.errors > 0
        ? vscode.LanguageStatusSeverity.Error
        : s.warnings > 0
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
    offerLanguage(context, editor.document);
  };

  let reportingLines: ReportingLinesView | undefined;
  let reports: Reports;
  let pictures: Pictures | undefined;
  const start = async (): Promise<void> => {
    client = new LanguageClient('orgdata', 'Org Data', serverOptions, clientOptions());
    await client.start();
    client.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => {
      statuses.set(s.uri, s);
      if (vscode.window.activeTextEditor?.document.uri.toString() === s.uri) showStatus();
      // each check: the Reporting Lines view follows the file's people
      reportingLines?.refresh(s.uri);
    });
  };
  await start();

  context.subscriptions.push(
    { dispose: () => item?.dispose() },
    vscode.window.onDidChangeActiveTextEditor(showStatus),
    vscode.workspace.onDidCloseTextDocument((d) => statuses.delete(d.uri.toString())),
    vscode.commands.registerCommand('orgdata.addCustomAttribute', addCustomAttribute),
    vscode.commands.registerCommand('orgdata.restartServer', async () => {
      if (client) await client.restart();
      else await start();
    }),
    vscode.commands.registerCommand('orgdata.showOutput', () => client?.outputChannel.show(true)),
    // the walkthrough's first step: the sample with planted problems, as an untitled copy the user may edit
    vscode.commands.registerCommand('orgdata.openSample', async () => {
      const content = Buffer.from(
        await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'samples', 'with-problems.csv')),
      ).toString('utf8');
      const doc = await vscode.workspace.openTextDocument({ language: 'orgdata-csv', content });
      await vscode.window.showTextDocument(doc);
      return doc.uri;
    }),
    // the server's source.fixAll.orgdata action: the same safe fixes as orgdata-lint --fix and fix on save
    vscode.commands.registerCommand('orgdata.fixAll', () =>
      vscode.commands.executeCommand('editor.action.codeAction', { kind: 'source.fixAll.orgdata', apply: 'first' }),
    ),
    new ExportPreviews(() => client),
    (reports = new Reports(() => client)),
    (pictures = new Pictures(reports, () => client)),
    registerCreateUploadFile(() => client),
    (reportingLines = new ReportingLinesView(() => client)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // the document selector is fixed at start: a new orgdata.files pattern needs a new client
      if (e.affectsConfiguration('orgdata.files') && client) {
        await client.stop();
        await start();
      }
    }),
  );
  return {
    isServerRunning: () => client?.isRunning() ?? false,
    reportingLines: () => reportingLines as vscode.TreeDataProvider<unknown> | undefined,
    pictures: () => pictures,
  };
}

/** Quick fix "Add to orgdata.customAttributes": the workspace folder's setting when there is one. */
async function addCustomAttribute(name: unknown): Promise<void> {
  if (typeof name !== 'string' || !name) return;
  const uri = vscode.window.activeTextEditor?.document.uri;
  const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
  const config = vscode.workspace.getConfiguration('orgdata', uri);
  const inspected = config.inspect<string[]>('customAttributes');
  const target =
    folder && (vscode.workspace.workspaceFolders?.length ?? 0) > 1
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : vscode.workspace.workspaceFolders
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  const current =
    (target === vscode.ConfigurationTarget.WorkspaceFolder
      ? inspected?.workspaceFolderValue
      : target === vscode.ConfigurationTarget.Workspace
        ? inspected?.workspaceValue
        : inspected?.globalValue) ?? [];
  if (current.some((c) => c.toLowerCase() === name.toLowerCase())) return;
  await config.update('customAttributes', [...current, name], target);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}

/**
 * An org-data file open under another language (another CSV extension's, or plain text): the Org Data CSV
 * language adds its highlighting of attributes and deletions, so it is offered, once, never forced; every
 * other feature works under any language.
 */
const LANGUAGE_OFFERED = 'orgdata.languageOffered';
function offerLanguage(context: vscode.ExtensionContext, doc: vscode.TextDocument): void {
  if (doc.languageId === 'orgdata-csv' || context.globalState.get(LANGUAGE_OFFERED)) return;
  void context.globalState.update(LANGUAGE_OFFERED, true);
  void vscode.window
    .showInformationMessage(
      `${path.basename(doc.uri.path)} is organizational data, open as ${doc.languageId}. The Org Data CSV language adds highlighting of attributes and deletions; everything else works as it is.`,
      'Use Org Data CSV',
      'Keep',
    )
    .then((choice) => {
      if (choice === 'Use Org Data CSV') void vscode.languages.setTextDocumentLanguage(doc, 'orgdata-csv');
    });
}
