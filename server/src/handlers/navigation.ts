/**
 * The reporting lines in the editor: go to the manager's row, the people who name a person (references,
 * highlights), the org chart as a call hierarchy (incoming: direct reports; outgoing: the manager), renaming
 * a person's email everywhere, and people across the open files (workspace symbols). Each answer reads the
 * people index the checks keep (PeopleNavigation), and the rows around a line for names, never the whole file.
 */
import { ResponseError, SymbolKind, type CallHierarchyItem, type Location, type Range, type TextEdit } from 'vscode-languageserver';
import {
  addressMatches,
  emailProblem,
  PeopleNavigation,
  peopleOf,
  personSummary,
  rowAtLine,
  type IncrementalAnalysis,
  type OrgDataDocument as RuleContext,
  type PeoplePlace,
} from '../engine';
import type { PieceDocument } from '../pieceDocument';
import type { Session } from '../session';

/** At most this many people answer a workspace symbol query. */
const MAX_SYMBOLS = 500;

interface ItemData {
  uri: string;
  number: number;
  snapshot: number;
}

export function registerNavigation(session: Session): void {
  const { connection, documents } = session;

  async function navigationOf(uri: string): Promise<{ analysis: IncrementalAnalysis; nav: PeopleNavigation } | undefined> {
    const analysis = await session.analysisOf(uri);
    return analysis?.result.orgData ? { analysis, nav: new PeopleNavigation(analysis.state) } : undefined;
  }

  connection.onDefinition((params, token) =>
    session.runSafe(
      'definition',
      async () => {
        const found = await navigationOf(params.textDocument.uri);
        session.throwIfCancelled(token);
        const place = found?.nav.at(params.position);
        if (!found || !place || place.kind === 'person') return null;
        const target = found.nav.personOf(place.number, place.snapshot);
        return target ? { uri: params.textDocument.uri, range: target.range } : null;
      },
      null,
      token,
    ),
  );

  connection.onReferences((params, token) =>
    session.runSafe(
      'references',
      async () => {
        const found = await navigationOf(params.textDocument.uri);
        session.throwIfCancelled(token);
        const place = found?.nav.at(params.position);
        if (!found || !place) return [];
        const uri = params.textDocument.uri;
        const out: Location[] = found.nav.namedBy(place.number, place.snapshot).map((p) => ({ uri, range: p.range }));
        const own = found.nav.personOf(place.number, place.snapshot);
        if (params.context.includeDeclaration && own) out.unshift({ uri, range: own.range });
        return out;
      },
      [],
      token,
    ),
  );

  connection.onDocumentHighlight((params, token) =>
    session.runSafe(
      'documentHighlight',
      async () => {
        const found = await navigationOf(params.textDocument.uri);
        session.throwIfCancelled(token);
        const place = found?.nav.at(params.position);
        if (!found || !place) return [];
        return [...found.nav.rowsOf(place.number), ...found.nav.namedBy(place.number)].map((p) => ({ range: p.range }));
      },
      [],
      token,
    ),
  );

  /** A call hierarchy item for a person's row: name, job title and organization from the row. */
  async function itemOf(uri: string, analysis: IncrementalAnalysis, person: PeoplePlace): Promise<CallHierarchyItem> {
    const doc = analysis.contextAt(person.range.start.line);
    const summary = doc && personSummary(doc, person.range.start.line);
    const data: ItemData = { uri, number: person.number, snapshot: person.snapshot };
    return {
      name: summary?.name || summary?.email || 'person',
      detail: [summary?.name ? summary.email : '', summary?.jobTitle, summary?.organization].filter(Boolean).join(' · '),
      kind: SymbolKind.Object,
      uri,
      range: person.range,
      selectionRange: person.range,
      data,
    };
  }

  async function personOfItem(
    item: CallHierarchyItem,
  ): Promise<{ analysis: IncrementalAnalysis; nav: PeopleNavigation; person: PeoplePlace } | undefined> {
    const data = item.data as ItemData | undefined;
    if (!data) return undefined;
    const found = await navigationOf(data.uri);
    const person = found?.nav.personOf(data.number, data.snapshot);
    return found && person ? { ...found, person } : undefined;
  }

  connection.languages.callHierarchy.onPrepare((params, token) =>
    session.runSafe(
      'prepareCallHierarchy',
      async () => {
        const uri = params.textDocument.uri;
        const found = await navigationOf(uri);
        session.throwIfCancelled(token);
        const place = found?.nav.at(params.position);
        const person = place && (place.kind === 'person' ? place : found!.nav.personOf(place.number, place.snapshot));
        return found && person ? [await itemOf(uri, found.analysis, person)] : null;
      },
      null,
      token,
    ),
  );

  connection.languages.callHierarchy.onIncomingCalls((params, token) =>
    session.runSafe(
      'incomingCalls',
      async () => {
        const found = await personOfItem(params.item);
        session.throwIfCancelled(token);
        if (!found) return [];
        const uri = params.item.uri;
        return Promise.all(
          found.nav
            .reportsOf(found.person)
            .map(async ({ report, via }) => ({ from: await itemOf(uri, found.analysis, report), fromRanges: [via] })),
        );
      },
      [],
      token,
    ),
  );

  connection.languages.callHierarchy.onOutgoingCalls((params, token) =>
    session.runSafe(
      'outgoingCalls',
      async () => {
        const found = await personOfItem(params.item);
        session.throwIfCancelled(token);
        const manager = found && found.nav.managerOf(found.person);
        if (!found || !manager?.manager) return [];
        return [{ to: await itemOf(params.item.uri, found.analysis, manager.manager), fromRanges: [manager.via] }];
      },
      [],
      token,
    ),
  );

  connection.onPrepareRename((params, token) =>
    session.runSafe(
      'prepareRename',
      async () => {
        const found = await navigationOf(params.textDocument.uri);
        session.throwIfCancelled(token);
        const place = found?.nav.at(params.position);
        if (!found || !place) return null;
        const doc = documents.get(params.textDocument.uri)!;
        const span = addressSpan(doc.getText(place.range), place.range, found.nav, place.number);
        if (!span) throw new ResponseError(0, 'Rename works on an email address of a person or a manager.');
        return { range: span.range, placeholder: span.text };
      },
      null,
      token,
    ),
  );

  connection.onRenameRequest((params, token) =>
    session.runSafe(
      'rename',
      async () => {
        const uri = params.textDocument.uri;
        const found = await navigationOf(uri);
        session.throwIfCancelled(token);
        const place = found?.nav.at(params.position);
        if (!found || !place) return null;
        const next = params.newName.trim();
        const problem = emailProblem(next);
        if (problem) throw new ResponseError(0, `The new name must be an email address, but ${problem}.`);
        const taken = found.nav.numberOf(next);
        if (taken >= 0 && taken !== place.number && found.nav.rowsOf(taken).length > 0) {
          throw new ResponseError(0, `${next} is already the email of another person in this file: renaming would merge two people.`);
        }
        const doc = documents.get(uri)!;
        const edits: TextEdit[] = [];
        for (const p of [...found.nav.rowsOf(place.number), ...found.nav.namedBy(place.number)]) {
          const span = addressSpan(doc.getText(p.range), p.range, found.nav, place.number);
          if (span) edits.push({ range: span.range, newText: next });
        }
        return { changes: { [uri]: edits } };
      },
      null,
      token,
    ),
  );

  /**
   * People across the open org-data files, by name or email, in file order. A query is first found in the
   * text (a case-blind regular expression: a native search, milliseconds on 70 MB), and only the rows it
   * hits are read, a block at a time, until MAX_SYMBOLS people: a big file is never parsed whole for it.
   * An empty query, or one with a space where the file has no display name (first and last name are then
   * joined), lists the people of the file once per version, as before.
   */
  type Entry = { email: string; name: string; line: number };
  const lists = new Map<string, { version: number; people: Entry[] }>();
  const matches = (p: Entry, query: string): boolean =>
    !query || p.email.toLowerCase().includes(query) || p.name.toLowerCase().includes(query);
  const symbolOf = (uri: string, p: Entry) => ({
    name: p.name || p.email,
    containerName: p.name ? p.email : undefined,
    kind: SymbolKind.Object,
    location: { uri, range: { start: { line: p.line, character: 0 }, end: { line: p.line, character: 0 } } },
  });

  /** The people of the rows the query's text hits, in file order (undefined: the query needs the whole list). */
  async function peopleHit(doc: PieceDocument, query: string, room: number): Promise<Entry[] | undefined> {
    const header = await session.orgDataDocument(doc.uri, 'header');
    if (!header) return [];
    const hasDisplayName = header.columns.some((c) => c.attribute?.profilePath === 'names/displayName');
    if (!query || (query.includes(' ') && !hasDisplayName)) return undefined;
    const analysis = await session.analysisOf(doc.uri);
    if (!analysis) return [];
    const text = doc.getText();
    const re = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    const byBlock = new Map<RuleContext, Map<number, Entry>>();
    const out: Entry[] = [];
    const done = new Set<number>();
    for (let m = re.exec(text); m && out.length < room; m = re.exec(text)) {
      const line = doc.positionAt(m.index).line;
      // the rest of the line is this row's: on to the next line
      const next = text.indexOf('\n', m.index);
      re.lastIndex = next < 0 ? text.length : next + 1;
      if (line === 0 || done.has(line)) continue;
      const ctx = analysis.contextAt(line);
      if (!ctx) continue;
      let people = byBlock.get(ctx);
      if (!people) byBlock.set(ctx, (people = new Map(peopleOf(ctx).map((p) => [p.line, p]))));
      // a hit on a continuation line of a row with a line break in a cell: its row's first line
      let row = people.get(line);
      if (!row) {
        const r = rowAtLine(ctx, line);
        row = r === undefined ? undefined : people.get(ctx.out.lineOf(ctx.table.rowStart[r]));
      }
      if (!row || done.has(row.line)) continue;
      done.add(row.line);
      if (matches(row, query)) out.push(row);
    }
    return out;
  }

  connection.onWorkspaceSymbol((params, token) =>
    session.runSafe(
      'workspaceSymbol',
      async () => {
        const query = params.query.trim().toLowerCase();
        const out = [];
        for (const doc of documents.all()) {
          const hit = await peopleHit(doc, query, MAX_SYMBOLS - out.length);
          session.throwIfCancelled(token);
          if (hit) {
            for (const p of hit) out.push(symbolOf(doc.uri, p));
            if (out.length >= MAX_SYMBOLS) return out;
            continue;
          }
          let list = lists.get(doc.uri);
          if (!list || list.version !== doc.version) {
            const whole = await session.orgDataDocument(doc.uri);
            session.throwIfCancelled(token);
            list = {
              version: doc.version,
              people: whole ? peopleOf(whole) : [],
            };
            lists.set(doc.uri, list);
          }
          for (const p of list.people) {
            if (!matches(p, query)) continue;
            out.push(symbolOf(doc.uri, p));
            if (out.length >= MAX_SYMBOLS) return out;
          }
        }
        return out;
      },
      [],
      token,
    ),
  );
  documents.onDidClose((e) => lists.delete(e.document.uri));
}

/**
 * Where the person's address stands inside a cell (quotes, spaces and a dot-line label left out), found
 * without regard to case; undefined when the cell does not hold it.
 */
function addressSpan(cellText: string, cell: Range, nav: PeopleNavigation, number: number): { range: Range; text: string } | undefined {
  for (const { address, index } of addressMatches(cellText)) {
    if (nav.numberOf(address) !== number) continue;
    // a cell is on one line (a value with a line break is a finding of its own)
    if (cell.start.line !== cell.end.line) return undefined;
    const start = cell.start.character + index;
    return {
      range: { start: { line: cell.start.line, character: start }, end: { line: cell.start.line, character: start + address.length } },
      text: address,
    };
  }
  return undefined;
}
