// An esbuild plugin that gives web-tree-sitter's Emscripten glue fast paths for the
// calls every node access makes. Each Node method marshals the node through the
// transfer buffer with Module.setValue/getValue(ptr, value, "i32"), which first ask
// type.endsWith("*") and then switch on the type name; and each chunk the parser reads
// is copied into WASM memory one UTF-16 unit at a time through a DataView. On the Go
// standard library these were 4% of the CLI workers' CPU (profiles of `check
// --no-cache`), and descendantsOfType, which matches the type names asked for
// against every symbol of the language on each call, another 2%. The fast paths do
// the same work:
//   - i32 first: the same little-endian DataView access the "i32" case makes;
//   - descendantsOfType's symbol list is remembered per language and list of names;
//   - in Node bundles only (Buffer is Node's), the chunk is written by Buffer#write
//     as UTF-16LE, which copies code units as they are, lone surrogates included,
//     the same count the loop copies (the buffer's size less the terminator's two bytes).
// Each patch must match the library's text exactly once: when an upgrade changes it,
// the build fails and names the patch, to be checked against the new code or dropped.

/** A patch that adds `line` after `anchor`. */
function insertAfter(name, anchor, line) {
  return { name, find: anchor, replace: `${anchor}${line}` };
}

const I32_GET = insertAfter(
  'getValue i32 first',
  'function getValue(ptr, type = "i8") {\n',
  '    if (type === "i32") return HEAP_DATA_VIEW.getInt32((ptr >> 2) * 4, true);\n',
);

const I32_SET = insertAfter(
  'setValue i32 first',
  'function setValue(ptr, value, type = "i8") {\n',
  '    if (type === "i32") return void HEAP_DATA_VIEW.setInt32((ptr >> 2) * 4, value, true);\n',
);

const DESCENDANT_SYMBOLS_MEMO = {
  name: 'descendantsOfType symbols remembered per language and type list',
  find:
    '    const symbols = [];\n' +
    '    const typesBySymbol = this.tree.language.types;\n' +
    '    for (let i2 = 0, n = typesBySymbol.length; i2 < n; i2++) {\n' +
    '      if (types.includes(typesBySymbol[i2])) {\n' +
    '        symbols.push(i2);\n' +
    '      }\n' +
    '    }\n' +
    '    if (types.includes("ERROR")) {\n' +
    '      symbols.push(65535);\n' +
    '    }\n',
  replace:
    '    const symbolsByTypes = this.tree.language.goForTsSymbolsByTypes ??= new Map();\n' +
    '    const typesKey = types.join("\\0");\n' +
    '    let symbols = symbolsByTypes.get(typesKey);\n' +
    '    if (symbols === undefined) {\n' +
    '      symbols = [];\n' +
    '      const typesBySymbol = this.tree.language.types;\n' +
    '      for (let i2 = 0, n = typesBySymbol.length; i2 < n; i2++) {\n' +
    '        if (types.includes(typesBySymbol[i2])) symbols.push(i2);\n' +
    '      }\n' +
    '      if (types.includes("ERROR")) symbols.push(65535);\n' +
    '      symbolsByTypes.set(typesKey, symbols);\n' +
    '    }\n',
};

// A Node keeps the WASM side's extra word under the key 0, set by a class field with
// a computed key and then again in the constructor: each of the ~1.5 million nodes a
// check of the standard library makes gets an elements store for it, some 100 ns. A
// named field holds it in the object itself.
const NODE_HANDLE_FIELD = {
  name: 'Node keeps its extra word in a named field (declaration)',
  find: '  // @ts-expect-error: never read\n  [0] = 0;\n  // Internal handle for Wasm\n  /** @internal */\n  _children;',
  replace: '  // @ts-expect-error: never read\n  wasmOther = 0;\n  // Internal handle for Wasm\n  /** @internal */\n  _children;',
};
const NODE_HANDLE_SET = {
  name: 'Node keeps its extra word in a named field (constructor)',
  find: '    this[0] = other;\n',
  replace: '    this.wasmOther = other;\n',
};
const NODE_HANDLE_MARSHAL = {
  name: 'Node keeps its extra word in a named field (marshalNode)',
  find: 'C.setValue(address, node[0], "i32");',
  replace: 'C.setValue(address, node.wasmOther, "i32");',
};

const CHUNK_BY_BUFFER = {
  name: 'parse chunk copied by Buffer#write',
  find: 'stringToUTF16(string, inputBufferAddress, INPUT_BUFFER_SIZE);',
  replace:
    '{ const units = Math.min(string.length, INPUT_BUFFER_SIZE / 2 - 1);' +
    ' const chunk = Buffer.from(HEAP8.buffer, inputBufferAddress, units * 2 + 2);' +
    ' chunk.write(string.length > units ? string.slice(0, units) : string, 0, "utf16le");' +
    ' chunk[units * 2] = 0; chunk[units * 2 + 1] = 0; }',
};

const LIBRARY_FILE = /[\\/]web-tree-sitter[\\/]web-tree-sitter\.c?js$/;

/** Applies each patch once, or throws naming the one that no longer fits. */
export function applyPatches(source, patches, file) {
  let patched = source;
  for (const patch of patches) {
    const first = patched.indexOf(patch.find);
    if (first < 0 || patched.indexOf(patch.find, first + 1) >= 0) {
      throw new Error(`web-tree-sitter-fast-paths: "${patch.name}" does not match ${file} exactly once; review the patch against the new library`);
    }
    patched = patched.slice(0, first) + patch.replace + patched.slice(first + patch.find.length);
  }
  return patched;
}

/** @param {{ node: boolean }} options node: the bundle runs in Node (Buffer is there). */
export function webTreeSitterFastPaths({ node }) {
  const common = [I32_GET, I32_SET, DESCENDANT_SYMBOLS_MEMO, NODE_HANDLE_FIELD, NODE_HANDLE_SET, NODE_HANDLE_MARSHAL];
  const patches = node ? [...common, CHUNK_BY_BUFFER] : common;
  return {
    name: 'web-tree-sitter-fast-paths',
    setup(build) {
      build.onLoad({ filter: LIBRARY_FILE }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        return { contents: applyPatches(await readFile(args.path, 'utf8'), patches, args.path), loader: 'js' };
      });
    },
  };
}
