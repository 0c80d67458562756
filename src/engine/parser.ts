// Loads the tree-sitter runtime and the Go grammar once per process (or worker).
// Where the .wasm files come from is the platform's business: the Node fronts read
// them from grammars/ on disk, the web worker fetches them from the extension.
import { Language, Parser } from 'web-tree-sitter';

export interface GrammarSource {
  /** web-tree-sitter's own runtime (web-tree-sitter.wasm): a path, URL or its bytes. */
  runtimeWasm: string | Uint8Array;
  /** The Go grammar (tree-sitter-go.wasm): a path, URL or its bytes. */
  goWasm: string | Uint8Array;
}

let goLanguage: Promise<Language> | undefined;

/** The Go language, loaded once; later calls share the first load. */
export function loadGoLanguage(source: GrammarSource): Promise<Language> {
  goLanguage ??= (async () => {
    const { runtimeWasm } = source;
    // Bytes in hand need no fetch (a worker whose content policy forbids fetch gets them so).
    // locateFile stays: without it the runtime builds a URL from its script's location,
    // which a worker started from a blob: URL cannot be resolved against.
    await Parser.init(
      typeof runtimeWasm === 'string'
        ? { locateFile: () => runtimeWasm }
        : { wasmBinary: runtimeWasm, locateFile: (name: string) => name },
    );
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
