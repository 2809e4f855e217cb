/** The server survives what users throw at it, and the extension shuts down cleanly. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsWhere } from './helpers';

describe('Org Data lifecycle in VS Code', () => {
  const extension = (): vscode.Extension<{ isServerRunning(): boolean }> =>
    vscode.extensions.all.find((e) => e.packageJSON.name === 'orgdata')!;

  // (a file with NUL bytes VS Code itself refuses to open as text: the protocol tests feed one to the server)
  it('survives a malformed file and a 300,000-row file, and still answers', async () => {
    const ws = vscode.workspace.workspaceFolders![0].uri;
    const garbage = vscode.Uri.joinPath(ws, 'garbage.csv');
    await vscode.workspace.fs.writeFile(
      garbage,
      Buffer.from('Microsoft_PersonEmail,"\u0001\u0002\uFFFD' + '"'.repeat(999) + '\n,,,\r\r\n"'),
    );
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(garbage));
    await diagnosticsWhere(garbage, (ds) => ds.length > 0, 'diagnostics', 60_000);

    const rows = ['Microsoft_PersonEmail,Microsoft_ManagerEmail,Microsoft_JobTitle,Microsoft_Organization'];
    for (let i = 0; i < 300_000; i++) rows.push(`p${i}@contoso.com,${i === 0 ? '' : 'p0@contoso.com'},Engineer,Engineering`);
    rows[150_000] = 'not-an-email,p0@contoso.com,Engineer,Engineering';
    const huge = vscode.Uri.joinPath(ws, 'huge.csv');
    await vscode.workspace.fs.writeFile(huge, Buffer.from(rows.join('\n') + '\n'));
    // the extension host must stay responsive: the longest pause of a 50 ms timer while the file opens and is checked
    let longest = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      const now = Date.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 50);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(huge));
    const ds = await diagnosticsWhere(huge, (d) => d.length > 0, 'diagnostics', 60_000);
    clearInterval(ticker);
    console.log(`[e2e] 300,000 rows: the extension host's longest pause was ${longest} ms`);
    // VS Code marks the host unresponsive when a call waits 3 s (RPCProtocol's UNRESPONSIVE_TIME)
    assert.ok(longest < 2000, `the extension host paused ${longest} ms`);
    assert.deepEqual(
      ds.map((d) => [d.range.start.line, typeof d.code === 'object' ? d.code.value : d.code]),
      [[150_000, 'invalid-email']],
    );
    assert.equal(extension().exports.isServerRunning(), true);
  });

  it('deactivates cleanly: the language server stops', async () => {
    const ext = extension();
    const main = require(path.join(ext.extensionPath, 'dist', 'client.js')) as { deactivate(): Promise<void> };
    await main.deactivate();
    assert.equal(ext.exports.isServerRunning(), false);
  });
});
