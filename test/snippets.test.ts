// snippets/go.json: every snippet, expanded with its default text, is Go that parses
// cleanly and that none of our own rules (all of them, default-off ones included)
// would flag; prefixes are what a TypeScript engineer types.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { resolveConfig } from '../src/engine/config';
import { Engine } from '../src/engine/engine';
import { findPackageRoot, nodeGrammarSource } from '../src/engine/grammar-files';
import { ALL_RULES } from '../src/rules';
import { countErrorNodes } from './harness/analysistest';
import { expandSnippet } from './snippets/expand';

const root = findPackageRoot();

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets', 'go.json'), 'utf8')) as Record<string, Snippet>;

interface Setting {
  /** Statements go inside `signature { ... }`; declarations go at the top level. */
  shape: 'statements' | 'declarations';
  imports: string[];
  signature?: string;
}

/** Where each snippet is meant to be typed, so it can be parsed and checked in place. */
const SETTINGS: Record<string, Setting> = {
  'errgroup fan-out (Promise.all)': {
    shape: 'statements',
    imports: ['context', 'fmt', 'golang.org/x/sync/errgroup'],
    signature: 'func example(ctx context.Context, items []string) error',
  },
  'select with timeout (Promise.race)': {
    shape: 'statements',
    imports: ['context', 'errors', 'time'],
    signature: 'func example(ctx context.Context, resultCh <-chan string) error',
  },
  'context.WithTimeout (AbortController)': {
    shape: 'statements',
    imports: ['context', 'time'],
    signature: 'func example(ctx context.Context) error',
  },
  'if err != nil with wrapping (try/catch)': {
    shape: 'statements',
    imports: ['fmt'],
    signature: 'func example() (any, error)',
  },
  'net/http route (Express app.get)': {
    shape: 'statements',
    imports: ['encoding/json', 'net/http'],
    signature: 'func example(mux *http.ServeMux)',
  },
  'HTTP middleware (Express app.use)': { shape: 'declarations', imports: ['log', 'net/http', 'time'] },
  'worker pool (p-limit)': { shape: 'declarations', imports: ['context', 'sync'] },
  'fan-in: merge channels (merge async iterators)': { shape: 'declarations', imports: ['context', 'sync'] },
  'query rows loop (pool.query)': {
    shape: 'statements',
    imports: ['context', 'database/sql', 'fmt'],
    signature: 'func example(ctx context.Context, db *sql.DB, owner string) ([]Item, error)',
  },
  'single row (rows[0] ?? notFound)': {
    shape: 'statements',
    imports: ['context', 'database/sql', 'errors', 'fmt'],
    signature: 'func example(ctx context.Context, db *sql.DB, id int) (string, error)',
  },
  'transaction with deferred Rollback (BEGIN/COMMIT)': {
    shape: 'statements',
    imports: ['context', 'database/sql', 'fmt'],
    signature: 'func example(ctx context.Context, db *sql.DB, id int) error',
  },
  'http.Server with timeouts (http.createServer)': {
    shape: 'statements',
    imports: ['context', 'errors', 'net/http', 'time'],
    signature: 'func example(ctx context.Context, mux *http.ServeMux) error',
  },
  'gRPC method with status codes (grpc-js handler)': {
    shape: 'declarations',
    imports: ['context', 'errors', 'google.golang.org/grpc/codes', 'google.golang.org/grpc/status'],
  },
  'table-driven test (test.each)': { shape: 'declarations', imports: ['testing'] },
  'interface fake for tests (jest.fn)': { shape: 'declarations', imports: ['context'] },
  'sentinel error (export class NotFoundError)': { shape: 'declarations', imports: ['errors'] },
  'custom error type (class extends Error)': { shape: 'declarations', imports: ['fmt'] },
  'errors.As (instanceof)': { shape: 'statements', imports: ['errors'], signature: 'func example(err error)' },
  'ticker rate limit (setInterval throttle)': {
    shape: 'statements',
    imports: ['context', 'time'],
    signature: 'func example(ctx context.Context, requests []string) error',
  },
  'sync.Once lazy value (lazy singleton)': { shape: 'declarations', imports: ['sync'] },
  'mutex-guarded counter (a Map mutated from callbacks)': { shape: 'declarations', imports: ['sync'] },
  'WaitGroup (Promise.allSettled)': { shape: 'statements', imports: ['sync'], signature: 'func example(items []string)' },
  'time.AfterFunc (setTimeout)': { shape: 'statements', imports: ['time'], signature: 'func example()' },
  'HTTP request with context (fetch)': {
    shape: 'statements',
    imports: ['context', 'fmt', 'net/http'],
    signature: 'func example(ctx context.Context, client *http.Client, url string) error',
  },
  'iota constants (enum)': { shape: 'declarations', imports: [] },
  'decode a JSON request body (JSON.parse(req.body))': {
    shape: 'statements',
    imports: ['encoding/json', 'net/http'],
    signature: 'func example(w http.ResponseWriter, r *http.Request)',
  },
};

