/** Hover, completion and the column outline: each reads the rows around its line, never a big document whole. */
import { CompletionItemKind, MarkupKind, SymbolKind } from 'vscode-languageserver';
import { columnSymbols, completionsAt, hoverAt } from '../engine';
import type { Session } from '../session';

export function registerEditing(session: Session): void {
  const { connection } = session;

  connection.onHover((params, token) => session.runSafe('hover', async () => {
    const doc = await session.orgDataDocument(params.textDocument.uri, params.position.line);
    session.throwIfCancelled(token);
    const analysis = session.documents.get(params.textDocument.uri) && session.cache.get(params.textDocument.uri)?.analysis;
    const line = params.position.line;
    const h = doc && hoverAt(doc, params.position, analysis?.result.findings.filter((f) => f.range.start.line <= line && f.range.end.line >= line));
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range } : null;
  }, null, token));

  connection.onCompletion((params, token) => session.runSafe('completion', async () => {
    const doc = await session.orgDataDocument(params.textDocument.uri, params.position.line);
    session.throwIfCancelled(token);
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

  connection.onDocumentSymbol((params, token) => session.runSafe('documentSymbol', async () => {
    const doc = await session.orgDataDocument(params.textDocument.uri, 'header');
    session.throwIfCancelled(token);
    if (!doc) return [];
    return columnSymbols(doc).map((s) => ({ name: s.name, detail: s.detail, kind: SymbolKind.Field, range: s.range, selectionRange: s.range }));
  }, [], token));
}
