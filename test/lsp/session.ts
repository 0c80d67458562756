// A real LSP client for tests: spawns the built server (or the CLI's `lsp`) as a
// child process and speaks JSON-RPC over its stdio with vscode-languageserver-protocol,
// recording what the server pushes (diagnostics, messages, progress).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_OPTIONS } from '../../src/shared/protocol';

/** The build's output folder ($OUT_DIR): the one holding cli.js above this test bundle. */
export function outDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'cli.js'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no cli.js above ${__dirname}: run the build first`);
    dir = parent;
  }
  return dir;
}

export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: false, workspaceEdit: { documentChanges: true } },
  window: { workDoneProgress: true },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { isPreferredSupport: true },
  },
};

export interface SessionOptions {
  /** Arguments after `node`; default: the server bundle with --stdio. */
  args?: string[];
  initializationOptions?: unknown;
  capabilities?: ClientCapabilities;
  rootUri?: string | null;
  /** Answers workspace/configuration (the pull model); declare it in the capabilities. */
  configuration?: (sections: (string | undefined)[]) => unknown[];
}

export class LspSession {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly progress: { token: string | number; value: { kind: string; percentage?: number; message?: string } }[] = [];
  readonly stderr: string[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {}

  static async start(options: SessionOptions = {}): Promise<LspSession> {
    // As the extension starts it (src/client/extension.ts), Node options included.
    const args = options.args ?? [...SERVER_NODE_OPTIONS, path.join(outDir(), 'server.js'), '--stdio'];
    const child = spawn(process.execPath, args, { stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const session = new LspSession(child, connection);
    child.stderr.on('data', (chunk: Buffer) => session.stderr.push(chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      session.published.push(params);
      session.wake();
    });
    connection.onNotification('window/showMessage', (params: ShowMessageParams) => {
      session.messages.push(params);
      session.wake();
    });
    connection.onNotification('window/logMessage', () => {});
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      options.configuration ? options.configuration(params.items.map((item) => item.section)) : params.items.map(() => null),
    );
    connection.onNotification('$/progress', (params: LspSession['progress'][number]) => {
      session.progress.push(params);
      session.wake();
    });
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: options.capabilities ?? DEFAULT_CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    connection.sendNotification('initialized', {});
    return session;
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves with the first value `probe` returns that is not undefined, re-checked on every push. */
  waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr.join('')}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** The diagnostics published for `uri` at `version` (or, without a version, the next unseen push). */
  diagnosticsFor(uri: string, version?: number, after = 0): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics for ${uri}${version === undefined ? '' : ` v${version}`}`, () => {
      for (let i = this.published.length - 1; i >= after; i--) {
        const push = this.published[i]!;
        if (push.uri === uri && (version === undefined || push.version === version)) return push.diagnostics;
      }
      return undefined;
    });
  }

  open(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
    const mark = this.published.length;
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version, text } });
    return this.diagnosticsFor(uri, version, mark);
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<Diagnostic[]> {
    const mark = this.published.length;
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return this.diagnosticsFor(uri, version, mark);
  }

  close(uri: string): Promise<Diagnostic[]> {
    const mark = this.published.length;
    this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return this.diagnosticsFor(uri, undefined, mark);
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params?: unknown): void {
    this.connection.sendNotification(method, params);
  }

  /** shutdown + exit; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    try {
      await this.connection.sendRequest('shutdown');
      this.connection.sendNotification('exit');
    } catch {
      this.child.kill();
    }
    const code = await Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000))]);
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
    return code;
  }
}
