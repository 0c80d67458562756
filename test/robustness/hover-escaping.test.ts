// Hover cards never turn document text into markdown: a Go file carrying markdown,
// HTML, `[x](command:...)` links, backticks and `<img onerror>` in identifiers (as far
// as Go allows: underscores), string literals, struct tags, import paths, aliases and
// comments, with every rule on so findings quote that text, is hovered at every
// position through the LSP connection. Outside code spans and blocks, no card may hold
// a link other than our documentation links, an HTML tag, or an unescaped `command:`.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { ALL_RULES } from '../../src/rules';
import { LspSession } from '../lsp/session';

const LINK = '[x](command:workbench.action.terminal.new)';
const IMG = '<img src=x onerror=alert(1)>';

const SOURCE = `package main

import (
	"context"
	ctx_alias_ "context"
	"errors"
	"fmt"
	"net/http"
	"time"
	evil "github.com/evil/${LINK}/${IMG}"
)

// Comment: ${IMG} ${LINK} \`code\` <b>bold</b> **bold** _it_ <!-- hidden --> <script>alert(1)</script>
type Config__With__Underscores_ struct {
	Ctx  context.Context \`json:"${LINK}" xml:"${IMG}"\`
	Name string          \`json:"<b>name</b>"\`
}

/* Block comment ${LINK} */
func (c Config__With__Underscores_) Rename__() {
	c.Name = "${IMG}"
}

func load__user__(id string, ctx context.Context) error {
	_ = context.WithValue(ctx, "${LINK}${IMG}", 1)
	_ = ctx_alias_.TODO()
	_ = evil.Thing
	return fmt.Errorf("\`${IMG}\` %v", errors.New("${LINK}"))
}

func aliased__() {
	_ = ctx_alias_.TODO()
	_ = ctx_alias_.Background
}

func handler__(w http.ResponseWriter, r *http.Request) {
	ctx := context.Background()
	_ = ctx
	for _, value__ := range []string{"${IMG}"} {
		defer fmt.Println("${LINK}", value__)
		select {
		case <-time.After(time.Second):
		case <-r.Context().Done():
		}
	}
	c, _ := context.WithCancel(r.Context())
	_ = c
	http.ListenAndServe(":8080", nil)
}
`;

/** Link targets our own cards use: the Go spec and package docs, and our rule docs. */
const ALLOWED_LINK = /^https:\/\/(go\.dev\/|pkg\.go\.dev\/|github\.com\/go-for-ts\/go-for-ts\/)/;

/** The markdown outside fenced code blocks and code spans: what a renderer interprets. */
function prose(markdown: string): string {
  const outsideFences: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && marker) fence = marker;
    else if (fence !== null && marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
    else if (fence === null) outsideFences.push(line);
  }
  // Code spans: a run of n backticks up to the next run of exactly n (CommonMark).
  let text = outsideFences.join('\n');
  let result = '';
  for (let i = 0; i < text.length; ) {
    if (text[i] === '\\') {
      result += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (text[i] !== '`') {
      result += text[i++];
      continue;
    }
    const run = /^`+/.exec(text.slice(i))![0];
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
    close.lastIndex = i + run.length;
    const match = close.exec(text);
    if (!match) {
      result += run;
      i += run.length;
      continue;
    }
    result += ' CODE ';
    i = match.index + run.length;
  }
  text = result;
  return text;
}

/** The document's names that markdown would read as emphasis if they were not escaped. */
const UNDERSCORED = [...new Set(SOURCE.match(/\b\w*_\w*\b/g) ?? [])].filter((name) => name !== '_');

/** What would render as live markup in `markdown`, if anything. */
function liveMarkup(markdown: string): string[] {
  const text = prose(markdown).replace(/\\[\s\S]/g, ' '); // escaped characters render as themselves
  const problems: string[] = [];
  for (const name of UNDERSCORED) if (text.includes(name)) problems.push(`${name} unescaped (emphasis)`);
  for (const match of text.matchAll(/\]\(\s*<?([^)\s>]*)/g)) {
    if (!ALLOWED_LINK.test(match[1]!)) problems.push(`link to ${match[1]}`);
  }
  for (const match of text.matchAll(/<\/?[A-Za-z!][^>]*>?/g)) problems.push(`HTML ${match[0]}`);
  if (/command:/i.test(text)) problems.push('a command: URI');
  if (/!\[/.test(text)) problems.push('an image');
  return problems;
}

describe('hover cards escape document text', () => {
  let session: LspSession;
  const uri = 'file:///tmp/go-for-ts-escaping/main.go';

  before(async () => {
    const rules = Object.fromEntries(ALL_RULES.map((rule) => [rule.meta.id, true]));
    session = await LspSession.start({ initializationOptions: { settings: { rules, hover: { cards: 'full' } } } });
  });
  after(async () => {
    await session.stop();
  });

  it('the checker sees through escapes and code, and catches live links and HTML', () => {
    assert.deepEqual(liveMarkup('`[x](command:a)` and ``<img>`` and \\[x\\]\\(command\\:a\\) and &lt;img&gt;'), []);
    assert.deepEqual(liveMarkup('```go\n[x](command:a)\n```\n[docs](https://go.dev/ref/spec)'), []);
    assert.deepEqual(liveMarkup('see [x](command:workbench.action.terminal.new)'), ['link to command:workbench.action.terminal.new', 'a command: URI']);
    assert.deepEqual(liveMarkup('a <img src=x onerror=alert(1)> b'), ['HTML <img src=x onerror=alert(1)>']);
    assert.deepEqual(liveMarkup('![i](https://evil.example/x.png)'), ['link to https://evil.example/x.png', 'an image']);
    assert.deepEqual(liveMarkup('`load__user__` and load\\_\\_user\\_\\_'), []);
    assert.deepEqual(liveMarkup('load__user__ returns'), ['load__user__ unescaped (emphasis)']);
  });

  it('no hover at any position holds a live link, HTML or command: built from the document', async () => {
    const diagnostics = await session.open(uri, SOURCE);
    const rulesHit = new Set(diagnostics.map((diagnostic) => String(diagnostic.code)));
    for (const rule of ['context-first', 'context-key-type', 'error-wrap', 'defer-in-loop', 'value-receiver-mutation', 'context-in-struct']) {
      assert.ok(rulesHit.has(rule), `the document should trigger ${rule} (got ${[...rulesHit].join(', ')})`);
    }
    for (const diagnostic of diagnostics) assert.doesNotMatch(String(diagnostic.message), /\n/, 'one-line plain-text messages');

    const document = TextDocument.create(uri, 'go', 1, SOURCE);
    const problems: string[] = [];
    let cards = 0;
    let quotingCards = 0;
    for (let offset = 0; offset < SOURCE.length; offset++) {
      const position = document.positionAt(offset);
      const hover = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
      if (!hover) continue;
      const content = hover.contents as MarkupContent;
      assert.equal(content.kind, 'markdown');
      cards++;
      if (/onerror|command|Underscores|load|value/.test(content.value)) quotingCards++;
      for (const problem of liveMarkup(content.value)) problems.push(`${position.line + 1}:${position.character + 1}: ${problem}`);
    }
    assert.deepEqual([...new Set(problems)], []);
    assert.ok(cards > 100, `only ${cards} hovers answered`);
    assert.ok(quotingCards > 10, `only ${quotingCards} cards quote the document's text: the test would prove little`);
  });
});
