/**
 * The language server: a thin startServer that reads what the client can do and hands each LSP feature to
 * its handler (handlers/), all of them over one Session (documents, settings, analyses). No request or rule
 * failure can take the process down; cell values are never logged.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { FIX_ALL_KIND } from './engine';
import { URI } from './uri';
import { Session } from './session';
import { registerCodeActions } from './handlers/codeActions';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerEditing } from './handlers/editing';
import { registerNavigation } from './handlers/navigation';
import { registerReportingLines } from './handlers/reportingLines';
import { registerPreview } from './handlers/preview';
import { registerReports } from './handlers/reports';

export { StatusNotification } from './session';
export { PeopleRequest, PreviewRequest } from './handlers/preview';

export function startServer(connection: Connection): void {
  // stdout may be the protocol stream: anything printed must go to the client's log instead
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

  const session = new Session(connection);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    session.abilities.pullDiagnostics = !!caps.textDocument?.diagnostic;
    session.abilities.configurationRequests = !!caps.workspace?.configuration;
    session.abilities.resolveEdits = !!caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    // clients that can neither be asked for settings nor push them (Neovim 0.7) pass them here
    const initial = (params.initializationOptions as { orgdata?: unknown } | undefined)?.orgdata;
    if (initial !== undefined) session.pushedSettings = session.readSettings(initial, 'initializationOptions');
    session.workspaceFolders = (params.workspaceFolders ?? []).map((f) => URI.toPath(f.uri)).filter((p): p is string => !!p);
    if (session.workspaceFolders.length === 0 && params.rootUri) {
      const root = URI.toPath(params.rootUri);
      if (root) session.workspaceFolders = [root];
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: session.abilities.pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [','] },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND],
          resolveProvider: true,
        },
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        callHierarchyProvider: true,
        renameProvider: { prepareProvider: true },
        workspaceSymbolProvider: true,
      },
      serverInfo: { name: 'orgdata-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (session.abilities.configurationRequests) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'orgdata' }).catch(() => undefined);
    }
  });

  const diagnostics = registerDiagnostics(session);
  registerEditing(session);
  registerCodeActions(session);
  registerPreview(session);
  registerNavigation(session);
  registerReportingLines(session);
  registerReports(session);

  connection.onDidChangeConfiguration((change) => {
    void session.runSafe(
      'didChangeConfiguration',
      () => {
        session.settingsChanged((change.settings as { orgdata?: unknown } | undefined)?.orgdata);
        diagnostics.revalidateAll();
      },
      undefined,
    );
  });

  // an orgdata.json created, changed or deleted (the client watches them): every document's settings may change
  connection.onDidChangeWatchedFiles(() => {
    void session.runSafe(
      'didChangeWatchedFiles',
      () => {
        session.projects.clear();
        session.settingsChanged(undefined);
        diagnostics.revalidateAll();
      },
      undefined,
    );
  });

  session.documents.listen(connection);
  connection.listen();
}
