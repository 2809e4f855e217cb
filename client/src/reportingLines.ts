/**
 * The Reporting Lines view (Explorer, beside Outline): the organization of the active org-data file as a
 * tree. The top leaders at the root, direct reports below, and groups for the people whose manager is not
 * in the file and for reporting loops; each person with name, title, team size and the codes of the
 * findings on their row. Lazy: each level is asked of the server when expanded (its people index, never a
 * re-parse). It follows the active editor and each check; a Viva Insights history shows one EffectiveDate,
 * chosen in the view; a filter lists the people whose name or email matches.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  REPORTING_LINES_REQUEST,
  REPORTING_PATH_REQUEST,
  type ReportingLineItem,
  type ReportingLinesAnswer,
  type ReportingLinesParams,
  type RootGroup,
} from '../../server/src/protocol';

type Node =
  | { kind: 'person'; item: ReportingLineItem; uri: string }
  | { kind: 'group'; group: RootGroup; count: number; uri: string }
  | { kind: 'more'; count: number }
  | { kind: 'message'; text: string };

const GROUP_LABEL: Record<RootGroup, string> = {
  leaders: 'Top leaders',
  unknownManager: 'Manager not in the file',
  loops: 'In a reporting loop',
};

export class ReportingLinesView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private uri: string | undefined;
  private snapshot: number | undefined;
  private snapshots: { value: number; label: string }[] = [];
  private filter: string | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.view = vscode.window.createTreeView('orgdata.reportingLines', { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(
      this.view,
      vscode.window.onDidChangeActiveTextEditor(() => this.follow()),
      vscode.commands.registerCommand('orgdata.reportingLines.goToRow', (node?: Node) => this.goTo(node)),
      vscode.commands.registerCommand('orgdata.reportingLines.showReports', (node?: Node) => this.showReports(node)),
      vscode.commands.registerCommand('orgdata.reportingLines.previewExport', async (node?: Node) => {
        if (await this.goTo(node)) await vscode.commands.executeCommand('orgdata.previewExport');
      }),
      vscode.commands.registerCommand('orgdata.reportingLines.chooseDate', () => this.chooseDate()),
      vscode.commands.registerCommand('orgdata.reportingLines.filter', (query?: string) => this.setFilter(query)),
      vscode.commands.registerCommand('orgdata.reportingLines.reveal', (line?: number) => this.revealLine(line)),
    );
    this.follow();
  }

  /** The active editor's file, if it is org data; the view follows it. */
  follow(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.uri.scheme === 'orgdata-preview' || doc.uri.scheme === 'orgdata-report') return;
    const uri = doc.uri.toString();
    if (uri !== this.uri) {
      this.uri = uri;
      this.snapshot = undefined;
      this.filter = undefined;
    }
    this.changed.fire(undefined);
  }

  /** A check of `uri` finished: its people may have moved. */
  refresh(uri: string): void {
    if (uri === this.uri) this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'message':
        return new vscode.TreeItem(node.text);
      case 'more':
        return new vscode.TreeItem(`… and ${node.count.toLocaleString()} more`);
      case 'group': {
        const t = new vscode.TreeItem(GROUP_LABEL[node.group], vscode.TreeItemCollapsibleState.Collapsed);
        t.description = node.count.toLocaleString();
        t.iconPath = new vscode.ThemeIcon(node.group === 'loops' ? 'sync' : 'question');
        t.contextValue = 'orgdata.group';
        return t;
      }
      case 'person': {
        const p = node.item;
        const t = new vscode.TreeItem(
          p.name || p.email,
          p.reports > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        t.id = `${node.uri}#${p.line}`;
        const team = p.reports > 0 ? `${p.reports.toLocaleString()} direct, ${p.team.toLocaleString()} in all` : '';
        t.description = [p.title, team].filter(Boolean).join(' · ');
        t.tooltip = new vscode.MarkdownString(
          [
            `**${p.name || p.email}**`,
            p.email,
            p.title,
            team,
            `line ${p.line + 1}`,
            ...(p.badges.length ? [`Findings: ${p.badges.map((b) => `\`${b}\``).join(', ')}`] : []),
          ]
            .filter(Boolean)
            .join('  \n'),
        );
        t.iconPath = p.badges.length
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
          : new vscode.ThemeIcon('person');
        if (p.badges.length) t.description = `${t.description ? `${t.description} · ` : ''}${p.badges.join(', ')}`;
        t.contextValue = 'orgdata.person';
        t.command = { title: 'Go to Row', command: 'orgdata.reportingLines.goToRow', arguments: [node] };
        return t;
      }
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const c = this.client();
    const uri = this.uri;
    if (!c || !uri) return [{ kind: 'message', text: 'Open an organizational-data CSV.' }];
    if (node?.kind === 'message' || node?.kind === 'more') return [];
    if (!node && this.filter !== undefined) return this.filtered(uri, this.filter);
    const params: ReportingLinesParams = { uri, snapshot: this.snapshot };
    if (node?.kind === 'person') params.parent = node.item.person;
    if (node?.kind === 'group') params.root = node.group;
    const answer = await c.sendRequest<ReportingLinesAnswer>(REPORTING_LINES_REQUEST, params);
    if (answer.error) return node ? [] : [{ kind: 'message', text: answer.error }];
    if (!node) {
      this.snapshots = answer.snapshots ?? [];
      this.snapshot = answer.snapshot;
      const date = this.snapshots.find((s) => s.value === answer.snapshot);
      this.view.description = date ? `EffectiveDate ${date.label}` : undefined;
      void vscode.commands.executeCommand('setContext', 'orgdata.reportingLines.history', this.snapshots.length > 1);
    }
    const out: Node[] = answer.items.map((item) => ({ kind: 'person', item, uri }));
    if (answer.more) out.push({ kind: 'more', count: answer.more });
    if (!node) for (const g of answer.groups ?? []) out.push({ kind: 'group', group: g.kind, count: g.count, uri });
    return out;
  }

  /** For reveal: a person's manager node (the path is asked of the server). */
  getParent(): undefined {
    return undefined;
  }

  private async filtered(uri: string, query: string): Promise<Node[]> {
    this.view.description = `matching "${query}"`;
    const symbols =
      (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', query)) ?? [];
    const mine = symbols.filter((s) => s.location.uri.toString() === uri);
    if (mine.length === 0) return [{ kind: 'message', text: `Nobody's name or email holds "${query}".` }];
    const c = this.client()!;
    const out: Node[] = [];
    for (const s of mine.slice(0, 200)) {
      const path = await c.sendRequest<ReportingLineItem[]>(REPORTING_PATH_REQUEST, { uri, line: s.location.range.start.line });
      const item = path[path.length - 1];
      if (item) out.push({ kind: 'person', item, uri });
    }
    return out;
  }

  private async setFilter(query?: string): Promise<void> {
    const q =
      query ??
      (await vscode.window.showInputBox({
        prompt: 'Show the people whose name or email holds…',
        value: this.filter ?? '',
        placeHolder: 'empty: the whole tree',
      }));
    if (q === undefined) return;
    this.filter = q.trim() ? q.trim() : undefined;
    if (!this.filter) this.view.description = undefined;
    this.changed.fire(undefined);
  }

  private async chooseDate(): Promise<void> {
    if (this.snapshots.length < 2) return;
    const pick = await vscode.window.showQuickPick(
      this.snapshots.map((s) => ({ label: s.label, value: s.value, picked: s.value === this.snapshot })),
      { placeHolder: 'Show the organization on which EffectiveDate?' },
    );
    if (!pick) return;
    this.snapshot = pick.value;
    this.changed.fire(undefined);
  }

  /** Reveals a person's row in the editor; true when it did. */
  private async goTo(node?: Node): Promise<boolean> {
    if (node?.kind !== 'person') return false;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(node.uri));
    const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false, preview: false, viewColumn: vscode.ViewColumn.One });
    const pos = new vscode.Position(node.item.line, 0);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  }

  /** The org chart around a person: the call hierarchy's incoming calls are their reports. */
  private async showReports(node?: Node): Promise<void> {
    if (await this.goTo(node)) await vscode.commands.executeCommand('references-view.showCallHierarchy');
  }

  /** Lists the path to the person on a line (for tests and the editor's "Reveal in Reporting Lines"). */
  async revealLine(line?: number): Promise<ReportingLineItem[]> {
    const c = this.client();
    const editor = vscode.window.activeTextEditor;
    if (!c || !this.uri || !editor) return [];
    return c.sendRequest<ReportingLineItem[]>(REPORTING_PATH_REQUEST, { uri: this.uri, line: line ?? editor.selection.active.line });
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.changed.dispose();
  }
}
