// The `goForTs.rules` setting's schema, derived from the rules themselves, so the
// Settings editor lists every rule with its default and package.json cannot drift
// from the code (test/extension/package-json.test.ts compares them, and rewrites
// package.json when run with GO_FOR_TS_UPDATE_PACKAGE=1: `npm run sync:package`).
//
// Each rule's value is `true`/`false` or a severity/"off": VS Code's Settings editor
// renders an object setting as an editable table (a dropdown per rule) only when
// every alternative is a simple type, so the object form
// `{ "enabled", "severity", "options" }` (still accepted by the server) is left out
// of the schema.
import type { AnyRule } from '../../src/engine/rule';
import { SEVERITIES } from '../../src/engine/types';

const LEVELS = ['off', ...SEVERITIES];
const LEVEL_DESCRIPTIONS: Record<string, string> = {
  off: 'Turned off.',
  error: 'On, shown as an error.',
  warning: 'On, shown as a warning.',
  info: 'On, shown as information.',
  hint: 'On, shown as a hint (faded, no Problems entry in VS Code).',
};

function defaultLevel(rule: AnyRule): string {
  return rule.meta.enabledByDefault ? rule.meta.severity : 'off';
}

export function ruleSettingsSchema(rules: readonly AnyRule[]): Record<string, unknown> {
  const sorted = [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const properties: Record<string, unknown> = {};
  for (const rule of sorted) {
    properties[rule.meta.id] = {
      description: `${rule.meta.title} (default: ${defaultLevel(rule)}).`,
      anyOf: [
        { type: 'string', enum: LEVELS, enumDescriptions: LEVELS.map((level) => LEVEL_DESCRIPTIONS[level]) },
        { type: 'boolean' },
      ],
    };
  }
  return {
    type: 'object',
    markdownDescription:
      'Turn each rule on or off, or set its severity: `"off"`, `"error"`, `"warning"`, `"info"`, `"hint"`, or `true`/`false` for on/off at its default severity. Changes apply at once.',
    default: Object.fromEntries(sorted.map((rule) => [rule.meta.id, defaultLevel(rule)])),
    properties,
    additionalProperties: false,
    order: 0,
  };
}
