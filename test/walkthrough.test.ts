// The first-run walkthrough (package.json contributes.walkthroughs): its media files
// exist, every command it links to is ours and contributed (or a named VS Code
// built-in), and the samples in its pages do what the pages say.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cardMatchAt } from '../src/cards';
import { resolveConfig } from '../src/engine/config';
import { findPackageRoot } from '../src/engine/grammar-files';
import { SourceFile } from '../src/engine/source-file';
import { ALL_RULES } from '../src/rules';
import { testEngine } from './harness/engine';
import { walkthroughSample } from '../src/client/walkthrough-sample';

const root = findPackageRoot();
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** VS Code's own commands the walkthrough may link to (not contributed by us). */
const BUILT_IN_COMMANDS = new Set(['workbench.action.files.newUntitledFile', 'workbench.action.openSettings']);

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; svg?: string; image?: string | { light: string; dark: string; hc?: string }; altText?: string };
  completionEvents?: string[];
}

function steps(): Step[] {
  return (pkg.contributes.walkthroughs ?? []).flatMap((walkthrough: { steps: Step[] }) => walkthrough.steps);
}

function mediaFiles(step: Step): string[] {
  const { markdown, svg, image } = step.media;
  const images = typeof image === 'string' ? [image] : image ? Object.values(image) : [];
  return [markdown, svg, ...images].filter((file): file is string => !!file);
}

function page(name: string): string {
  return fs.readFileSync(path.join(root, 'media', 'walkthrough', name), 'utf8');
}

function codeBlock(markdown: string, language: string): string {
  const block = new RegExp('```' + language + '\\n([\\s\\S]*?)\\n```').exec(markdown);
  assert.ok(block, `a \`\`\`${language} block`);
  return block[1]!;
}

describe('walkthrough', () => {
  it('walks through the extension, the four flagship pitfalls, hover cards and silencing', () => {
    const all = steps();
    assert.ok(all.length >= 4);
    assert.equal(new Set(all.map((step) => step.id)).size, all.length, 'step ids are unique');
    const text = all.map((step) => step.description).join('\n') + all.flatMap(mediaFiles).map((file) => fs.readFileSync(path.join(root, file), 'utf8')).join('\n');
    for (const rule of ['context-first', 'lost-cancel', 'rows-err', 'nil-map-write']) assert.ok(text.includes(rule), rule);
    assert.match(text, /nolint/);
    assert.match(text, /hover/i);
  });

  it('has every media file it names, inside media/walkthrough/', () => {
    for (const step of steps()) {
      const files = mediaFiles(step);
      assert.ok(files.length > 0, `${step.id}: no media`);
      if (step.media.image) assert.ok(step.media.altText, `${step.id}: images need altText`);
      for (const file of files) {
        assert.match(file, /^media\/walkthrough\//, `${step.id}: ${file}`);
        assert.ok(fs.existsSync(path.join(root, file)), `${step.id}: ${file} is missing`);
      }
    }
  });

  it('links only to contributed commands (or named VS Code built-ins) and to settings that exist', () => {
    const contributed = new Set(pkg.contributes.commands.map((command: { command: string }) => command.command));
    const settings = Object.keys(pkg.contributes.configuration.properties);
    const referenced: string[] = [];
    for (const step of steps()) {
      const pages = mediaFiles(step).filter((file) => file.endsWith('.md')).map((file) => fs.readFileSync(path.join(root, file), 'utf8'));
      for (const text of [step.description, ...pages]) {
        for (const link of text.matchAll(/\(command:([\w.]+)/g)) referenced.push(link[1]!);
      }
      for (const event of step.completionEvents ?? []) {
        const [kind, value] = event.split(/:(.*)/s) as [string, string];
        if (kind === 'onCommand') referenced.push(value);
        else if (kind === 'onSettingChanged') assert.ok(settings.includes(value), `${step.id}: unknown setting ${value}`);
        else assert.ok(['onLanguage', 'onView', 'onLink', 'onContext', 'onEvent', 'onStepSelected'].includes(kind), event);
      }
    }
    assert.ok(referenced.some((command) => command.startsWith('goForTs.')), 'links to at least one of our commands');
    for (const command of referenced) {
      if (command.startsWith('goForTs.')) assert.ok(contributed.has(command), `${command} is not contributed`);
      else assert.ok(BUILT_IN_COMMANDS.has(command), `${command} is neither ours nor a known built-in`);
    }
  });

  it('pitfalls.md: its sample, as the Open the Pitfalls Sample command opens it, trips exactly the four flagship rules', async () => {
    const engine = await testEngine();
    assert.equal(walkthroughSample(), `${codeBlock(page('pitfalls.md'), 'go')}\n`);
    const result = engine.analyzeText(walkthroughSample());
    assert.deepEqual(result.ruleErrors, []);
    assert.deepEqual(
      [...new Set(result.findings.map((finding) => finding.rule))].sort(),
      ['context-first', 'lost-cancel', 'nil-map-write', 'rows-err'],
    );
  });

  it('hover-cards.md: the constructs it points at show the cards it names', async () => {
    const engine = await testEngine();
    const text = `package p\n\nimport (\n\t"context"\n\t"time"\n)\n\n${codeBlock(page('hover-cards.md'), 'go')}\n`;
    const file = new SourceFile(text, engine.parse(text));
    const at = (needle: string) => cardMatchAt(file, text.indexOf(needle) + 1)?.card.id;
    assert.equal(at('WithTimeout'), 'context-with-timeout');
    assert.equal(at('defer'), 'defer');
    assert.equal(at('select'), 'select');
  });

  it('silence.md: its //nolint line is what silences the finding, and its settings are valid', async () => {
    const engine = await testEngine();
    const sample = codeBlock(page('silence.md'), 'go');
    assert.deepEqual(engine.analyzeText(sample).findings, []);
    const unsilenced = sample.replace(/^\s*\/\/nolint.*\n/m, '');
    assert.deepEqual(engine.analyzeText(unsilenced).findings.map((finding) => finding.rule), ['lost-cancel']);
    const settings = JSON.parse(`{${codeBlock(page('silence.md'), 'json')}}`)['goForTs.rules'];
    assert.deepEqual(resolveConfig(ALL_RULES, settings).problems, []);
  });
});
