// No network, no telemetry, no code from the workspace run: every use of a network,
// process or code-running API in the built bundles (out/client.js, server.js, cli.js,
// cli-worker.js, web/client.js, web/server.js) is one of the uses listed here, from
// the source file named, for the reason given; a new one fails the test until it is
// reviewed and listed, and a listed one that disappears fails too, so the list stays
// exact. Also: the workspace-trust and virtual-workspace capabilities in package.json
// say what the code does, and the README says the same.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findPackageRoot } from '../../src/engine/grammar-files';
import { nodeServerPlatform } from '../../src/server/platform-node';
import { outDir } from '../lsp/session';
import { scanBundle, type ApiUse } from './bundle-scan';

interface Allowed {
  api: string;
  source: RegExp;
  /** Uses in each bundle that has any (bundles without the module have none). */
  count: number;
  why: string;
}

const ALLOWED: Allowed[] = [
  {
    api: 'require("child_process")',
    source: /^node_modules\/vscode-languageclient\/lib\/node\/main\.js$/,
    count: 1,
    why: 'the VS Code client starts the language server (out/server.js) as a Node process: the server launch',
  },
  {
    api: 'require("child_process")',
    source: /^node_modules\/vscode-languageclient\/lib\/node\/processes\.js$/,
    count: 1,
    why: "the client's helper that ends the server process it started (terminate on stop)",
  },
  {
    api: 'require("child_process")',
    source: /^node_modules\/vscode-languageserver\/lib\/node\/files\.js$/,
    count: 1,
    why: "vscode-languageserver's Files.resolveGlobalNodePath/resolveGlobalYarnPath helpers, which our server never calls",
  },
  {
    api: 'require("net")',
    source: /^node_modules\/vscode-jsonrpc\/lib\/node\/main\.js$/,
    count: 1,
    why: 'the JSON-RPC pipe and socket transports between VS Code and the server process, on this machine (--node-ipc, --pipe, --socket)',
  },
  {
    api: 'fetch()',
    source: /^node_modules\/web-tree-sitter\/src\/language\.ts$/,
    count: 1,
    why: "web-tree-sitter's Language.load in a browser: the grammar URL we give it (the extension's own file); under Node it reads the file",
  },
  {
    api: 'fetch()',
    source: /^node_modules\/web-tree-sitter\/lib\/web-tree-sitter\.mjs$/,
    count: 2,
    why: "Emscripten's loader fetching web-tree-sitter.wasm from the location we give (locateFile / our URL), browser only",
  },
  {
    api: 'new XMLHttpRequest',
    source: /^node_modules\/web-tree-sitter\/lib\/web-tree-sitter\.mjs$/,
    count: 2,
    why: "Emscripten's loader reading web-tree-sitter.wasm in a browser without fetch",
  },
  {
    api: 'eval()',
    source: /^node_modules\/web-tree-sitter\/lib\/web-tree-sitter\.mjs$/,
    count: 2,
    why: "Emscripten's dynamic linker turning the EM_ASM/EM_JS snippets compiled into the grammar .wasm we ship into functions; never text from the workspace",
  },
  {
    api: 'fetch()',
    source: /^src\/server\/platform-browser\.ts$/,
    count: 1,
    why: 'the browser server fetches tree-sitter-go.wasm from the URL the extension gives it (its own files), nothing else',
  },
];

function bundles(): string[] {
  const out = outDir();
  const names = ['client.js', 'server.js', 'cli.js', 'cli-worker.js', 'web/client.js', 'web/server.js'];
  const present = names.map((name) => path.join(out, name)).filter((file) => fs.existsSync(file));
  for (const required of ['client.js', 'server.js', 'cli.js']) assert.ok(present.includes(path.join(out, required)), `${required} is built`);
  return present;
}

function describeUse(use: ApiUse): string {
  return `${use.api} from ${use.source} (bundle line ${use.at})`;
}

