/**
 * The language server: thin wiring between LSP and the engine. Diagnostics are pushed (debounced) or
 * pulled, whichever the client supports; settings come per document from the client; no request or
 * rule failure can take the process down; cell values are never logged.
 */
import {
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './uri';
import {
  CODES,
  looksLikeOrgData,
  matchesFilesSetting,
  normalizeSettings,
  validate,
  type Finding,
  type OrgDataSettings,
  type Severity,
  type SettingsProblem,
} from './engine';

const PUSH_DELAY_MS = 250;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function startServer(connection: Connection): void {
  // stdout may be the protocol stream: anything printed must go to the client's log instead
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

  const documents = new TextDocuments(TextDocument);
  let pullMode = false;
  let configurationRequests = false;
  let workspaceFolders: string[] = [];
  /** settings sent with didChangeConfiguration, for clients that cannot be asked */
  let pushedSettings: OrgDataSettings = normalizeSettings({});
  const settingsCache = new Map<string, Promise<OrgDataSettings>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const cache = new Map<string, { version: number; diagnostics: Diagnostic[] }>();
  const reportedSettingsProblems = new Set<string>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pullMode = !!caps.textDocument?.diagnostic;
    configurationRequests = !!caps.workspace?.configuration;
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => URI.toPath(f.uri)).filter((p): p is string => !!p);
    if (workspaceFolders.length === 0 && params.rootUri) {
      const root = URI.toPath(params.rootUri);
      if (root) workspaceFolders = [root];
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        diagnosticProvider: pullMode ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
      },
      serverInfo: { name: 'orgdata-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (configurationRequests) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'orgdata' }).catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    runSafe('didChangeConfiguration', () => {
      settingsCache.clear();
      cache.clear(); // results depend on settings
      reportedSettingsProblems.clear();
      const sent = (change.settings as { orgdata?: unknown } | undefined)?.orgdata;
      if (sent !== undefined) pushedSettings = readSettings(sent, 'client');
      if (pullMode) connection.languages.diagnostics.refresh();
      else for (const doc of documents.all()) schedule(doc, 0);
    }, undefined);
  });

  function readSettings(raw: unknown, where: string): OrgDataSettings {
    const problems: SettingsProblem[] = [];
    const settings = normalizeSettings(raw, problems);
    for (const p of problems) {
      const key = `${where}:${p.message}`;
      if (reportedSettingsProblems.has(key)) continue;
      reportedSettingsProblems.add(key);
      connection.console.warn(`Ignored a setting: ${p.message}.`);
    }
    return settings;
  }

  function settingsFor(uri: string): Promise<OrgDataSettings> {
    if (!configurationRequests) return Promise.resolve(pushedSettings);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'orgdata' })
        .then((raw) => readSettings(raw, uri), () => pushedSettings);
      settingsCache.set(uri, s);
    }
    return s;
  }

  /** Validates a document version, or answers [] for a CSV that is not org data. */
  async function diagnose(doc: TextDocument): Promise<Diagnostic[]> {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.diagnostics;
    const settings = await settingsFor(doc.uri);
    const text = doc.getText();
    const filePath = URI.toPath(doc.uri);
    const byGlob = !!filePath && matchesFilesSetting(settings.files, filePath, relativePath(filePath));
    let diagnostics: Diagnostic[] = [];
    if (byGlob || looksLikeOrgData(text)) {
      const result = validate(text, settings, { force: byGlob });
      for (const failure of result.ruleFailures) {
        connection.console.error(`The ${failure.rule} rules failed on ${doc.uri}: ${failure.error}`);
      }
      diagnostics = result.findings.map((f) => toDiagnostic(doc.uri, f));
    }
    cache.set(doc.uri, { version: doc.version, diagnostics });
    return diagnostics;
  }

  function relativePath(filePath: string): string | undefined {
    for (const folder of workspaceFolders) {
      const prefix = folder.endsWith('/') ? folder : folder + '/';
      if (filePath.startsWith(prefix)) return filePath.slice(prefix.length);
    }
    return undefined;
  }

  function schedule(doc: TextDocument, delay: number): void {
    if (pullMode) return;
    const pending = timers.get(doc.uri);
    if (pending) clearTimeout(pending);
    timers.set(doc.uri, setTimeout(() => {
      timers.delete(doc.uri);
      void runSafe('validate', async () => {
        const version = doc.version;
        const diagnostics = await diagnose(doc);
        // drop results superseded by a newer edit or a close while settings were fetched
        const current = documents.get(doc.uri);
        if (!current || current.version !== version) return;
        await connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
      }, undefined);
    }, delay));
  }

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => {
    cache.delete(e.document.uri);
    schedule(e.document, PUSH_DELAY_MS);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.delete(uri);
    cache.delete(uri);
    settingsCache.delete(uri);
    if (!pullMode) void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  });

  connection.languages.diagnostics.on(async (params, token) => {
    return runSafe('diagnostics', async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      throwIfCancelled(token);
      const items = await diagnose(doc);
      throwIfCancelled(token);
      return { kind: DocumentDiagnosticReportKind.Full, items };
    }, { kind: DocumentDiagnosticReportKind.Full, items: [] }, token);
  });

  function throwIfCancelled(token: CancellationToken): void {
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
  }

  /** Runs a handler; an exception is logged (without document content) and answered with the fallback. */
  async function runSafe<T>(what: string, fn: () => T | Promise<T>, fallback: T, token?: CancellationToken): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      connection.console.error(`${what} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fallback;
    }
  }

  documents.listen(connection);
  connection.listen();
}

function toDiagnostic(uri: string, f: Finding): Diagnostic {
  const source = (CODES[f.code] as { source: string }).source;
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'orgdata',
    message: f.message,
  };
  if (source.startsWith('https://')) d.codeDescription = { href: source };
  if (f.data || f.attribute) d.data = { ...f.data, attribute: f.attribute };
  if (f.related) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  return d;
}
