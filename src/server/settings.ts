// The `goForTs` settings section -> what the server runs with. Whatever the user
// wrote, the result is complete and valid: a broken part falls back to its
// default and comes back as one readable problem, never as an exception.
import { resolveConfig, type EngineConfig } from '../engine/config';
import { DEFAULT_MAX_FILE_SIZE_KB } from '../engine/limits';
import type { AnyRule } from '../engine/rule';
import { HOVER_CARDS_MODES, type HoverCardsMode } from '../shared/protocol';

export interface ServerSettings {
  config: EngineConfig;
  hoverEnabled: boolean;
  hoverCards: HoverCardsMode;
  /** Documents larger than this (UTF-8 KB) are not analysed (hovers only, if they parse in time). */
  maxFileSizeKB: number;
}

export interface ReadSettings {
  settings: ServerSettings;
  problems: string[];
}

const CONTEXT_FIRST = 'context-first';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `true` / "off" / "warning" / {…} -> the object form, so options can be added to it. */
function asObjectSetting(value: unknown): Record<string, unknown> | null {
  if (value === undefined) return {};
  if (typeof value === 'boolean') return { enabled: value };
  if (value === 'off') return { enabled: false };
  if (typeof value === 'string') return { enabled: true, severity: value };
  if (isPlainObject(value)) return { ...value };
  return null; // malformed: left for resolveConfig to report
}

/**
 * `goForTs.contextFirst.allowTypesBefore` is a shortcut for the context-first
 * rule's option; an explicit `goForTs.rules["context-first"].options` wins.
 */
function withContextFirstShortcut(
  rules: Record<string, unknown>,
  allowTypesBefore: unknown,
  known: readonly AnyRule[],
  problems: string[],
): Record<string, unknown> {
  if (allowTypesBefore === undefined || !known.some((rule) => rule.meta.id === CONTEXT_FIRST)) return rules;
  if (!Array.isArray(allowTypesBefore) || allowTypesBefore.some((item) => typeof item !== 'string')) {
    problems.push('goForTs.contextFirst.allowTypesBefore must be a list of type names such as "*testing.T".');
    return rules;
  }
  const setting = asObjectSetting(rules[CONTEXT_FIRST]);
  if (setting === null) return rules;
  const options = isPlainObject(setting.options) ? setting.options : {};
  return { ...rules, [CONTEXT_FIRST]: { ...setting, options: { allowTypesBefore, ...options } } };
}

export function readSettings(rules: readonly AnyRule[], raw: unknown): ReadSettings {
  const problems: string[] = [];
  const section = isPlainObject(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isPlainObject(raw)) {
    problems.push('The goForTs settings must be an object; using the defaults.');
  }

  let ruleSettings: unknown = section.rules;
  if (ruleSettings !== undefined && ruleSettings !== null && !isPlainObject(ruleSettings)) {
    problems.push('goForTs.rules must be an object keyed by rule id, e.g. { "context-first": "off" }; using the defaults.');
    ruleSettings = {};
  }
  const contextFirst = isPlainObject(section.contextFirst) ? section.contextFirst : {};
  const merged = withContextFirstShortcut(
    (ruleSettings as Record<string, unknown> | undefined) ?? {},
    contextFirst.allowTypesBefore,
    rules,
    problems,
  );
  const resolved = resolveConfig(rules, merged);
  problems.push(...resolved.problems.map((problem) => `goForTs.rules: ${problem}`));

  const hover = isPlainObject(section.hover) ? section.hover : {};
  let hoverEnabled = true;
  if (hover.enabled !== undefined) {
    if (typeof hover.enabled === 'boolean') hoverEnabled = hover.enabled;
    else problems.push('goForTs.hover.enabled must be true or false.');
  }
  let hoverCards: HoverCardsMode = 'full';
  if (hover.cards !== undefined) {
    if ((HOVER_CARDS_MODES as readonly unknown[]).includes(hover.cards)) hoverCards = hover.cards as HoverCardsMode;
    else problems.push(`goForTs.hover.cards must be one of ${HOVER_CARDS_MODES.join(', ')}.`);
  }

  let maxFileSizeKB = DEFAULT_MAX_FILE_SIZE_KB;
  if (section.maxFileSizeKB !== undefined) {
    const value = section.maxFileSizeKB;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 1) maxFileSizeKB = value;
    else problems.push(`goForTs.maxFileSizeKB must be a number of kilobytes, at least 1 (default ${DEFAULT_MAX_FILE_SIZE_KB}).`);
  }

  return { settings: { config: resolved.config, hoverEnabled, hoverCards, maxFileSizeKB }, problems };
}
