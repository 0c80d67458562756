// Turns whatever the user wrote (VS Code settings, CLI flags) into a complete,
// valid configuration. A broken setting never breaks analysis: it falls back to
// the rule's default and comes back as a readable problem.
import type { AnyRule } from './rule';

/** What configuring needs of a rule: the rules themselves, or the CLI's catalog of them (no code). */
export type ConfigurableRule = Pick<AnyRule, 'validateOptions'> & {
  meta: Pick<AnyRule['meta'], 'id' | 'severity' | 'enabledByDefault'>;
  defaultOptions: unknown;
};
import { SEVERITIES, type Severity } from './types';

export interface RuleSetting {
  enabled: boolean;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface EngineConfig {
  rules: ReadonlyMap<string, RuleSetting>;
}

/**
 * What users may write per rule: `false`/`"off"`, `true`, a severity, or
 * `{ "enabled": bool, "severity": "warning", "options": {...} }`.
 */
export type UserRuleSetting =
  | boolean
  | Severity
  | 'off'
  | { enabled?: boolean; severity?: Severity | 'off'; options?: Record<string, unknown> };

export interface ResolvedConfig {
  config: EngineConfig;
  problems: string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function defaultConfig(rules: readonly ConfigurableRule[]): EngineConfig {
  return resolveConfig(rules, {}).config;
}

export function resolveConfig(rules: readonly ConfigurableRule[], raw: unknown): ResolvedConfig {
  const problems: string[] = [];
  const userRules: Record<string, unknown> = isPlainObject(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isPlainObject(raw)) {
    problems.push('Rule settings must be an object keyed by rule id; using the defaults.');
  }
  const known = new Set(rules.map((rule) => rule.meta.id));
  for (const id of Object.keys(userRules)) {
    if (!known.has(id)) problems.push(`Unknown rule "${id}" in settings (known: ${[...known].join(', ')}).`);
  }

  const resolved = new Map<string, RuleSetting>();
  for (const rule of rules) {
    const setting: RuleSetting = {
      enabled: rule.meta.enabledByDefault,
      severity: rule.meta.severity,
      options: { ...(rule.defaultOptions as Record<string, unknown>) },
    };
    const user = userRules[rule.meta.id];
    if (user !== undefined) applyUserSetting(rule, setting, user, problems);
    resolved.set(rule.meta.id, setting);
  }
  return { config: { rules: resolved }, problems };
}

function applySeverity(id: string, setting: RuleSetting, value: unknown, problems: string[]): void {
  if (value === 'off') setting.enabled = false;
  else if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) {
    setting.severity = value as Severity;
  } else {
    problems.push(`Rule "${id}": severity must be one of ${SEVERITIES.join(', ')} or off, not ${JSON.stringify(value)}.`);
  }
}

function applyUserSetting(rule: ConfigurableRule, setting: RuleSetting, user: unknown, problems: string[]): void {
  const id = rule.meta.id;
  if (typeof user === 'boolean') {
    setting.enabled = user;
    return;
  }
  if (typeof user === 'string') {
    if (user !== 'off') setting.enabled = true;
    applySeverity(id, setting, user, problems);
    return;
  }
  if (!isPlainObject(user)) {
    problems.push(`Rule "${id}": expected true, false, a severity or an object, not ${JSON.stringify(user)}.`);
    return;
  }
  if (user.enabled !== undefined) {
    if (typeof user.enabled === 'boolean') setting.enabled = user.enabled;
    else problems.push(`Rule "${id}": "enabled" must be true or false.`);
  }
  if (user.severity !== undefined) applySeverity(id, setting, user.severity, problems);
  if (user.options !== undefined) {
    if (!isPlainObject(user.options)) {
      problems.push(`Rule "${id}": "options" must be an object.`);
      return;
    }
    const optionProblems = rule.validateOptions?.(user.options) ?? [];
    if (optionProblems.length > 0) {
      problems.push(...optionProblems.map((problem) => `Rule "${id}": ${problem}`));
      return;
    }
    Object.assign(setting.options, user.options);
  }
}
