// One engine per test process, loaded from the grammars/ the build copied.
import { Engine } from '../../src/engine/engine';
import { nodeGrammarSource } from '../../src/engine/grammar-files';
import { ALL_RULES } from '../../src/rules';

let engine: Promise<Engine> | undefined;

export function testEngine(): Promise<Engine> {
  engine ??= Engine.create(nodeGrammarSource(), ALL_RULES);
  return engine;
}
