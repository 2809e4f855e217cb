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
import { Reports } from './reports';

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
  const item = vscode.languages.createLanguageStatusItem('orgdata.status', documentSelector() as vscode.DocumentSelector);
  item.name = 'Org Data';
  item.command = { title: 'Show problems', command: 'workbench.actions.view.problems' };
  const showStatus = (): void => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const s = uri ? statuses.get(uri) : undefined;
    // the context key shows "Preview Export" in menus for org-data files only
    void vscode.commands.executeCommand('setContext', 'orgdata.isOrgDataFile', !!s?.orgData);
    if (!s || !s.orgData) {
      item.text = 'Org Data: not an org-data file';
      item.detail = 'No Microsoft_ or Viva Insights header, and not in orgdata.files';
      item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const count = (n: number, one: string, many: string): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;
    item.text = `${DIALECT_LABEL[s.dialect ?? 'ods']} · ${count(s.people, 'person', 'people')}`;
    item.detail = `${count(s.errors, 'error', 'errors')}, ${count(s.warnings, 'warning', 'warnings')}`;
    item.severity =
      s.errors > 0
        ? vscode.LanguageStatusSeverity.Error
        : s.warnings > 0
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
  };

  const start = async (): Promise<void> => {
    client = new LanguageClient('orgdata', 'Org Data', serverOptions, clientOptions());
    await client.start();
    client.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => {
      statuses.set(s.uri, s);
      if (vscode.window.activeTextEditor?.document.uri.toString() === s.uri) showStatus();
    });
  };
  await start();

  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(showStatus),
    vscode.workspace.onDidCloseTextDocument((d) => statuses.delete(d.uri.toString())),
    vscode.commands.registerCommand('orgdata.addCustomAttribute', addCustomAttribute),
    // the server's source.fixAll.orgdata action: the same safe fixes as orgdata-lint --fix and fix on save
    vscode.commands.registerCommand('orgdata.fixAll', () =>
      vscode.commands.executeCommand('editor.action.codeAction', { kind: 'source.fixAll.orgdata', apply: 'first' }),
    ),
    new ExportPreviews(() => client),
    new Reports(() => client),
    registerCreateUploadFile(() => client),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // the document selector is fixed at start: a new orgdata.files pattern needs a new client
      if (e.affectsConfiguration('orgdata.files') && client) {
        await client.stop();
        await start();
      }
    }),
  );
  return { isServerRunning: () => client?.isRunning() ?? false };
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
