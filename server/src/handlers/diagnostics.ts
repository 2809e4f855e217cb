/**
 * Diagnostics: pushed after a pause in typing, or pulled by clients that ask (LSP 3.17). With orgdata.run
 * "onSave" (for files too big to check as one types), a document is checked when it opens and when it is
 * saved; in between, a pull gets what the last check found.
 */
import { DocumentDiagnosticReportKind, type Diagnostic } from 'vscode-languageserver';
import type { PieceDocument } from '../pieceDocument';
import { BIG_DOCUMENT_CHARS } from '../memory';
import type { Session } from '../session';

/** Pause after the last keystroke before diagnostics are pushed: an edit costs milliseconds to re-check (measured in npm run bench). */
export const PUSH_DELAY_MS = 75;

export function registerDiagnostics(session: Session): { revalidateAll(): void } {
  const { connection, documents } = session;
  const timers = new Map<string, NodeJS.Timeout>();
  /** what the last check of each document found (orgdata.run onSave answers pulls with it between saves) */
  const last = new Map<string, Diagnostic[]>();
  /** documents whose next pull may check them (opened or saved since, or the settings changed) */
  const due = new Set<string>();

  function schedule(doc: PieceDocument, delay: number): void {
    // pulled diagnostics come on request; the status item still follows the document
    if (session.abilities.pullDiagnostics) delay = Math.max(delay, PUSH_DELAY_MS);
    const pending = timers.get(doc.uri);
    if (pending) clearTimeout(pending);
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        void session.runSafe(
          'validate',
          async () => {
            const version = doc.version;
            const { diagnostics } = await session.analyzed(doc);
            if (session.abilities.pullDiagnostics) return;
            // drop results superseded by a newer edit or a close while settings were fetched
            const current = documents.get(doc.uri);
            if (!current || current.version !== version) return;
            await connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
          },
          undefined,
        );
      }, delay),
    );
  }

  documents.onDidOpen((e) => {
    due.add(e.document.uri);
    schedule(e.document, 0);
  });
  documents.onDidChangeContent((e) => {
    session.cache.delete(e.document.uri);
    // (the settings already known, read at once: waiting for them would let the open's check run, then a
    // second one after the pause; the first change of a document, its open, is checked whatever the mode)
    if (session.settled.get(e.document.uri)?.run === 'onSave') return;
    schedule(e.document, PUSH_DELAY_MS);
  });
  documents.onDidSave((e) => {
    due.add(e.document.uri);
    if (session.abilities.pullDiagnostics) connection.languages.diagnostics.refresh();
    else schedule(e.document, 0);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.delete(uri);
    last.delete(uri);
    due.delete(uri);
    session.forget(uri, e.document.text.length >= BIG_DOCUMENT_CHARS);
    if (!session.abilities.pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  });

  connection.languages.diagnostics.on(async (params, token) =>
    session.runSafe(
      'diagnostics',
      async () => {
        const doc = documents.get(params.textDocument.uri);
        if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        session.throwIfCancelled(token);
        const kept = last.get(doc.uri);
        if (kept && !due.has(doc.uri) && (await session.settingsFor(doc.uri)).run === 'onSave')
          return { kind: DocumentDiagnosticReportKind.Full, items: kept };
        const { diagnostics } = await session.analyzed(doc);
        session.throwIfCancelled(token);
        last.set(doc.uri, diagnostics);
        due.delete(doc.uri);
        return { kind: DocumentDiagnosticReportKind.Full, items: diagnostics };
      },
      { kind: DocumentDiagnosticReportKind.Full, items: [] },
      token,
    ),
  );

  return {
    revalidateAll() {
      for (const doc of documents.all()) due.add(doc.uri);
      if (session.abilities.pullDiagnostics) connection.languages.diagnostics.refresh();
      else for (const doc of documents.all()) schedule(doc, 0);
    },
  };
}
