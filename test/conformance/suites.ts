// Which peer test data measures which of our rules, and how well each rule must do.
// Paths are relative to the suite's folder in shared/peer-suites; SOURCE.txt in each
// folder says where the files come from and how the peer's own harness runs them.
import type { AnnotationFormat } from './annotations';

export interface SuiteInfo {
  format: AnnotationFormat;
  /** staticcheck's layout: files under go1.N/ are checked as Go 1.N. */
  goVersionFromDirectory?: boolean;
}

export const SUITES: Record<string, SuiteInfo> = {
  bodyclose: { format: 'analysistest' },
  containedctx: { format: 'analysistest' },
  copylocks: { format: 'analysistest' },
  errorlint: { format: 'analysistest' },
  'golint-context': { format: 'revive' },
  httpresponse: { format: 'analysistest' },
  loopclosure: { format: 'analysistest' },
  lostcancel: { format: 'analysistest' },
  nilness: { format: 'analysistest' },
  'revive-context-as-argument': { format: 'revive' },
  'revive-other': { format: 'revive' },
  rowserrcheck: { format: 'analysistest' },
  sqlclosecheck: { format: 'analysistest' },
  'staticcheck-SA1015': { format: 'staticcheck', goVersionFromDirectory: true },
  'staticcheck-SA2000': { format: 'staticcheck', goVersionFromDirectory: true },
  'staticcheck-SA5000': { format: 'staticcheck', goVersionFromDirectory: true },
  waitgroup: { format: 'analysistest' },
};

/**
 * The Go release the peers' harnesses ran with (x/tools at its 2026 commit): decides
 * which files a `//go:build go1.N` / `!go1.N` line keeps, as `go test` would.
 */
export const PEER_TOOLCHAIN = '1.26';

export interface SuiteMapping {
  rule: string;
  suite: string;
  /** Files, or folders searched recursively for .go and .txtar files. */
  include: string[];
  exclude?: string[];
  /** The expectations that are this rule's, by their message; the rest are ignored. */
  expect?: RegExp;
  /** Rule options, as a user would set them, mirroring the peer harness's config. */
  options?: Record<string, unknown>;
  /** Module Go version for files with no go.mod of their own. */
  goVersion?: string;
}

export const MAPPINGS: SuiteMapping[] = [
  // revive's harness: the _default file with an empty config, the other with allowTypesBefore set.
  {
    rule: 'context-first',
    suite: 'revive-context-as-argument',
    include: ['context_as_argument_default.go'],
    options: { allowTypesBefore: [] },
  },
  {
    rule: 'context-first',
    suite: 'revive-context-as-argument',
    include: ['context_as_argument.go'],
    options: { allowTypesBefore: ['AllowedBeforeType', 'AllowedBeforeStruct', '*AllowedBeforePtrStruct', '*testing.T'] },
  },
  { rule: 'context-first', suite: 'golint-context', include: ['context.go'], options: { allowTypesBefore: [] } },

  // vet reports at the creation ("should be called" / "not used on all paths") and at
  // each leaking return; we measure the creation line only.
  { rule: 'lost-cancel', suite: 'lostcancel', include: ['src/a', 'src/b', 'src/typeparams'], expect: /should be called|not used/ },

  { rule: 'rows-err', suite: 'rowserrcheck', include: ['src/a'] },

  { rule: 'nil-map-write', suite: 'staticcheck-SA5000', include: ['go1.0'], expect: /nil map/ },
  { rule: 'nil-map-write', suite: 'nilness', include: ['src'], expect: /map update/ },

  {
    rule: 'rows-close',
    suite: 'sqlclosecheck',
    include: ['pkg/analyzer/testdata/rows', 'pkg/analyzer/testdata/stmt'],
    expect: /was not closed/,
  },

  { rule: 'context-in-struct', suite: 'containedctx', include: ['src/a'] },

  { rule: 'context-key-type', suite: 'golint-context', include: ['contextkeytypes.go'] },
  { rule: 'context-key-type', suite: 'revive-other', include: ['golint/context_keys_type.go'] },

  { rule: 'error-wrap', suite: 'errorlint', include: ['src/fmterrorf'], expect: /non-wrapping format verb/ },
  {
    rule: 'error-compare',
    suite: 'errorlint',
    include: ['src/errorcompare', 'src/errorassert', 'src/allowed'],
    expect: /comparing with|switch on an error|type assertion on error|type switch on error/,
  },

  // a/, subtests/ and typeparams/ hold loopclosure's pre-1.22 expectations; the
  // versions/*.txtar archives carry their own go.mod and //go:build versions.
  { rule: 'loop-var-capture', suite: 'loopclosure', include: ['src/a', 'src/subtests', 'src/typeparams'], goVersion: '1.21' },
  { rule: 'loop-var-capture', suite: 'loopclosure', include: ['src/versions'] },

  { rule: 'mutex-copy', suite: 'copylocks', include: ['src'] },

  { rule: 'waitgroup-add-in-goroutine', suite: 'staticcheck-SA2000', include: ['go1.0'] },
  { rule: 'waitgroup-add-in-goroutine', suite: 'waitgroup', include: ['src/a'] },

  { rule: 'ticker-stop', suite: 'staticcheck-SA1015', include: ['go1.0', 'go1.23'] },

  { rule: 'response-body-close', suite: 'bodyclose', include: ['src/a'] },

  // defer_loop_disabled.go runs with the loop check off, so its silence proves nothing.
  {
    rule: 'defer-in-loop',
    suite: 'revive-other',
    include: ['defer.go', 'defer_only_loop_enabled.go'],
    expect: /defer inside loops/,
  },
];

export interface RuleTarget {
  rule: string;
  recall: number;
  precision: number;
  /** When set, more false positives than this fail the target whatever the precision. */
  maxFalsePositives?: number;
}

/** Targets from the issues, in the order the report prints them. */
export const TARGETS: RuleTarget[] = [
  { rule: 'context-first', recall: 0.95, precision: 0.95 },
  { rule: 'lost-cancel', recall: 0.9, precision: 0.9 },
  { rule: 'rows-err', recall: 0.9, precision: 0.9 },
  { rule: 'nil-map-write', recall: 0.8, precision: 1, maxFalsePositives: 0 },
  { rule: 'rows-close', recall: 0.85, precision: 0.9 },
  { rule: 'context-in-struct', recall: 0.9, precision: 0.9 },
  { rule: 'context-key-type', recall: 0.8, precision: 0.9 },
  { rule: 'error-wrap', recall: 0.85, precision: 0.9 },
  { rule: 'error-compare', recall: 0.8, precision: 0.9 },
  { rule: 'loop-var-capture', recall: 0.8, precision: 0.9 },
  { rule: 'mutex-copy', recall: 0.7, precision: 0.9 },
  { rule: 'waitgroup-add-in-goroutine', recall: 0.9, precision: 0.9 },
  { rule: 'ticker-stop', recall: 0.8, precision: 0.9 },
  { rule: 'response-body-close', recall: 0.8, precision: 0.9 },
  { rule: 'defer-in-loop', recall: 0.8, precision: 0.9 },
];
