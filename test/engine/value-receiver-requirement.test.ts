// value-receiver-mutation's text requirement (a named value receiver, `r.` and a write,
// read from the method's text) must never change what the rule finds: the rule with it
// and without it agree on its testdata with pieces inserted anywhere.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findPackageRoot } from '../../src/engine/grammar-files';
import type { AnyRule } from '../../src/engine/rule';
import valueReceiverMutation from '../../src/rules/value-receiver-mutation';
import { assertPrefilterKeepsFindings } from '../harness/prefilter-agreement';

/** The rule as it ran before it had a requirement: on every method. */
const everyMethod = { ...valueReceiverMutation, textRequirement: undefined } as AnyRule;

/** Text that turns tokens into other ones, or puts blanks, comments and line breaks between them. */
const PIECES = [' ', '\n', '\t', '/* c */', '// c\n', '*', '(', ')', '{', '}', '.', '=', '+=', '<<=', '++', '--', '==', ':=', '_', 'func ', 'u', 'é', '"', '`'];

describe('value-receiver-mutation text requirement', () => {
  it('never changes the findings (with and without it, on testdata with pieces inserted anywhere)', async () => {
    const dir = path.join(findPackageRoot(), 'test', 'rules', 'value-receiver-mutation');
    const corpus = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.go'))
      .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'));
    await assertPrefilterKeepsFindings(valueReceiverMutation, everyMethod, corpus, PIECES);
  });
});
