/**
 * Virtual documents derived from a CSV (Preview Export's JSON, the reports' Markdown): a content provider
 * for a scheme whose documents name their CSV in the query, rebuilt shortly after the CSV changes.
 */
import * as vscode from 'vscode';

const REBUILD_DELAY_MS = 300;

export abstract class DerivedDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  protected readonly subscriptions: vscode.Disposable[];

  constructor(private readonly scheme: string) {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(scheme, this),
      vscode.workspace.onDidChangeTextDocument((e) => this.csvChanged(e.document.uri)),
    ];
  }

  abstract provideTextDocumentContent(uri: vscode.Uri): Promise<string>;

  /** Rebuilds the open documents of a CSV shortly after it changes. */
  private csvChanged(csv: vscode.Uri): void {
    if (csv.scheme === this.scheme) return;
    const key = csv.toString();
    const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === this.scheme && d.uri.query === key);
    if (open.length === 0) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        for (const d of open) this.changed.fire(d.uri);
      }, REBUILD_DELAY_MS),
    );
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
