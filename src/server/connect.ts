// Starts the language server on the transport named on the command line
// (--node-ipc from VS Code, --stdio, --socket=N, --pipe=NAME); stdio without one,
// which is what editors expect from a bare command. With stdio, the library sends
// console output to the client's log instead of corrupting the protocol stream.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeServerPlatform } from './platform-node';
import { startServer } from './server';

const TRANSPORT_FLAGS = ['--node-ipc', '--stdio', '--socket', '--pipe'];

export function runLanguageServer(): void {
  const transportGiven = process.argv.some((arg) =>
    TRANSPORT_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`)),
  );
  if (!transportGiven) process.argv.push('--stdio');
  // A stray rejected promise is a bug to log, not a reason to drop the editor's session.
  process.on('unhandledRejection', (reason) => console.error('go-for-ts: unhandled rejection:', reason));
  startServer(createConnection(ProposedFeatures.all), nodeServerPlatform());
}
