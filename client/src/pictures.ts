/**
 * The column profile and the upload's changes as pictures: webviews beside the CSV, drawn from the same
 * JSON as `orgdata-lint profile --format json` and `diff --format json` (the same numbers), in the theme's
 * colours, navigable by keyboard, with no network (everything inline under a strict Content Security Policy:
 * a nonce for the one script and the one style). A click (or Enter) on a column reveals its header; on a
 * person, their row. The values of identifying and sensitive columns are never in the data (the reports'
 * privacy rule), so never in the picture.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PEOPLE_REQUEST, type PersonItem, type ReportAnswer } from '../../server/src/protocol';
import type { OlderVersion, Reports } from './reports';

type Kind = 'profile' | 'changes';
interface Shown {
  panel: vscode.WebviewPanel;
  csv: vscode.Uri;
  older?: OlderVersion;
  answer?: ReportAnswer;
  /** what the page drew, as it says once drawn (for tests) */
  drawn?: { kind: Kind; items: number };
}

export class Pictures implements vscode.Disposable {
  private readonly shown = new Map<string, Shown>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly reports: Reports,
    private readonly client: () => LanguageClient | undefined,
  ) {
    this.subscriptions.push(
      vscode.commands.registerCommand('orgdata.profileColumns', (uri?: vscode.Uri) => this.show('profile', uri)),
      vscode.commands.registerCommand('orgdata.compareWithPrevious', async (uri?: vscode.Uri, older?: OlderVersion) => {
        const csv = this.reports.csvOf(uri);
        if (!csv) return undefined;
        const pick = older ?? (await this.reports.pickOlder(csv));
        return pick ? this.show('changes', csv, pick) : undefined;
      }),
      // the picture follows the CSV's edits, after a pause
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (![...this.shown.values()].some((s) => s.csv.toString() === e.document.uri.toString())) return;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.redrawFor(e.document.uri), 400);
      }),
    );
  }

  /** Opens (or brings forward) the picture of a CSV; returns what it shows, for tests. */
  async show(
    kind: Kind,
    target?: vscode.Uri,
    older?: OlderVersion,
  ): Promise<{ answer?: ReportAnswer; drawn?: Shown['drawn'] } | undefined> {
    const csv = this.reports.csvOf(target);
    if (!csv) return undefined;
    const key = `${kind}:${csv.toString()}`;
    let s = this.shown.get(key);
    if (!s) {
      const title = `${kind === 'profile' ? 'Profile' : 'Changes'} of ${path.basename(csv.path)}`;
      const panel = vscode.window.createWebviewPanel(
        `orgdata.${kind}`,
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          localResourceRoots: [],
        },
      );
      s = { panel, csv, older };
      const shown = s;
      this.shown.set(key, s);
      panel.onDidDispose(() => this.shown.delete(key));
      panel.webview.onDidReceiveMessage((m: { type: string; index?: number; line?: number; items?: number }) =>
        this.receive(shown, kind, m),
      );
    } else s.older = older ?? s.older;
    await this.draw(s, kind);
    s.panel.reveal(vscode.ViewColumn.Beside, true);
    // the page says once it has drawn (a test waits for it)
    for (let i = 0; i < 100 && !s.drawn; i++) await new Promise((r) => setTimeout(r, 50));
    return { answer: s.answer, drawn: s.drawn };
  }

  /** What a page asks: to reveal a header or a row; or that it has drawn. */
  async receive(s: Shown, kind: Kind, m: { type: string; index?: number; line?: number; items?: number }): Promise<void> {
    if (m.type === 'drawn') s.drawn = { kind, items: m.items ?? 0 };
    let range: vscode.Range | undefined;
    if (m.type === 'revealColumn' && m.index !== undefined) {
      const h = s.answer?.headers?.[m.index];
      if (h) range = new vscode.Range(h.range.start.line, h.range.start.character, h.range.end.line, h.range.end.character);
    }
    if (m.type === 'revealLine' && m.line !== undefined) range = new vscode.Range(m.line, 0, m.line, 0);
    if (!range) return;
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(s.csv), {
      viewColumn: vscode.ViewColumn.One,
      preserveFocus: false,
    });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async redrawFor(csv: vscode.Uri): Promise<void> {
    for (const [key, s] of this.shown)
      if (s.csv.toString() === csv.toString()) await this.draw(s, key.startsWith('profile') ? 'profile' : 'changes');
  }

  private async draw(s: Shown, kind: Kind): Promise<void> {
    s.answer = await this.reports.answer(s.csv, kind === 'changes' ? s.older : undefined);
    if (kind === 'changes' && s.answer.json)
      s.answer = { ...s.answer, json: { ...(s.answer.json as object), lines: await this.linesOf(s.csv) } };
    s.drawn = undefined;
    s.panel.webview.html = page(kind, s.panel.webview.cspSource, s.answer);
  }

  /** The people's lines in the CSV, by address (lower case), for the changes' links to rows. */
  private async linesOf(csv: vscode.Uri): Promise<Record<string, number>> {
    const people = (await this.client()?.sendRequest<PersonItem[]>(PEOPLE_REQUEST, { uri: csv.toString() })) ?? [];
    const out: Record<string, number> = {};
    for (const p of people) out[p.email.toLowerCase()] ??= p.line;
    return out;
  }

  /** For tests: the panels open, by kind and CSV. */
  state(): { kind: Kind; csv: string; drawn?: Shown['drawn'] }[] {
    return [...this.shown].map(([key, s]) => ({ kind: key.split(':')[0] as Kind, csv: s.csv.toString(), drawn: s.drawn }));
  }

  /** For tests: what a click on a column or a person does (the page posts the same message). */
  click(kind: Kind, csv: vscode.Uri, message: { type: string; index?: number; line?: number }): Promise<void> {
    const s = this.shown.get(`${kind}:${csv.toString()}`);
    return s ? this.receive(s, kind, message) : Promise.resolve();
  }

  dispose(): void {
    for (const s of this.shown.values()) s.panel.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}

