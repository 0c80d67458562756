// The CLI reads each file at the Go version the go tool compiles it at: go.mod's,
// changed by the file's //go:build line (as the language server does), with and
// without the result cache.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { runCli, temporaryDirectory, writeFiles } from './cli/tree';

/** A goroutine capturing the range variables: shared by all iterations before Go 1.22. */
const CAPTURE = `package jobs

import (
	"fmt"
	"sync"
)

func each(names []string) {
	var wg sync.WaitGroup
	for _, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(name)
		}()
	}
	wg.Wait()
}
`;

describe('CLI Go version per file', () => {
  let tree: string;
  let cacheDir: string;
  before(() => {
    tree = temporaryDirectory('go-version');
    cacheDir = temporaryDirectory('go-version-cache');
    writeFiles(tree, {
      'go.mod': 'module example.com/jobs\n\ngo 1.21\n',
      'old.go': CAPTURE,
      // Compiled only by Go 1.22 and later, so at 1.22 language rules.
      'new.go': `//go:build go1.22\n\n${CAPTURE.replace('func each(', 'func eachNew(')}`,
      // A constraint naming no release leaves go.mod's version.
      'linux.go': `//go:build linux\n\n${CAPTURE.replace('func each(', 'func eachLinux(')}`,
    });
  });
  after(() => {
    fs.rmSync(tree, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  for (const cache of [false, true]) {
    it(`applies a //go:build go1.N line to its file only (${cache ? 'cached, twice' : '--no-cache'})`, () => {
      const args = ['check', '.', '--format', 'json', ...(cache ? [] : ['--no-cache'])];
      const runs = cache ? [runCli(args, { cwd: tree, cacheDir }), runCli(args, { cwd: tree, cacheDir })] : [runCli(args, { cwd: tree, cacheDir })];
      for (const run of runs) {
        const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: { file: string; rule: string }[] };
        const files = [...new Set(diagnostics.filter((d) => d.rule === 'loop-var-capture').map((d) => d.file))].sort();
        assert.deepEqual(files, ['linux.go', 'old.go'], run.stderr);
      }
    });
  }
});
