// SARIF 2.1.0 for code-scanning uploads: one run, the rules with their help text,
// one result per finding with a 1-based region and its related locations.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CatalogRule } from './rule-catalog';
import type { Severity } from '../engine/types';
import { locate, type FileReport } from './report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

export function formatSarif(
  reports: readonly FileReport[],
  rules: readonly CatalogRule[],
  tool: { version: string; informationUri: string; docUrl: (ruleId: string) => string },
): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'go-for-ts',
            version: tool.version,
            informationUri: tool.informationUri,
            rules: rules.map((rule) => ({
              id: rule.meta.id,
              name: rule.meta.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.meta.title },
              fullDescription: { text: `${rule.meta.title}. TypeScript analogy: ${rule.meta.tsAnalogy}.` },
              helpUri: tool.docUrl(rule.meta.id),
              help: { text: rule.meta.title, markdown: rule.doc },
              defaultConfiguration: { level: LEVEL[rule.meta.severity], enabled: rule.meta.enabledByDefault },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(process.cwd() + path.sep).href } },
        results: reports.flatMap((report) =>
          report.findings.map((finding) => {
            const { line, column, endLine, endColumn } = locate(report, finding);
            const artifact = artifactLocation(report.file);
            return {
              ruleId: finding.rule,
              ruleIndex: ruleIndex.get(finding.rule) ?? -1,
              level: LEVEL[finding.severity],
              message: { text: finding.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: artifact,
                    region: { startLine: line, startColumn: column, endLine, endColumn },
                  },
                },
              ],
              // Code scanning shows these beside the result (e.g. the return that leaks a cancel).
              ...(finding.related?.length
                ? {
                    relatedLocations: finding.related.map((related, id) => ({
                      id,
                      message: { text: related.message },
                      physicalLocation: { artifactLocation: artifact, region: regionOf(report, related.start, related.end) },
                    })),
                  }
                : {}),
            };
          }),
        ),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** A 1-based SARIF region (columns in UTF-16 units, as columnKind says) of text[start, end). */
function regionOf(report: FileReport, start: number, end: number) {
  const from = report.lines.positionAt(start);
  const to = report.lines.positionAt(end);
  return { startLine: from.line + 1, startColumn: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
}

function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(process.cwd(), path.resolve(file));
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
  }
  return { uri: pathToFileURL(path.resolve(file)).href };
}
