// package.json's `contributes` must match the code: every rule in the settings
// schema, every command the client registers, activation on Go files only, no Go
// language contribution (the official Go extension owns it), honest capabilities.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findPackageRoot } from '../../src/engine/grammar-files';
import { ALL_RULES } from '../../src/rules';
import { COMMANDS, CONFIG_SECTION, HOVER_CARDS_MODES } from '../../src/shared/protocol';
import { ruleSettingsSchema } from './rule-settings-schema';

const root = findPackageRoot();
const packagePath = path.join(root, 'package.json');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function readPackage(): Json {
  return JSON.parse(fs.readFileSync(packagePath, 'utf8'));
}

describe('package.json contributions', () => {
  it('lists every rule in goForTs.rules with its default (GO_FOR_TS_UPDATE_PACKAGE=1 rewrites it)', () => {
    const expected = ruleSettingsSchema(ALL_RULES);
    const pkg = readPackage();
    const properties = pkg.contributes?.configuration?.properties ?? {};
    if (process.env.GO_FOR_TS_UPDATE_PACKAGE === '1') {
      properties[`${CONFIG_SECTION}.rules`] = expected;
      pkg.contributes.configuration.properties = properties;
      fs.writeFileSync(packagePath, JSON.stringify(pkg, null, 2) + '\n');
    }
    assert.deepEqual(
      readPackage().contributes.configuration.properties[`${CONFIG_SECTION}.rules`],
      expected,
      'package.json is out of date with the rules: run `npm run sync:package`',
    );
  });

  it('has the other settings, with defaults that match the code', () => {
    const properties = readPackage().contributes.configuration.properties;
    const contextFirst = ALL_RULES.find((rule) => rule.meta.id === 'context-first');
    assert.deepEqual(
      properties['goForTs.contextFirst.allowTypesBefore'].default,
      contextFirst?.defaultOptions.allowTypesBefore,
    );
    assert.deepEqual(properties['goForTs.hover.cards'].enum, HOVER_CARDS_MODES);
    assert.equal(properties['goForTs.hover.cards'].default, 'full');
    assert.equal(properties['goForTs.hover.enabled'].default, true);
    for (const key of Object.keys(properties)) assert.ok(key.startsWith(`${CONFIG_SECTION}.`), key);
  });

  it('contributes exactly the commands the client registers, activates on Go only, leaves the language to the Go extension', () => {
    const pkg = readPackage();
    const contributed = pkg.contributes.commands.map((command: Json) => command.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
    for (const command of pkg.contributes.commands) assert.equal(command.category, 'Go for TS');
    // Desktop and web entries share their commands (src/client/language-features.ts).
    const client = fs.readFileSync(path.join(root, 'src', 'client', 'language-features.ts'), 'utf8');
    for (const key of Object.keys(COMMANDS)) assert.match(client, new RegExp(`registerCommand\\(COMMANDS\\.${key}\\b`));
    assert.deepEqual(pkg.activationEvents, ['onLanguage:go']);
    assert.equal(pkg.contributes.languages, undefined);
    assert.equal(pkg.main, './out/client.js');
    assert.equal(pkg.browser, './out/web/client.js');
    assert.deepEqual(pkg.contributes.snippets, [{ language: 'go', path: './snippets/go.json' }]);
    assert.ok(fs.existsSync(path.join(root, 'snippets', 'go.json')));
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces, { supported: true });
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
  });
});