/** The page: the data as JSON in the page, drawn by one inline script, styled by one inline style. */
function page(kind: Kind, cspSource: string, answer: ReportAnswer): string {
  const nonce = randomBytes(16).toString('base64');
  const data = JSON.stringify({ kind, error: answer.error, report: answer.json ?? null }).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${STYLE}</style></head>
<body><main id="root" aria-live="polite"></main>
<script nonce="${nonce}">const DATA = ${data};
${SCRIPT}</script></body></html>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 12px 24px; }
h1 { font-size: 1.3em; font-weight: 600; margin: 12px 0 4px; }
p.sum { color: var(--vscode-descriptionForeground); margin: 0 0 12px; }
.col { display: grid; grid-template-columns: minmax(120px, 28%) 1fr; gap: 4px 12px; align-items: center; padding: 6px 4px; border-bottom: 1px solid var(--vscode-panel-border, transparent); cursor: pointer; }
.col:focus, .col:hover, tr.person:focus, tr.person:hover { outline: 1px solid var(--vscode-focusBorder); background: var(--vscode-list-hoverBackground); }
.name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar { display: flex; height: 12px; border-radius: 2px; overflow: hidden; background: var(--vscode-editorWidget-background); }
.filled { background: var(--vscode-charts-green); } .blank { background: var(--vscode-charts-yellow); } .deleted { background: var(--vscode-charts-red); }
.added { background: var(--vscode-charts-green); } .changed { background: var(--vscode-charts-blue); } .removed { background: var(--vscode-charts-red); }
.meta { grid-column: 2; color: var(--vscode-descriptionForeground); font-size: 0.92em; }
.tops { grid-column: 2; display: grid; grid-template-columns: minmax(60px, 40%) 1fr; gap: 1px 8px; font-size: 0.9em; }
.tops .v { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; } .tops .b { height: 8px; align-self: center; background: var(--vscode-charts-blue); border-radius: 2px; }
.small { color: var(--vscode-charts-orange); }
.legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; border-radius: 2px; vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; } td, th { text-align: left; padding: 3px 6px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
th { color: var(--vscode-descriptionForeground); font-weight: 600; }
.filters { margin: 8px 0; display: flex; gap: 8px; flex-wrap: wrap; }
select, input { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 2px 4px; }
.error { color: var(--vscode-errorForeground); }
@media (max-width: 520px) { .col { grid-template-columns: 1fr; } .meta, .tops { grid-column: 1; } td:nth-child(4), th:nth-child(4) { display: none; } }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
const root = document.getElementById('root');
// (a width is set through the CSSOM: the Content Security Policy refuses style attributes)
const el = (tag, attrs, ...children) => { const e = document.createElement(tag); for (const [k, v] of Object.entries(attrs || {})) { if (k === 'class') e.className = v; else if (k === 'width') e.style.width = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v); } for (const c of children) e.append(c); return e; };
const pct = (n, of) => of ? (100 * n / of) : 0;
const activate = (node, message) => { node.tabIndex = 0; node.addEventListener('click', () => vscode.postMessage(message)); node.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); vscode.postMessage(message); } if (e.key === 'ArrowDown' && node.nextElementSibling) { e.preventDefault(); node.nextElementSibling.focus(); } if (e.key === 'ArrowUp' && node.previousElementSibling) { e.preventDefault(); node.previousElementSibling.focus(); } }); return node; };
function bar(parts) { const b = el('div', { class: 'bar', role: 'img', 'aria-label': parts.map(([n, c, l]) => l + ' ' + n).join(', ') }); const total = parts.reduce((s, [n]) => s + n, 0); for (const [n, c] of parts) if (n) b.append(el('div', { class: c, width: pct(n, total) + '%' })); return b; }
function profile(r) {
  root.append(el('h1', {}, 'Column profile'), el('p', { class: 'sum' }, r.people + ' people, ' + r.rows + ' rows, ' + r.columns.length + ' columns. Small groups: fewer than ' + r.minGroupSize + ' people.'),
    el('p', { class: 'legend' }, el('span', { class: 'filled' }), 'filled', el('span', { class: 'blank' }), 'blank', el('span', { class: 'deleted' }), 'deleted'));
  const list = el('div', { role: 'list' });
  r.columns.forEach((c, i) => {
    const row = activate(el('div', { class: 'col', role: 'listitem', 'aria-label': c.name + ': ' + c.filled + ' filled, ' + c.blank + ' blank, ' + c.deleted + ' deleted' }), { type: 'revealColumn', index: i });
    row.append(el('div', { class: 'name', title: c.name }, c.name), bar([[c.filled, 'filled', 'filled'], [c.blank, 'blank', 'blank'], [c.deleted, 'deleted', 'deleted']]));
    const small = c.smallGroupCount ? ' · ' + c.smallGroupCount + ' small groups' : '';
    row.append(el('div', { class: 'meta' }, Math.round(pct(c.filled, c.filled + c.blank + c.deleted)) + '% filled · ' + c.distinct + ' distinct' + (c.invalid ? ' · ' + c.invalid + ' not valid' : '') + small + (c.valuesHidden ? ' · values not shown (' + c.valuesHidden + ')' : '')));
    if (!c.valuesHidden && c.top && c.top.length) {
      const tops = el('div', { class: 'tops' });
      const max = Math.max(...c.top.map((t) => t.count));
      const smallSet = new Set((c.smallGroups || []).map((g) => g.value));
      for (const t of c.top.slice(0, 5)) tops.append(el('div', { class: 'v' + (smallSet.has(t.value) ? ' small' : ''), title: t.value }, t.value + ' (' + t.count + ')'), el('div', { class: 'b', width: pct(t.count, max) + '%' }));
      row.append(tops);
    }
    list.append(row);
  });
  root.append(list);
  return r.columns.length;
}
function changes(r) {
  const s = r.summary || {};
  const people = r.people || {};
  root.append(el('h1', {}, 'Upload changes'), el('p', { class: 'sum' }, (people.added || []).length + ' added, ' + (people.changed || 0) + ' changed, ' + (people.unchanged || 0) + ' unchanged, ' + (people.absent || []).length + ' absent (not deleted)'));
  // the people added (each a link to their row) and absent (an upload leaves their stored data as it is)
  const lines0 = r.lines || {};
  for (const [label, list, linked] of [['Added', people.added || [], true], ['Absent (not deleted)', people.absent || [], false]]) {
    if (!list.length) continue;
    const p = el('p', { class: 'meta' }, label + ': ');
    list.slice(0, 50).forEach((who, i) => {
      const name = typeof who === 'string' ? who : who.person || who.email || String(who);
      const span = el('span', {}, name);
      if (linked && lines0[name.toLowerCase()] !== undefined) activate(span, { type: 'revealLine', line: lines0[name.toLowerCase()] });
      p.append(i ? ', ' : '', span);
    });
    if (list.length > 50) p.append(', and ' + (list.length - 50) + ' more');
    root.append(p);
  }
  const per = {};
  for (const ch of r.changes || []) { const a = (per[ch.attribute] ||= { changed: 0, added: 0, deleted: 0 }); a[ch.kind === 'deleted' ? 'deleted' : ch.kind === 'added' ? 'added' : 'changed']++; }
  root.append(el('p', { class: 'legend' }, el('span', { class: 'changed' }), 'changed', el('span', { class: 'added' }), 'added', el('span', { class: 'removed' }), 'deleted'));
  const bars = el('div', { role: 'list' });
  for (const [attr, n] of Object.entries(per)) { const row = el('div', { class: 'col', role: 'listitem' }); row.append(el('div', { class: 'name', title: attr }, attr), bar([[n.changed, 'changed', 'changed'], [n.added, 'added', 'added'], [n.deleted, 'removed', 'deleted']]), el('div', { class: 'meta' }, n.changed + ' changed, ' + n.added + ' added, ' + n.deleted + ' deleted')); bars.append(row); }
  root.append(bars);
  const attrs = el('select', { 'aria-label': 'attribute' }, el('option', { value: '' }, 'every attribute'), ...Object.keys(per).map((a) => el('option', { value: a }, a)));
  const kinds = el('select', { 'aria-label': 'kind' }, ...['', 'changed', 'added', 'deleted'].map((k) => el('option', { value: k }, k || 'every kind')));
  const text = el('input', { type: 'search', placeholder: 'person', 'aria-label': 'person' });
  root.append(el('div', { class: 'filters' }, attrs, kinds, text));
  const table = el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'person'), el('th', {}, 'attribute'), el('th', {}, 'kind'), el('th', {}, 'from → to'))));
  const body = el('tbody');
  table.append(body);
  root.append(table);
  const lines = r.lines || {};
  const fill = () => {
    body.replaceChildren();
    let shown = 0;
    for (const ch of r.changes || []) {
      if ((attrs.value && ch.attribute !== attrs.value) || (kinds.value && ch.kind !== kinds.value) || (text.value && !ch.person.toLowerCase().includes(text.value.toLowerCase()))) continue;
      if (++shown > 2000) break;
      const line = lines[ch.person.toLowerCase()];
      const values = ch.valuesHidden ? '(values not shown)' : (ch.before ?? '') + ' → ' + (ch.after ?? '');
      const tr = el('tr', { class: 'person' }, el('td', { title: ch.person }, ch.person), el('td', {}, ch.attribute), el('td', {}, ch.kind), el('td', { title: values }, values));
      if (line !== undefined) activate(tr, { type: 'revealLine', line });
      body.append(tr);
    }
  };
  for (const f of [attrs, kinds, text]) f.addEventListener('input', fill);
  fill();
  return (r.changes || []).length;
}
let items = 0;
if (DATA.error || !DATA.report) root.append(el('p', { class: 'error' }, DATA.error || 'No report.'));
else items = DATA.kind === 'profile' ? profile(DATA.report) : changes(DATA.report);
vscode.postMessage({ type: 'drawn', items });
`;
