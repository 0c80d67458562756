// `go-for-ts rules`: a table of rule ids, default state and title.
import { ALL_RULES } from '../rules';

export function listRules(): number {
  const width = Math.max(...ALL_RULES.map((rule) => rule.meta.id.length));
  for (const rule of ALL_RULES) {
    const state = rule.meta.enabledByDefault ? rule.meta.severity.padEnd(7) : 'off    ';
    process.stdout.write(`${rule.meta.id.padEnd(width)}  ${state}  ${rule.meta.title}\n`);
  }
  return 0;
}
