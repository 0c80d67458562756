// A minimal LSP client for a language server running as a Web Worker in a page
// driven by playwright-core. Messages go in with worker.postMessage(message object)
// and come out of the worker's `message` events, which the page forwards to Node
// through an exposed function: the same channel vscode-languageclient/browser uses.
import type { Page } from 'playwright-core';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { DEFAULT_CAPABILITIES } from '../lsp/session';

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/** What the page holds for the test (it has no DOM typings here, hence this shape). */
interface PageGlobals {
  goForTsWorkers?: Record<string, Worker>;
  goForTsFromWorker(name: string, message: Message): void;
  goForTsWorkerError(name: string, message: string): void;
}

const clients = new Map<string, WorkerLspClient>();
const wiredPages = new WeakSet<Page>();

async function wirePage(page: Page): Promise<void> {
  if (wiredPages.has(page)) return;
  wiredPages.add(page);
  await page.exposeFunction('goForTsFromWorker', (name: string, message: Message) => clients.get(name)?.receive(message));
  await page.exposeFunction('goForTsWorkerError', (name: string, message: string) => clients.get(name)?.workerErrors.push(message));
}

export class WorkerLspClient {
  readonly workerErrors: string[] = [];
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly waiters = new Set<() => void>();
  private nextId = 1;

  private constructor(
    private readonly page: Page,
    private readonly name: string,
    private readonly timeoutMs: number,
  ) {}

  /** Starts `new Worker(scriptUrl)` in the page; `name` tells this worker's messages apart. */
  static async start(page: Page, scriptUrl: string, name: string, timeoutMs = 30_000): Promise<WorkerLspClient> {
    await wirePage(page);
    const client = new WorkerLspClient(page, name, timeoutMs);
    clients.set(name, client);
    await page.evaluate(
      ({ scriptUrl, name }) => {
        const globals = globalThis as unknown as PageGlobals;
        const worker = new Worker(scriptUrl);
        worker.onmessage = (event) => globals.goForTsFromWorker(name, event.data as Message);
        worker.onerror = (event) => globals.goForTsWorkerError(name, event.message);
        (globals.goForTsWorkers ??= {})[name] = worker;
      },
      { scriptUrl, name },
    );
    return client;
  }

  receive(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server (progress token, registrations): accept it.
      void this.post({ jsonrpc: '2.0', id: message.id, result: null });
    } else if (message.method === 'textDocument/publishDiagnostics') {
      this.published.push(message.params as PublishDiagnosticsParams);
    } else if (message.id !== undefined) {
      const pending = this.pending.get(Number(message.id));
      this.pending.delete(Number(message.id));
      if (message.error) pending?.reject(new Error(message.error.message));
      else pending?.resolve(message.result);
    }
    for (const waiter of this.waiters) waiter();
  }

  private post(message: Message): Promise<void> {
    return this.page.evaluate(
      ({ name, message }) => (globalThis as unknown as PageGlobals).goForTsWorkers![name]!.postMessage(message),
      { name: this.name, message },
    );
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.post({ jsonrpc: '2.0', method, params });
  }

  request<T>(method: string, params: unknown, timeoutMs = this.timeoutMs): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeoutMs} ms (worker errors: ${this.workerErrors.join('; ') || 'none'})`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.post({ jsonrpc: '2.0', id, method, params }).catch(reject);
    });
  }

  async initialize(initializationOptions: unknown): Promise<InitializeResult> {
    const result = await this.request<InitializeResult>('initialize', {
      processId: null,
      rootUri: null,
      capabilities: DEFAULT_CAPABILITIES,
      initializationOptions,
    });
    await this.notify('initialized', {});
    return result;
  }

  /** Opens a document and resolves with the first diagnostics published for it. */
  async open(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version, text } });
    const published = await this.waitFor(() => this.published.find((p) => p.uri === uri && p.version === version), `diagnostics for ${uri}`);
    return published.diagnostics;
  }

  private waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
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
        reject(new Error(`no ${what} in ${this.timeoutMs} ms (worker errors: ${this.workerErrors.join('; ') || 'none'})`));
      }, this.timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** shutdown + exit, then the worker is terminated (a worker cannot end its own page's handle). */
  async stop(): Promise<void> {
    try {
      await this.request('shutdown', null, 2_000);
      await this.notify('exit', null);
    } catch {
      // A server that failed to initialize may not answer; the worker goes anyway.
    }
    await this.page.evaluate((name) => {
      const globals = globalThis as unknown as PageGlobals;
      globals.goForTsWorkers?.[name]?.terminate();
      delete globals.goForTsWorkers?.[name];
    }, this.name);
    clients.delete(this.name);
  }
}
