// CI use: `go-for-ts check --format sarif` on the sample workspace must be a SARIF
// 2.1.0 log that code-scanning uploads accept. It is validated against the schema
// Microsoft ships in @microsoft/jest-sarif (sarif-2.1.0-rtm.5.json, a JSON Schema
// draft-04 document, hence ajv-draft-04), with formats (uri, date-time) checked too.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { findPackageRoot } from '../../src/engine/grammar-files';
import { outDir } from '../lsp/session';

const root = findPackageRoot();
const requireFromRoot = createRequire(path.join(root, 'package.json'));
const schemaFile = requireFromRoot.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region: SarifRegion;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  message: { text: string };
  locations: { physicalLocation: SarifPhysicalLocation }[];
  relatedLocations?: { id: number; message: { text: string }; physicalLocation: SarifPhysicalLocation }[];
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

function compileSchema() {
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as { $schema: string };
  assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#', 'the schema draft this test compiles for');
  // The schema's language-tag pattern is not a valid `u` regexp; it is fine without the flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

function checkSarif(): { status: number | null; log: SarifLog; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(outDir(), 'cli.js'), 'check', 'test/workspace', '--format', 'sarif'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, log: JSON.parse(run.stdout) as SarifLog, stderr: run.stderr };
}

describe('SARIF output for CI', () => {
  const validate = compileSchema();
  const { status, log, stderr } = checkSarif();
  const run = log.runs[0]!;

  it('is valid SARIF 2.1.0 by the published schema', () => {
    // Exit code 1 = findings (what a CI job sees on the sample workspace), not a crash.
    assert.equal(status, 1, stderr);
    const valid = validate(log);
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    assert.equal(log.version, '2.1.0');
  });

  it('the validator is live: a result without a message is rejected', () => {
    const broken = structuredClone(log);
    delete (broken.runs[0]!.results[0] as Partial<SarifResult>).message;
    assert.equal(validate(broken), false);
  });

  it('every result names its rule by id and index, and points into a file that exists', () => {
    assert.ok(run.results.length > 0, 'the sample workspace has findings');
    const base = fileURLToPath(run.originalUriBaseIds.SRCROOT!.uri);
    for (const result of run.results) {
      assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, result.ruleId);
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      assert.equal(artifactLocation.uriBaseId, 'SRCROOT');
      const file = path.join(base, decodeURIComponent(artifactLocation.uri));
      assert.ok(fs.existsSync(file), file);
      assert.ok(region.startLine >= 1 && region.startColumn >= 1, JSON.stringify(region));
    }
  });

  it("carries the findings' related locations (the returns a tx-rollback finding names)", () => {
    const txRollback = run.results.find((result) => result.ruleId === 'tx-rollback');
    assert.ok(txRollback, 'the sample workspace has a tx-rollback finding');
    const related = txRollback.relatedLocations ?? [];
    assert.ok(related.length >= 1, JSON.stringify(txRollback));
    const base = fileURLToPath(run.originalUriBaseIds.SRCROOT!.uri);
    const file = path.join(base, decodeURIComponent(related[0]!.physicalLocation.artifactLocation.uri));
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    for (const [index, location] of related.entries()) {
      assert.equal(location.id, index);
      assert.match(location.message.text, /\S/);
      const { startLine, startColumn } = location.physicalLocation.region;
      assert.match(lines[startLine - 1]!.slice(startColumn - 1), /^return\b/, `related location ${index} is a return`);
    }
  });
});
