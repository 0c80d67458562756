// `go-for-ts rules`: a table of rule ids, default state and title.
import { RULE_CATALOG } from './rule-catalog';

export function listRules(): number {
  const width = Math.max(...RULE_CATALOG.map((rule) => rule.meta.id.length));
  for (const rule of RULE_CATALOG) {
    const state = rule.meta.enabledByDefault ? rule.meta.severity.padEnd(7) : 'off    ';
    process.stdout.write(`${rule.meta.id.padEnd(width)}  ${state}  ${rule.meta.title}\n`);
  }
  return 0;
}