describe('security', () => {
  it('bundles use network, process and eval APIs only where listed, from the listed sources, for the listed reasons', () => {
    const seen = new Set<Allowed>();
    const unexpected: string[] = [];
    for (const bundle of bundles()) {
      const uses = scanBundle(bundle);
      const name = path.relative(outDir(), bundle);
      const counts = new Map<Allowed, number>();
      for (const use of uses) {
        const allowed = ALLOWED.find((entry) => entry.api === use.api && entry.source.test(use.source));
        if (!allowed) {
          unexpected.push(`${name}: ${describeUse(use)}`);
          continue;
        }
        counts.set(allowed, (counts.get(allowed) ?? 0) + 1);
        seen.add(allowed);
      }
      for (const [allowed, count] of counts) {
        assert.equal(count, allowed.count, `${name}: ${allowed.api} from ${allowed.source} used ${count} times, listed ${allowed.count}: review the new uses`);
      }
    }
    assert.deepEqual(unexpected, [], 'uses nobody reviewed: check they cannot reach the network or run workspace code, then list them with the reason');
    const unused = ALLOWED.filter((entry) => !seen.has(entry)).map((entry) => `${entry.api} from ${entry.source}`);
    assert.deepEqual(unused, [], 'listed uses no bundle has any more: remove them so the list stays exact');
  });

  it('the web bundles hold no Node module at all, and the desktop client starts nothing but the server', () => {
    for (const bundle of bundles().filter((file) => file.includes(`${path.sep}web${path.sep}`))) {
      const uses = scanBundle(bundle).filter((use) => use.api.startsWith('require('));
      assert.deepEqual(uses.map(describeUse), [], path.relative(outDir(), bundle));
    }
    const client = fs.readFileSync(path.join(findPackageRoot(), 'src', 'client', 'extension.ts'), 'utf8');
    assert.match(client, /path\.join\(__dirname, 'server\.js'\)/, 'the client runs our own bundled server');
    assert.doesNotMatch(client, /command:|spawn|exec\(/, 'and no other program');
  });

  it('no telemetry: no telemetry package in any bundle, no telemetry call in our code', () => {
    for (const bundle of bundles()) {
      const map = JSON.parse(fs.readFileSync(`${bundle}.map`, 'utf8')) as { sources: string[] };
      const telemetry = map.sources.filter((source) => /telemetry|applicationinsights|sentry|segment|mixpanel/i.test(source));
      assert.deepEqual(telemetry, [], path.relative(outDir(), bundle));
    }
    const root = path.join(findPackageRoot(), 'src');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    assert.ok(files.length > 50);
    for (const file of files) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      assert.doesNotMatch(text, /\btelemetry\b|sendTelemetryEvent|createTelemetryLogger|TelemetryReporter/i, `src/${file}`);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(findPackageRoot(), 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const dependencies = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    assert.deepEqual(dependencies.filter((name) => /telemetry|applicationinsights/i.test(name)), []);
  });

  it('package.json capabilities say what the code does, and the README says the same', () => {
    const root = findPackageRoot();
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    // Untrusted workspaces: supported, because nothing from the workspace runs (the scan
    // above) and no setting names a program or a path to load.
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces, { supported: true });
    for (const [key, setting] of Object.entries(pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>)) {
      assert.doesNotMatch(`${key} ${String(setting.description ?? setting.markdownDescription ?? '')}`, /\b(path|executable|binary|command line)\b/i, `${key} must not name something to run`);
    }
    // Virtual workspaces: limited, and the description names what needs a disk.
    const virtual = pkg.capabilities.virtualWorkspaces;
    assert.equal(virtual.supported, 'limited');
    assert.match(virtual.description, /Analyze Workspace/);
    assert.match(virtual.description, /other files/);
    assert.match(virtual.description, /go\.mod/);
    // ...which holds: a virtual document has no file path, so no sibling files or go.mod are read.
    const platform = nodeServerPlatform();
    assert.equal(platform.filePathOf('vscode-vfs://github/owner/repo/main.go'), undefined);
    assert.equal(platform.filePathOf('untitled:Untitled-1'), undefined);
    assert.ok(platform.filePathOf('file:///tmp/main.go'));
    // ...and its documents are still served (diagnostics, hovers, quick fixes).
    const features = fs.readFileSync(path.join(root, 'src', 'client', 'language-features.ts'), 'utf8');
    assert.match(features, /scheme: 'vscode-vfs', language: 'go'/);
    assert.match(features, /scheme === 'file'/, 'Analyze Workspace only takes folders on disk');

    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.match(readme, /No network calls and no telemetry/);
    assert.match(readme, /declares support for untrusted workspaces/);
    const virtualSentence = /virtual workspace[^]*?\n\n/i.exec(readme)?.[0] ?? '';
    assert.match(virtualSentence, /Analyze Workspace/, 'the README says what a virtual workspace lacks');
    assert.match(virtualSentence, /other files/);
    assert.match(virtualSentence, /go\.mod/);
  });
});