/** The prefixes the issue asks for, each a word a TypeScript engineer would type. */
const REQUIRED_PREFIXES = [
  'promiseall', 'promiserace', 'abortcontroller', 'trycatch', 'express', 'middleware', 'workerpool', 'fanin',
  'rowsquery', 'transaction', 'httpserver', 'grpcmethod', 'tabletest', 'mock', 'sentinel', 'customerror',
  'errorsas', 'ratelimit', 'once', 'mutex',
];

function goFile(name: string, expanded: string): string {
  const setting = SETTINGS[name]!;
  const imports = setting.imports.length ? `import (\n${setting.imports.map((p) => `\t"${p}"\n`).join('')})\n\n` : '';
  const body =
    setting.shape === 'statements'
      ? `${setting.signature} {\n${expanded.replace(/^(?=.)/gm, '\t')}\n}\n`
      : `${expanded}\n`;
  return `package p\n\n${imports}${body}`;
}

function prefixesOf(snippet: Snippet): string[] {
  return typeof snippet.prefix === 'string' ? [snippet.prefix] : snippet.prefix;
}

let engine: Promise<Engine> | undefined;
function allRulesEngine(): Promise<Engine> {
  engine ??= Engine.create(nodeGrammarSource(), ALL_RULES);
  return engine;
}

