/** Entry point of the language server process: `--stdio` for any editor, `--node-ipc` from VS Code. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h') || !args.some((a) => /^--(stdio|node-ipc|socket|pipe)/.test(a))) {
  const help =
    'Usage: orgdata-language-server --stdio\n\nThe orgdata language server for any LSP client (Neovim, Helix, Emacs, Sublime Text).\n';
  process.stderr.write(help);
  process.exitCode = args.includes('--help') || args.includes('-h') ? 0 : 2;
} else {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => connection.console.error(`Unexpected error: ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => connection.console.error(`Unexpected rejection: ${e instanceof Error ? e.stack : String(e)}`));
  startServer(connection);
}
