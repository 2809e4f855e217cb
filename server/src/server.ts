/**
 * The language server: thin wiring between LSP and the engine. Diagnostics are pushed (debounced) or
 * pulled, whichever the client supports; settings come per document from the client; hover, completion,
 * quick fixes and the outline read the same cached analysis; no request or rule failure can take the
 * process down; cell values are never logged.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  MarkupKind,
  NotificationType,
  RequestType,
  ResponseError,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { BIG_DOCUMENT_CHARS, collectGarbage, collectGarbageSoon } from './memory';
import { PieceDocument } from './pieceDocument';
import { URI } from './uri';
import { EntraFiles, type EntraLoad } from './entraFile';
import {
  PEOPLE_REQUEST,
  PREVIEW_REQUEST,
  STATUS_NOTIFICATION,
  type PersonItem,
  type PreviewAnswer,
  type PreviewParams,
  type StatusParams,
} from './protocol';
import {
  codeActionsFor,
  IncrementalAnalysis,
  CODES,
  columnSymbols,
  completionsAt,
  hoverAt,
  looksLikeOrgData,
  matchesFilesSetting,
  normalizeSettings,
  peopleOf,
  previewExport,
  resolveEdit,
  rowAtLine,
  rowOfPerson,
  type ActionSpec,
  type Finding,
  type LazyEdit,
  type OrgDataSettings,
  type Severity,
  type SettingsProblem,
} from './engine';

/** Pause after the last keystroke before diagnostics are pushed: an edit costs milliseconds to re-check (measured in npm run bench). */
const PUSH_DELAY_MS = 75;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const StatusNotification = new NotificationType<StatusParams>(STATUS_NOTIFICATION);
export const PreviewRequest = new RequestType<PreviewParams, PreviewAnswer, void>(PREVIEW_REQUEST);
export const PeopleRequest = new RequestType<{ uri: string }, PersonItem[], void>(PEOPLE_REQUEST);

interface Analyzed {
  version: number;
  entraStamp: string;
  entra: EntraLoad;
  analysis?: IncrementalAnalysis;
  diagnostics: Diagnostic[];
}

