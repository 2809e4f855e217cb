/**
 * orgdata/reportingLines and orgdata/reportingPath: the nodes of the editor's Reporting Lines view, lazily
 * (a level at a time), from the people index the check keeps; names and titles from the rows asked for.
 */
import { RequestType } from 'vscode-languageserver';
import {
  badgesByLine,
  cellValue,
  columnOf,
  personSummary,
  ReportingTree,
  type IncrementalAnalysis,
  type OrgDataDocument,
  type TreePerson,
} from '../engine';
import {
  REPORTING_LINES_REQUEST,
  REPORTING_PATH_REQUEST,
  type ReportingLineItem,
  type ReportingLinesAnswer,
  type ReportingLinesParams,
  type ReportingPathParams,
} from '../protocol';
import type { Session } from '../session';

export const ReportingLinesRequest = new RequestType<ReportingLinesParams, ReportingLinesAnswer, void>(REPORTING_LINES_REQUEST);
export const ReportingPathRequest = new RequestType<ReportingPathParams, ReportingLineItem[], void>(REPORTING_PATH_REQUEST);

/** At most this many nodes in one answer (a manager of thousands: the rest are counted). */
const MAX_ITEMS = 1000;

export function registerReportingLines(session: Session): void {
  const { connection, documents } = session;
  // one tree per check's people index (it changes when an edit changes a person, a manager or a line)
  const trees = new WeakMap<object, ReportingTree>();

  async function treeOf(uri: string): Promise<{ analysis: IncrementalAnalysis; tree: ReportingTree } | undefined> {
    const analysis = await session.analysisOf(uri);
    const index = analysis?.peopleIndex;
    if (!analysis || !index) return undefined;
    let tree = trees.get(index);
    if (!tree) trees.set(index, (tree = new ReportingTree(index, analysis.state)));
    return { analysis, tree };
  }

  /** Each person's node: their row's address, name and title (read a block at a time), and the badges. */
  function itemsOf(analysis: IncrementalAnalysis, people: TreePerson[]): ReportingLineItem[] {
    const badges = badgesByLine(analysis.result.findings);
    return people.map((p) => {
      const ctx: OrgDataDocument | undefined = analysis.contextAt(p.line);
      const s = ctx ? personSummary(ctx, p.line) : undefined;
      return {
        person: p.person,
        email: s?.email ?? '',
        name: s?.name ?? '',
        title: s?.jobTitle ?? '',
        line: p.line,
        reports: p.reports,
        team: p.team,
        badges: badges.get(p.line) ?? [],
      };
    });
  }

  connection.onRequest(ReportingLinesRequest, (params, token) =>
    session.runSafe(
      'reportingLines',
      async () => {
        const found = await treeOf(params.uri);
        session.throwIfCancelled(token);
        if (!found) return { items: [], error: 'No reporting lines: the file has no people (no person email column, or no rows).' };
        const { analysis, tree } = found;
        const version = documents.get(params.uri)?.version;
        const snapshots = tree.snapshots();
        const snapshot = params.snapshot !== undefined && snapshots.includes(params.snapshot) ? params.snapshot : snapshots[0];
        let people: TreePerson[];
        const answer: ReportingLinesAnswer = { version, items: [], snapshot };
        if (params.parent !== undefined) people = tree.reportsOf(params.parent);
        else {
          people = tree.rootsOf(params.root ?? 'leaders', snapshot);
          if (params.root === undefined) {
            answer.groups = (['unknownManager', 'loops'] as const)
              .map((kind) => ({ kind, count: tree.rootsOf(kind, snapshot).length }))
              .filter((g) => g.count > 0);
            if (snapshots.length > 1) answer.snapshots = snapshots.map((value) => ({ value, label: snapshotLabel(analysis, tree, value) }));
          }
        }
        answer.items = itemsOf(analysis, people.slice(0, MAX_ITEMS));
        if (people.length > MAX_ITEMS) answer.more = people.length - MAX_ITEMS;
        return answer;
      },
      { items: [], error: 'The reporting lines could not be read (see the Org Data output).' },
      token,
    ),
  );

  connection.onRequest(ReportingPathRequest, (params, token) =>
    session.runSafe(
      'reportingPath',
      async () => {
        const found = await treeOf(params.uri);
        session.throwIfCancelled(token);
        if (!found) return [];
        const person = found.tree.personAtLine(params.line);
        return person === undefined
          ? []
          : itemsOf(
              found.analysis,
              found.tree.pathTo(person).map((p) => found.tree.describe(p)),
            );
      },
      [],
      token,
    ),
  );
}

/** An EffectiveDate as the file writes it: the cell of the first person of that snapshot. */
function snapshotLabel(analysis: IncrementalAnalysis, tree: ReportingTree, snapshot: number): string {
  const first = [...tree.rootsOf('leaders', snapshot), ...tree.rootsOf('unknownManager', snapshot)][0];
  const ctx = first ? analysis.contextAt(first.line) : undefined;
  const col = ctx ? columnOf(ctx, (a) => a.snapshotKey === true) : undefined;
  if (!ctx || !col) return String(snapshot);
  for (let r = ctx.firstRow; r < ctx.table.rowCount; r++) {
    if (ctx.out.lineOf(ctx.table.rowStart[r]) === first.line) return cellValue(ctx.table, ctx.table.rowFirstCell[r] + col.index).trim();
  }
  return String(snapshot);
}
