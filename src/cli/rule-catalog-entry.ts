// One rule as the CLI's main thread knows it (rule-catalog.ts): no query, no code.
import type { AnyRule } from '../engine/rule';
import type { Severity } from '../engine/types';

export interface CatalogRule {
  meta: { id: string; title: string; tsAnalogy: string; severity: Severity; enabledByDefault: boolean };
  doc: string;
  defaultOptions: Record<string, unknown>;
}

/** A rule's catalog entry, as the build writes it. */
export function catalogEntry(rule: AnyRule): CatalogRule {
  const { id, title, tsAnalogy, severity, enabledByDefault } = rule.meta;
  return { meta: { id, title, tsAnalogy, severity, enabledByDefault }, doc: rule.doc, defaultOptions: rule.defaultOptions as Record<string, unknown> };
}