export function startServer(connection: Connection): void {
  // stdout may be the protocol stream: anything printed must go to the client's log instead
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

  // The documents, with every edit's span remembered, so that a big document is checked again only
  // where it changed (IncrementalAnalysis). dirty: what changed since the last analysis, in the current text.
  const dirty = new Map<string, { start: number; end: number; delta: number } | 'full'>();
  const documents = new TextDocuments<PieceDocument>({
    create: (uri, languageId, version, text) => PieceDocument.create(uri, languageId, version, text),
    update: (doc, changes, version) => {
      for (const change of changes) {
        if ('range' in change) {
          const start = doc.offsetAt(change.range.start);
          const oldEnd = doc.offsetAt(change.range.end);
          noteEdit(doc.uri, start, oldEnd, change.text.length);
        } else dirty.set(doc.uri, 'full');
        doc.update([change], version);
      }
      return doc;
    },
  });
  function noteEdit(uri: string, start: number, oldEnd: number, length: number): void {
    const d = dirty.get(uri);
    if (d === 'full') return;
    const change = length - (oldEnd - start);
    if (!d) {
      dirty.set(uri, { start, end: start + length, delta: change });
      return;
    }
    const end = d.end >= oldEnd ? d.end + change : d.end > start ? start + length : d.end;
    dirty.set(uri, { start: Math.min(d.start, start), end: Math.max(end, start + length), delta: d.delta + change });
  }
  /** Each open org-data document's analysis, kept to be updated by the next edits. */
  const incremental = new Map<string, { analysis: IncrementalAnalysis; settings: OrgDataSettings; entraStamp: string; force: boolean }>();
  let pullMode = false;
  let configurationRequests = false;
  let resolveSupport = false;
  let workspaceFolders: string[] = [];
  /** settings sent with didChangeConfiguration, for clients that cannot be asked */
  let pushedSettings: OrgDataSettings = normalizeSettings({});
  const settingsCache = new Map<string, Promise<OrgDataSettings>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const cache = new Map<string, Analyzed>();
  const reportedSettingsProblems = new Set<string>();
  const entraFiles = new EntraFiles();
  const loggedFailures = new WeakSet<object>();
  const reportedEntraProblems = new Set<string>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pullMode = !!caps.textDocument?.diagnostic;
    configurationRequests = !!caps.workspace?.configuration;
    resolveSupport = !!caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    // clients that can neither be asked for settings nor push them (Neovim 0.7) pass them here
    const initial = (params.initializationOptions as { orgdata?: unknown } | undefined)?.orgdata;
    if (initial !== undefined) pushedSettings = readSettings(initial, 'initializationOptions');
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => URI.toPath(f.uri)).filter((p): p is string => !!p);
    if (workspaceFolders.length === 0 && params.rootUri) {
      const root = URI.toPath(params.rootUri);
      if (root) workspaceFolders = [root];
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        diagnosticProvider: pullMode ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [','] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite], resolveProvider: true },
        documentSymbolProvider: true,
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
    void runSafe('didChangeConfiguration', () => {
      settingsCache.clear();
      cache.clear(); // results depend on settings
      reportedSettingsProblems.clear();
      reportedEntraProblems.clear();
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

  /** The Entra ID users of the document's workspace folder, with one message per problem. */
  function entraFor(uri: string, settings: OrgDataSettings): EntraLoad {
    const filePath = URI.toPath(uri);
    const folder = filePath ? workspaceFolders.find((f) => filePath.startsWith(f.endsWith('/') ? f : f + '/')) : workspaceFolders[0];
    const load = entraFiles.load(settings.entraUsers, folder);
    if (load.problem && !reportedEntraProblems.has(load.problem)) {
      reportedEntraProblems.add(load.problem);
      void connection.window.showWarningMessage(`Org Data: ${load.problem}. Preview Export shows organizational data only.`);
    }
    return load;
  }

  /** The analysis of a document version (cached), or an empty one for a CSV that is not org data. */
  async function analyzed(doc: PieceDocument): Promise<Analyzed> {
    const version = doc.version;
    const settings = await settingsFor(doc.uri);
    const entra = entraFor(doc.uri, settings);
    const hit = cache.get(doc.uri);
    if (hit && hit.version === version && hit.entraStamp === entra.stamp) return hit;
    const text = doc.text;
    const filePath = URI.toPath(doc.uri);
    const byGlob = !!filePath && matchesFilesSetting(settings.files, filePath, relativePath(filePath));
    const entry: Analyzed = { version, entraStamp: entra.stamp, entra, diagnostics: [] };
    const edit = dirty.get(doc.uri);
    dirty.delete(doc.uri);
    if (byGlob || looksLikeOrgData(text.slice(0, 64 * 1024))) {
      const kept = incremental.get(doc.uri);
      if (kept && kept.settings === settings && kept.entraStamp === entra.stamp && kept.force === byGlob && edit !== 'full') {
        if (edit) kept.analysis.update(text, { start: edit.start, oldEnd: edit.end - edit.delta, newEnd: edit.end });
      } else {
        // the message that brought a big document is garbage now: collect it before the analysis settles
        // its arrays in memory, or they keep the freed space from going back to the system
        if (text.length >= BIG_DOCUMENT_CHARS && !kept) collectGarbage();
        incremental.set(doc.uri, { analysis: new IncrementalAnalysis(text, settings, { force: byGlob, entra: entra.directory }), settings, entraStamp: entra.stamp, force: byGlob });
      }
      // a big document opened or checked whole leaves much garbage behind: give it back now
      if (text.length >= BIG_DOCUMENT_CHARS && incremental.get(doc.uri)!.analysis.lastUpdate === 'full') collectGarbageSoon();
      entry.analysis = incremental.get(doc.uri)!.analysis;
      for (const failure of entry.analysis.result.ruleFailures) {
        // an analysis kept across edits keeps its failures: each is logged once
        if (loggedFailures.has(failure)) continue;
        loggedFailures.add(failure);
        connection.console.error(`The ${failure.rule} rules failed on ${doc.uri}: ${failure.error}`);
      }
      entry.diagnostics = entry.analysis.result.findings.map((f) => toDiagnostic(doc.uri, f));
    } else incremental.delete(doc.uri);
    if (documents.get(doc.uri)?.version === version) {
      cache.set(doc.uri, entry);
      void connection.sendNotification(StatusNotification, statusOf(doc.uri, entry)).catch(() => undefined);
    }
    return entry;
  }

  /**
   * What the editor features read: the whole document, the header's rows ('header'), or the rows around
   * a line (a number); the last two are cheap on a big document, which is never parsed whole for them.
   */
  async function orgDataDocument(uri: string, part: 'whole' | 'header' | number = 'whole') {
    const doc = documents.get(uri);
    const analysis = doc ? (await analyzed(doc)).analysis : undefined;
    if (!analysis) return undefined;
    return part === 'whole' ? analysis.doc : part === 'header' ? analysis.headerDoc : analysis.contextAt(part);
  }

  function relativePath(filePath: string): string | undefined {
    for (const folder of workspaceFolders) {
      const prefix = folder.endsWith('/') ? folder : folder + '/';
      if (filePath.startsWith(prefix)) return filePath.slice(prefix.length);
    }
    return undefined;
  }

  function schedule(doc: PieceDocument, delay: number): void {
    if (pullMode) {
      // pulled diagnostics come on request; the status item still follows the document
      delay = Math.max(delay, PUSH_DELAY_MS);
    }
    const pending = timers.get(doc.uri);
    if (pending) clearTimeout(pending);
    timers.set(doc.uri, setTimeout(() => {
      timers.delete(doc.uri);
      void runSafe('validate', async () => {
        const version = doc.version;
        const { diagnostics } = await analyzed(doc);
        if (pullMode) return;
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
    incremental.delete(uri);
    dirty.delete(uri);
    if (e.document.text.length >= BIG_DOCUMENT_CHARS) collectGarbageSoon();
    settingsCache.delete(uri);
    if (!pullMode) void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  });

  connection.languages.diagnostics.on(async (params, token) => {
    return runSafe('diagnostics', async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      throwIfCancelled(token);
      const { diagnostics } = await analyzed(doc);
      throwIfCancelled(token);
      return { kind: DocumentDiagnosticReportKind.Full, items: diagnostics };
    }, { kind: DocumentDiagnosticReportKind.Full, items: [] }, token);
  });

  connection.onHover((params, token) => runSafe('hover', async () => {
    const doc = await orgDataDocument(params.textDocument.uri, params.position.line);
    throwIfCancelled(token);
    const analysis = documents.get(params.textDocument.uri) && cache.get(params.textDocument.uri)?.analysis;
    const line = params.position.line;
    const h = doc && hoverAt(doc, params.position, analysis?.result.findings.filter((f) => f.range.start.line <= line && f.range.end.line >= line));
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range } : null;
  }, null, token));

  connection.onCompletion((params, token) => runSafe('completion', async () => {
    const doc = await orgDataDocument(params.textDocument.uri, params.position.line);
    throwIfCancelled(token);
    if (!doc) return [];
    return completionsAt(doc, params.position).map((c) => ({
      label: c.label,
      kind: c.kind === 'attribute' ? CompletionItemKind.Field : CompletionItemKind.EnumMember,
      detail: c.detail,
      documentation: { kind: MarkupKind.Markdown, value: c.documentation },
      sortText: c.sortText,
      textEdit: { range: c.range, newText: c.label },
    }));
  }, [], token));

  connection.onDocumentSymbol((params, token) => runSafe('documentSymbol', async () => {
    const doc = await orgDataDocument(params.textDocument.uri, 'header');
    throwIfCancelled(token);
    if (!doc) return [];
    return columnSymbols(doc).map((s) => ({ name: s.name, detail: s.detail, kind: SymbolKind.Field, range: s.range, selectionRange: s.range }));
  }, [], token));

  connection.onCodeAction((params, token) => runSafe('codeAction', async () => {
    const uri = params.textDocument.uri;
    const ours = params.context.diagnostics.filter((d) => d.source === 'orgdata');
    // the light bulb asks on every cursor move: on a clean data cell there is nothing to offer, and on the
    // header the first rows suffice, so a big document is not parsed whole for it
    const onHeader = params.range.start.line === 0 && ours.every((d) => d.range.start.line === 0);
    if (ours.length === 0 && !onHeader) return [];
    const current = documents.get(uri);
    const analysis = current && (await analyzed(current)).analysis;
    throwIfCancelled(token);
    // the rows around the diagnostics; the whole document only for a fix-all, which a few codes have
    const doc = onHeader ? analysis?.headerDoc : analysis?.contextAt(params.range.start.line, ...ours.map((d) => d.range.start.line));
    if (!analysis || !doc) return [];
    const only = params.context.only;
    const specs = codeActionsFor(doc, params.range, ours, () => analysis.doc)
      .filter((a) => !only || only.some((k) => a.kind === k || a.kind.startsWith(k + '.')));
    return specs.map((a) => toCodeAction(uri, a));
  }, [], token));

  connection.onCodeActionResolve((action, token) => runSafe('codeActionResolve', async () => {
    const data = action.data as { uri?: string; version?: number; lazy?: LazyEdit } | undefined;
    if (!data?.uri || !data.lazy || action.edit) return action;
    const current = documents.get(data.uri);
    if (!current || current.version !== data.version) return action; // the document changed meanwhile: no stale edit
    const doc = await orgDataDocument(data.uri);
    throwIfCancelled(token);
    if (doc) action.edit = { changes: { [data.uri]: resolveEdit(doc, data.lazy) } };
    return action;
  }, action, token));

  function toCodeAction(uri: string, a: ActionSpec): CodeAction {
    const action: CodeAction = { title: a.title, kind: a.kind };
    if (a.isPreferred) action.isPreferred = true;
    if (a.diagnostics) action.diagnostics = a.diagnostics as Diagnostic[];
    if (a.edits) action.edit = { changes: { [uri]: a.edits } };
    if (a.command) action.command = a.command;
    if (a.lazy) {
      const version = documents.get(uri)?.version;
      action.data = { uri, version, lazy: a.lazy };
      if (!resolveSupport) {
        const cached = cache.get(uri)?.analysis?.doc;
        if (cached) action.edit = { changes: { [uri]: resolveEdit(cached, a.lazy) } };
      }
    }
    return action;
  }

  connection.onRequest(PreviewRequest, (params, token) => runSafe('previewExport', async () => {
    const doc = documents.get(params.uri);
    if (!doc) return { error: 'The file is not open.' };
    const entry = await analyzed(doc);
    throwIfCancelled(token);
    const analysis = entry.analysis;
    if (!analysis?.result.orgData || !analysis.headerDoc) return { error: 'This file is not organizational data: its header names no Microsoft_ or Viva Insights attribute.' };
    // the rows around the person's line suffice; the whole document only for a person the checks did not
    // match, and for a Viva Insights history file, whose person has a row per EffectiveDate anywhere in it
    const line = params.person !== undefined ? analysis.personLine(params.person) : params.line;
    let org = line === undefined ? undefined : analysis.result.dialect === 'viva' ? analysis.doc : analysis.contextAt(line);
    let row = org && line !== undefined ? rowAtLine(org, line) : undefined;
    if (params.person !== undefined && row === undefined) {
      org = analysis.doc;
      row = org && rowOfPerson(org, params.person);
    }
    if (!org || row === undefined) {
      return { error: params.person !== undefined ? 'This person is no longer in the file.' : 'The cursor is not on a person\u2019s row.' };
    }
    const settings = org.settings;
    const preview = previewExport(org, row, { precedence: settings.precedence, entra: entry.entra.directory, entraProblem: entry.entra.problem });
    if ('error' in preview) return { error: preview.error };
    return { preview, person: String(preview.orgdataPreview.person), line: Number(preview.orgdataPreview.line) - 1 };
  }, { error: 'The preview could not be built (see the Org Data output).' }, token));

  connection.onRequest(PeopleRequest, (params, token) => runSafe('people', async () => {
    const doc = await orgDataDocument(params.uri);
    throwIfCancelled(token);
    return doc ? peopleOf(doc).map((p) => ({ email: p.email, name: p.name, line: p.line })) : [];
  }, [], token));

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

function statusOf(uri: string, entry: Analyzed): StatusParams {
  const result = entry.analysis?.result;
  const count = (s: Severity): number => result?.findings.filter((f) => f.severity === s).length ?? 0;
  return {
    uri,
    orgData: !!result?.orgData,
    dialect: result?.orgData ? result.dialect : undefined,
    people: result?.people ?? 0,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('information'),
  };
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
