/**
 * The VS Code side: starts the language server in its own process and names the documents it serves.
 * The server decides which CSVs are org data (by header or the orgdata.files setting); other CSVs stay quiet.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

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

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    synchronize: { configurationSection: 'orgdata' },
    outputChannelName: 'Org Data',
  };
  client = new LanguageClient('orgdata', 'Org Data', serverOptions, clientOptions);
  await client.start();

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // the document selector is fixed at start: a new orgdata.files pattern needs a restart of the client
      if (e.affectsConfiguration('orgdata.files') && client) {
        await client.stop();
        client = new LanguageClient('orgdata', 'Org Data', serverOptions, { ...clientOptions, documentSelector: documentSelector() });
        await client.start();
      }
    }),
  );
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