describe('snippets/go.json', () => {
  it('has at least 20 snippets, each naming the TypeScript idiom it replaces', () => {
    const names = Object.keys(snippets);
    assert.ok(names.length >= 20, `only ${names.length} snippets`);
    for (const [name, snippet] of Object.entries(snippets)) {
      assert.match(snippet.description, /^TypeScript: .+ → Go: .+/, `${name}: description`);
      assert.ok(prefixesOf(snippet).every((prefix) => /^[a-z]+$/.test(prefix)), `${name}: prefixes are plain words`);
    }
  });

  it('offers every prefix the issue asks for, and no prefix twice', () => {
    const all = Object.values(snippets).flatMap(prefixesOf);
    assert.deepEqual(REQUIRED_PREFIXES.filter((prefix) => !all.includes(prefix)), []);
    assert.equal(new Set(all).size, all.length, 'a prefix is used by two snippets');
  });

  it('knows where each snippet is typed (statement or declaration), for every snippet', () => {
    assert.deepEqual(Object.keys(SETTINGS).sort(), Object.keys(snippets).sort());
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    it(`${name}: expands to Go that parses and that no rule flags`, async () => {
      const engine = await allRulesEngine();
      const text = goFile(name, expandSnippet(snippet.body));
      assert.equal(countErrorNodes(engine, text), 0, `parse errors in:\n${text}`);
      const everyRuleOn = Object.fromEntries(ALL_RULES.map((rule) => [rule.meta.id, true]));
      const { config, problems } = resolveConfig(ALL_RULES, everyRuleOn);
      assert.deepEqual(problems, []);
      for (const goVersion of [undefined, '1.21', '1.23']) {
        const result = engine.analyzeText(text, { config, ...(goVersion ? { goVersion } : {}) });
        assert.deepEqual(result.ruleErrors, [], 'a rule threw');
        const findings = result.findings.map((finding) => `${finding.rule}: ${finding.message}`);
        assert.deepEqual(findings, [], `findings with go ${goVersion ?? 'unknown'} in:\n${text}`);
      }
    });
  }
});

describe('snippets/go.json checks can fail', () => {
  // The same wrappers, with the line that makes each snippet correct taken out: the
  // rules must now fire, which shows the imports and signatures let them run.
  const broken: [name: string, remove: RegExp, rule: string][] = [
    ['context.WithTimeout (AbortController)', /^\tdefer cancel\(\)\n/m, 'lost-cancel'],
    ['query rows loop (pool.query)', /^\tif err := rows\.Err\(\).*\n.*\n\t\}\n/m, 'rows-err'],
    ['query rows loop (pool.query)', /^\tdefer rows\.Close\(\)\n/m, 'rows-close'],
    ['transaction with deferred Rollback (BEGIN/COMMIT)', /^\tdefer tx\.Rollback\(\).*\n/m, 'tx-rollback'],
  ];
  for (const [name, remove, rule] of broken) {
    it(`${name} without its safeguard trips ${rule}`, async () => {
      const engine = await allRulesEngine();
      const text = goFile(name, expandSnippet(snippets[name]!.body));
      const mutated = text.replace(remove, '');
      assert.notEqual(mutated, text, 'the safeguard line was found');
      const findings = engine.analyzeText(mutated).findings.map((finding) => finding.rule);
      assert.ok(findings.includes(rule), `expected ${rule}, got ${findings.join(', ') || 'nothing'}`);
    });
  }
});

describe('snippet expansion', () => {
  it('inserts defaults, mirrors bare tabstops, picks the first choice, drops $0', () => {
    assert.equal(expandSnippet('${1:ctx}, cancel := f(${1})$0'), 'ctx, cancel := f(ctx)');
    assert.equal(expandSnippet('$2 = ${2:x}; ${3|Second,Minute|}'), 'x = x; Second');
    assert.equal(expandSnippet('${1:outer ${2:inner}} $2'), 'outer inner inner');
    assert.equal(expandSnippet('${5:$2}: ${2:load}'), 'load: load');
    assert.equal(expandSnippet(['a', '\tb']), 'a\n\tb');
  });

  it('honours escapes in text, defaults and choices', () => {
    assert.equal(expandSnippet('cost \\$1 {${1:a\\}b}}'), 'cost $1 {a}b}');
    assert.equal(expandSnippet('${1|a\\,b,c|}'), 'a,b');
    assert.equal(expandSnippet('100\\\\$'), '100\\$');
    assert.equal(expandSnippet('price $ and ${ alone'), 'price $ and ${ alone');
  });

  it('fills variables, applies transforms, and inserts unknown variable names', () => {
    const variables = { TM_FILENAME_BASE: 'order_store_test', TM_SELECTED_TEXT: '' };
    assert.equal(expandSnippet('$TM_FILENAME_BASE', { variables }), 'order_store_test');
    assert.equal(expandSnippet('${TM_FILENAME_BASE/_test$//}', { variables }), 'order_store');
    assert.equal(expandSnippet('${TM_FILENAME_BASE/(\\w+)_test/${1:/upcase}/}', { variables }), 'ORDER_STORE');
    assert.equal(expandSnippet('${TM_SELECTED_TEXT:fallback}', { variables }), 'fallback');
    assert.equal(expandSnippet('${NOT_A_VARIABLE}', { variables }), 'NOT_A_VARIABLE');
    assert.equal(expandSnippet('get${1/(.*)/${1:/capitalize}/}() ${1:client}'), 'getClient() client');
  });
});
