/** Hover, completion and the column outline: each reads the rows around its line, never a big document whole. */
import { CompletionItemKind, MarkupKind, SymbolKind } from 'vscode-languageserver';
import { columnSymbols, completionsAt, hoverAt, ProfileBuilder, type FileProfile } from '../engine';
import type { Session } from '../session';

/** Up to this size a header hover adds the column's fill rate and distinct values (it reads the whole document). */
const PROFILED_CHARS = 8 * 1024 * 1024;

export function registerEditing(session: Session): void {
  const { connection } = session;
  /** each document's column profile, for the version it was made of */
  const profiles = new Map<string, { version: number; profile?: FileProfile }>();
  session.documents.onDidClose((e) => profiles.delete(e.document.uri));

  async function profileOf(uri: string): Promise<FileProfile | undefined> {
    const doc = session.documents.get(uri);
    if (!doc || doc.text.length > PROFILED_CHARS) return undefined;
    const hit = profiles.get(uri);
    if (hit?.version === doc.version) return hit.profile;
    const whole = await session.orgDataDocument(uri);
    let profile: FileProfile | undefined;
    if (whole) {
      const builder = new ProfileBuilder(whole.settings);
      builder.add(whole);
      profile = builder.result();
    }
    profiles.set(uri, { version: doc.version, profile });
    return profile;
  }

  connection.onHover((params, token) =>
    session.runSafe(
      'hover',
      async () => {
        const doc = await session.orgDataDocument(params.textDocument.uri, params.position.line);
        session.throwIfCancelled(token);
        const analysis = session.documents.get(params.textDocument.uri) && session.cache.get(params.textDocument.uri)?.analysis;
        const line = params.position.line;
        const h =
          doc &&
          hoverAt(
            doc,
            params.position,
            analysis?.result.findings.filter((f) => f.range.start.line <= line && f.range.end.line >= line),
          );
        if (!h) return null;
        let markdown = h.markdown;
        if (line === 0 && h.range.start.line === 0) {
          // on a header cell: how the column is filled (documents up to PROFILED_CHARS)
          const profile = await profileOf(params.textDocument.uri);
          const name = doc!.columns
            .find((c) => doc!.out.lineIndex.range(c.start, c.end).start.character === h.range.start.character)
            ?.name.trim();
          const column = profile?.columns.find((c) => c.name === name);
          if (profile && column) {
            const rows = column.filled + column.blank + column.deleted;
            markdown += `\n\n---\n\n**In this file:** ${column.filled} of ${rows} rows filled (${rows ? ((100 * column.filled) / rows).toFixed(1) : '0'}%), ${column.blank} blank, ${column.deleted} deleted; ${column.distinct} distinct ${column.distinct === 1 ? 'value' : 'values'}.`;
          }
        }
        return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: h.range };
      },
      null,
      token,
    ),
  );

  connection.onCompletion((params, token) =>
    session.runSafe(
      'completion',
      async () => {
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
      },
      [],
      token,
    ),
  );

  connection.onDocumentSymbol((params, token) =>
    session.runSafe(
      'documentSymbol',
      async () => {
        const doc = await session.orgDataDocument(params.textDocument.uri, 'header');
        session.throwIfCancelled(token);
        if (!doc) return [];
        return columnSymbols(doc).map((s) => ({
          name: s.name,
          detail: s.detail,
          kind: SymbolKind.Field,
          range: s.range,
          selectionRange: s.range,
        }));
      },
      [],
      token,
    ),
  );
}
