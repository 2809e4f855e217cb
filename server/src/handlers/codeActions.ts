/** Quick fixes and refactorings: computed from the rows around the diagnostics; a fix-all's edit on resolve. */
import type { CancellationToken, CodeAction, Diagnostic } from 'vscode-languageserver';
import { codeActionsFor, FIX_ALL_KIND, fixAllOf, resolveEdit, type ActionSpec, type LazyEdit } from '../engine';
import type { Session } from '../session';

export function registerCodeActions(session: Session): void {
  const { connection, documents } = session;

  connection.onCodeAction((params, token) =>
    session.runSafe(
      'codeAction',
      async () => {
        const uri = params.textDocument.uri;
        const only = params.context.only;
        // Source Action… and editor.codeActionsOnSave ask for source.fixAll(.orgdata): the safe fixes of the whole file
        if (only?.some((k) => k === FIX_ALL_KIND || FIX_ALL_KIND.startsWith(k + '.'))) return fixAll(uri, token);
        const ours = params.context.diagnostics.filter((d) => d.source === 'orgdata');
        // the light bulb asks on every cursor move: on a clean data cell there is nothing to offer, and on the
        // header the first rows suffice, so a big document is not parsed whole for it
        const onHeader = params.range.start.line === 0 && ours.every((d) => d.range.start.line === 0);
        if (ours.length === 0 && !onHeader) return [];
        const analysis = await session.analysisOf(uri);
        session.throwIfCancelled(token);
        // the rows around the diagnostics; the whole document only for a fix-all, which a few codes have
        const doc = onHeader ? analysis?.headerDoc : analysis?.contextAt(params.range.start.line, ...ours.map((d) => d.range.start.line));
        if (!analysis || !doc) return [];
        const specs = codeActionsFor(doc, params.range, ours, () => analysis.doc).filter(
          (a) => !only || only.some((k) => a.kind === k || a.kind.startsWith(k + '.')),
        );
        return specs.map((a) => toCodeAction(uri, a));
      },
      [],
      token,
    ),
  );

  connection.onCodeActionResolve((action, token) =>
    session.runSafe(
      'codeActionResolve',
      async () => {
        const data = action.data as { uri?: string; version?: number; lazy?: LazyEdit } | undefined;
        if (!data?.uri || !data.lazy || action.edit) return action;
        const current = documents.get(data.uri);
        if (!current || current.version !== data.version) return action; // the document changed meanwhile: no stale edit
        const doc = await session.orgDataDocument(data.uri);
        session.throwIfCancelled(token);
        if (doc) action.edit = { changes: { [data.uri]: resolveEdit(doc, data.lazy) } };
        return action;
      },
      action,
      token,
    ),
  );

  /** The fix all action: the same safe fixes as orgdata-lint --fix, one pass, computed from the document now. */
  async function fixAll(uri: string, token: CancellationToken): Promise<CodeAction[]> {
    const analysis = await session.analysisOf(uri);
    const text = analysis?.doc?.text;
    if (text === undefined) return [];
    session.throwIfCancelled(token);
    const settings = await session.settingsFor(uri);
    const { edits, fixed } = fixAllOf(text, settings, { force: true });
    if (fixed === 0) return [];
    return [
      {
        title: `Fix all auto-fixable problems (${fixed})`,
        kind: FIX_ALL_KIND,
        edit: { changes: { [uri]: edits } },
      },
    ];
  }

  function toCodeAction(uri: string, a: ActionSpec): CodeAction {
    const action: CodeAction = { title: a.title, kind: a.kind };
    if (a.isPreferred) action.isPreferred = true;
    if (a.diagnostics) action.diagnostics = a.diagnostics as Diagnostic[];
    if (a.edits) action.edit = { changes: { [uri]: a.edits } };
    if (a.command) action.command = a.command;
    if (a.lazy) {
      const version = documents.get(uri)?.version;
      action.data = { uri, version, lazy: a.lazy };
      if (!session.abilities.resolveEdits) {
        const cached = session.cache.get(uri)?.analysis?.doc;
        if (cached) action.edit = { changes: { [uri]: resolveEdit(cached, a.lazy) } };
      }
    }
    return action;
  }
}
