/** Diagnostics: pushed after a pause in typing, or pulled by clients that ask (LSP 3.17). */
import { DocumentDiagnosticReportKind } from 'vscode-languageserver';
import type { PieceDocument } from '../pieceDocument';
import { BIG_DOCUMENT_CHARS } from '../memory';
import type { Session } from '../session';

/** Pause after the last keystroke before diagnostics are pushed: an edit costs milliseconds to re-check (measured in npm run bench). */
export const PUSH_DELAY_MS = 75;

export function registerDiagnostics(session: Session): { revalidateAll(): void } {
  const { connection, documents } = session;
  const timers = new Map<string, NodeJS.Timeout>();

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

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => {
    session.cache.delete(e.document.uri);
    schedule(e.document, PUSH_DELAY_MS);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.delete(uri);
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
        const { diagnostics } = await session.analyzed(doc);
        session.throwIfCancelled(token);
        return { kind: DocumentDiagnosticReportKind.Full, items: diagnostics };
      },
      { kind: DocumentDiagnosticReportKind.Full, items: [] },
      token,
    ),
  );

  return {
    revalidateAll() {
      if (session.abilities.pullDiagnostics) connection.languages.diagnostics.refresh();
      else for (const doc of documents.all()) schedule(doc, 0);
    },
  };
}
