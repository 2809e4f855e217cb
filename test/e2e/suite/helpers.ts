/** What every end-to-end test needs: a finding's code, and waiting on diagnostics events (never on sleeps). */
import * as vscode from 'vscode';

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Resolves with the diagnostics of `uri` once they satisfy `accept`; fails after `timeoutMs`. */
export function diagnosticsWhere(
  uri: vscode.Uri,
  accept: (ds: readonly vscode.Diagnostic[]) => boolean,
  what = 'diagnostics',
  timeoutMs = 20_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const done = (): boolean => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (!accept(ds)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) done();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(
        new Error(`timed out waiting for ${what} on ${uri.path}; now: ${vscode.languages.getDiagnostics(uri).map(codeOf).join(', ')}`),
      );
    }, timeoutMs);
    done();
  });
}
