/**
 * What every LSP handler shares: the open documents with the spans their edits touched, the settings per
 * document, the Entra ID users file, and each document's analysis, kept and updated edit by edit
 * (IncrementalAnalysis). No LSP feature lives here: the handlers under handlers/ answer them.
 */
import {
  DiagnosticSeverity,
  LSPErrorCodes,
  NotificationType,
  ResponseError,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver';
import { BIG_DOCUMENT_CHARS, collectGarbage, collectGarbageSoon } from './memory';
import { PieceDocument } from './pieceDocument';
import { URI } from './uri';
import * as path from 'node:path';
import { ProjectFiles, type ProjectFile } from './projectFile';
import { EntraFiles, type EntraLoad } from './entraFile';
import { STATUS_NOTIFICATION, type StatusParams } from './protocol';
import {
  CODES,
  IncrementalAnalysis,
  looksLikeOrgData,
  matchesFilesSetting,
  normalizeSettings,
  type Finding,
  type OrgDataSettings,
  type Severity,
  type SettingsProblem,
} from './engine';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const StatusNotification = new NotificationType<StatusParams>(STATUS_NOTIFICATION);

export interface Analyzed {
  version: number;
  entraStamp: string;
  entra: EntraLoad;
  analysis?: IncrementalAnalysis;
  diagnostics: Diagnostic[];
}

/** What the client said it can do, read in onInitialize. */
export interface ClientAbilities {
  pullDiagnostics: boolean;
  configurationRequests: boolean;
  resolveEdits: boolean;
}

export class Session {
  readonly abilities: ClientAbilities = { pullDiagnostics: false, configurationRequests: false, resolveEdits: false };
  workspaceFolders: string[] = [];
  /** settings sent with didChangeConfiguration or initializationOptions, for clients that cannot be asked */
  pushedSettings: OrgDataSettings = normalizeSettings({});
  readonly documents: TextDocuments<PieceDocument>;
  /** the analyses of the current versions (cleared on change), and the ones kept to be updated by edits */
  readonly cache = new Map<string, Analyzed>();
  private readonly incremental = new Map<
    string,
    { analysis: IncrementalAnalysis; settings: OrgDataSettings; entraStamp: string; force: boolean }
  >();
  /** what changed since the last analysis, in the current text */
  private readonly dirty = new Map<string, { start: number; end: number; delta: number } | 'full'>();
  private readonly settingsCache = new Map<string, Promise<OrgDataSettings>>();
  /** the settings a document's last lookup gave, read at once where waiting would change the timing (see diagnostics) */
  readonly settled = new Map<string, OrgDataSettings>();
  private readonly reportedSettingsProblems = new Set<string>();
  private readonly entraFiles = new EntraFiles();
  private readonly reportedEntraProblems = new Set<string>();
  private readonly loggedFailures = new WeakSet<object>();

  constructor(readonly connection: Connection) {
    this.documents = new TextDocuments<PieceDocument>({
      create: (uri, languageId, version, text) => PieceDocument.create(uri, languageId, version, text),
      update: (doc, changes, version) => {
        for (const change of changes) {
          if ('range' in change) {
            const start = doc.offsetAt(change.range.start);
            const oldEnd = doc.offsetAt(change.range.end);
            this.noteEdit(doc.uri, start, oldEnd, change.text.length);
          } else this.dirty.set(doc.uri, 'full');
          doc.update([change], version);
        }
        return doc;
      },
    });
  }

  private noteEdit(uri: string, start: number, oldEnd: number, length: number): void {
    const d = this.dirty.get(uri);
    if (d === 'full') return;
    const change = length - (oldEnd - start);
    if (!d) {
      this.dirty.set(uri, { start, end: start + length, delta: change });
      return;
    }
    const end = d.end >= oldEnd ? d.end + change : d.end > start ? start + length : d.end;
    this.dirty.set(uri, { start: Math.min(d.start, start), end: Math.max(end, start + length), delta: d.delta + change });
  }

  /** Settings changed: every result depends on them. */
  settingsChanged(sent: unknown): void {
    this.settingsCache.clear();
    this.settled.clear();
    this.cache.clear();
    this.reportedSettingsProblems.clear();
    this.reportedEntraProblems.clear();
    if (sent !== undefined) this.pushedSettings = this.readSettings(sent, 'client');
  }

  readSettings(raw: unknown, where: string): OrgDataSettings {
    const problems: SettingsProblem[] = [];
    const settings = normalizeSettings(raw, problems);
    for (const p of problems) {
      const key = `${where}:${p.message}`;
      if (this.reportedSettingsProblems.has(key)) continue;
      this.reportedSettingsProblems.add(key);
      this.connection.console.warn(`Ignored a setting: ${p.message}.`);
    }
    return settings;
  }

  /** The project files (orgdata.json) of the documents' folders, read until one changes. */
  readonly projects = new ProjectFiles();

  /**
   * A document's settings: its orgdata.json (the nearest from its folder upward) over the editor's settings,
   * over the defaults. The file's own mistakes are the editor's JSON schema's to show; here a bad value is
   * left out, as a bad setting is.
   */
  settingsFor(uri: string): Promise<OrgDataSettings> {
    let s = this.settingsCache.get(uri);
    if (!s) {
      const editor = this.abilities.configurationRequests
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'orgdata' }).then(
            (raw) => this.readSettings(raw, uri),
            () => this.pushedSettings,
          )
        : Promise.resolve(this.pushedSettings);
      s = editor.then((settings) => {
        const own = this.withProject(settings, uri);
        this.settled.set(uri, own);
        return own;
      });
      this.settingsCache.set(uri, s);
    }
    return s;
  }

  /** The project file that governs a document, if any. */
  projectOf(uri: string): ProjectFile | undefined {
    const filePath = URI.toPath(uri);
    return filePath ? this.projects.forDir(path.dirname(filePath)) : undefined;
  }

  private withProject(settings: OrgDataSettings, uri: string): OrgDataSettings {
    const project = this.projectOf(uri);
    if (!project || Object.keys(project.raw).length === 0) return settings;
    const raw: Record<string, unknown> = { ...settings, ...project.raw };
    const own = project.raw.severity;
    raw.severity = { ...settings.severity, ...(own && typeof own === 'object' ? own : {}) };
    return normalizeSettings(raw);
  }

  /** The Entra ID users of the document's workspace folder, with one message per problem. */
  private entraFor(uri: string, settings: OrgDataSettings): EntraLoad {
    const filePath = URI.toPath(uri);
    const folder = filePath
      ? this.workspaceFolders.find((f) => filePath.startsWith(f.endsWith('/') ? f : f + '/'))
      : this.workspaceFolders[0];
    const load = this.entraFiles.load(settings.entraUsers, folder);
    if (load.problem && !this.reportedEntraProblems.has(load.problem)) {
      this.reportedEntraProblems.add(load.problem);
      void this.connection.window.showWarningMessage(`Org Data: ${load.problem}. Preview Export shows organizational data only.`);
    }
    return load;
  }

  /** The analysis of a document version (cached), or an empty one for a CSV that is not org data. */
  async analyzed(doc: PieceDocument): Promise<Analyzed> {
    const version = doc.version;
    const settings = await this.settingsFor(doc.uri);
    const entra = this.entraFor(doc.uri, settings);
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === version && hit.entraStamp === entra.stamp) return hit;
    const text = doc.text;
    const filePath = URI.toPath(doc.uri);
    const byGlob = !!filePath && matchesFilesSetting(settings.files, filePath, this.relativePath(filePath));
    const entry: Analyzed = { version, entraStamp: entra.stamp, entra, diagnostics: [] };
    const edit = this.dirty.get(doc.uri);
    this.dirty.delete(doc.uri);
    // (orgdata.enable false: nothing is checked, as for a CSV that is not org data)
    if (settings.enable && (byGlob || looksLikeOrgData(text.slice(0, 64 * 1024), settings.columns))) {
      const kept = this.incremental.get(doc.uri);
      if (kept && kept.settings === settings && kept.entraStamp === entra.stamp && kept.force === byGlob && edit !== 'full') {
        if (edit) kept.analysis.update(text, { start: edit.start, oldEnd: edit.end - edit.delta, newEnd: edit.end });
      } else {
        // the message that brought a big document is garbage now: collect it before the analysis settles
        // its arrays in memory, or they keep the freed space from going back to the system
        if (text.length >= BIG_DOCUMENT_CHARS && !kept) collectGarbage();
        this.incremental.set(doc.uri, {
          analysis: new IncrementalAnalysis(text, settings, { force: byGlob, entra: entra.directory }),
          settings,
          entraStamp: entra.stamp,
          force: byGlob,
        });
      }
      // a big document opened or checked whole leaves much garbage behind: give it back now
      if (text.length >= BIG_DOCUMENT_CHARS && this.incremental.get(doc.uri)!.analysis.lastUpdate === 'full') collectGarbageSoon();
      entry.analysis = this.incremental.get(doc.uri)!.analysis;
      for (const failure of entry.analysis.result.ruleFailures) {
        // an analysis kept across edits keeps its failures: each is logged once
        if (this.loggedFailures.has(failure)) continue;
        this.loggedFailures.add(failure);
        this.connection.console.error(`The ${failure.rule} rules failed on ${doc.uri}: ${failure.error}`);
      }
      entry.diagnostics = entry.analysis.result.findings.map((f) => toDiagnostic(doc.uri, f));
    } else this.incremental.delete(doc.uri);
    if (this.documents.get(doc.uri)?.version === version) {
      this.cache.set(doc.uri, entry);
      void this.connection
        .sendNotification(StatusNotification, { ...statusOf(doc.uri, entry), projectFile: this.projectOf(doc.uri)?.file })
        .catch(() => undefined);
    }
    return entry;
  }

  /** The analysis of an open document, if it is org data. */
  async analysisOf(uri: string): Promise<IncrementalAnalysis | undefined> {
    const doc = this.documents.get(uri);
    return doc ? (await this.analyzed(doc)).analysis : undefined;
  }

  /**
   * What the editor features read: the whole document, the header's rows ('header'), or the rows around
   * a line (a number); the last two are cheap on a big document, which is never parsed whole for them.
   */
  async orgDataDocument(uri: string, part: 'whole' | 'header' | number = 'whole') {
    const analysis = await this.analysisOf(uri);
    if (!analysis) return undefined;
    return part === 'whole' ? analysis.doc : part === 'header' ? analysis.headerDoc : analysis.contextAt(part);
  }

  /** A document was closed: forget everything about it. */
  forget(uri: string, bigDocument: boolean): void {
    this.cache.delete(uri);
    this.incremental.delete(uri);
    this.dirty.delete(uri);
    this.settingsCache.delete(uri);
    this.settled.delete(uri);
    if (bigDocument) collectGarbageSoon();
  }

  private relativePath(filePath: string): string | undefined {
    for (const folder of this.workspaceFolders) {
      const prefix = folder.endsWith('/') ? folder : folder + '/';
      if (filePath.startsWith(prefix)) return filePath.slice(prefix.length);
    }
    return undefined;
  }

  throwIfCancelled(token: CancellationToken): void {
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
  }

  /** Runs a handler; an exception is logged (without document content) and answered with the fallback. */
  async runSafe<T>(what: string, fn: () => T | Promise<T>, fallback: T, token?: CancellationToken): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      this.connection.console.error(`${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  }
}

function statusOf(uri: string, entry: Analyzed): StatusParams {
  const result = entry.analysis?.result;
  // every finding made, also those past orgdata.maxProblems: the status must not say 0 errors when there are some
  const count = (s: Severity): number => result?.counts[s] ?? 0;
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
