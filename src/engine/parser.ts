// Loads the tree-sitter runtime and the Go grammar once per process (or worker).
// Where the .wasm files come from is the platform's business: the Node fronts read
// them from grammars/ on disk, the web worker fetches them from the extension.
import { Language, Parser } from 'web-tree-sitter';

export interface GrammarSource {
  /** web-tree-sitter's own runtime (web-tree-sitter.wasm): a path or URL. */
  runtimeWasm: string;
  /** The Go grammar (tree-sitter-go.wasm): a path, URL or its bytes. */
  goWasm: string | Uint8Array;
}

let goLanguage: Promise<Language> | undefined;

/** The Go language, loaded once; later calls share the first load. */
export function loadGoLanguage(source: GrammarSource): Promise<Language> {
  goLanguage ??= (async () => {
    await Parser.init({ locateFile: () => source.runtimeWasm });
    return Language.load(source.goWasm);
  })();
  return goLanguage;
}

export async function createGoParser(source: GrammarSource): Promise<Parser> {
  const language = await loadGoLanguage(source);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
