// The declarative matcher kinds a card's front matter can use. Each is decided from
// the syntax tree: token and node types, package references resolved through the
// file's imports, receiver types read from declarations. Documented for card authors
// in src/cards/catalog/README.md.
import type { Node } from 'web-tree-sitter';
import type { MatcherSpec } from './card';
import { CUSTOM_MATCHERS } from './custom-matchers';
import { typeOfExpression, typeOfTypeNode } from './local-types';
import type { HoverSite, Matcher, MatchResult } from './matcher';

/** Splits `a b in c d` into the subject args and the allowed parent types. */
function withParents(args: readonly string[]): { names: string[]; parents: Set<string> | null } {
  const at = args.indexOf('in');
  if (at < 0) return { names: [...args], parents: null };
  return { names: args.slice(0, at), parents: new Set(args.slice(at + 1)) };
}

/** `keyword: go in go_statement` (anonymous tokens) and `node: iota` (named nodes). */
function tokenMatcher(args: readonly string[], named: boolean): Matcher {
  const { names, parents } = withParents(args);
  return {
    anchors: names,
    test(_site, node) {
      if (node.isNamed !== named) return null;
      if (parents && !parents.has(node.parent?.type ?? '')) return null;
      return { subject: node };
    },
  };
}

/** Splits at the last dot: "golang.org/x/sync/errgroup.Group" -> [path, "Group"]. */
function splitLastDot(text: string, spec: string): [string, string] {
  const dot = text.lastIndexOf('.');
  if (dot <= 0 || dot === text.length - 1) throw new Error(`cannot read "${spec}" as path.Name`);
  return [text.slice(0, dot), text.slice(dot + 1)];
}

/** The package identifier and member name of `pkg.Name` (value or type) around a leaf. */
function qualifiedParts(node: Node): { pkg: Node; name: string; whole: Node } | null {
  const parent = node.parent;
  if (!parent) return null;
  if (parent.type === 'selector_expression') {
    const operand = parent.childForFieldName('operand');
    const field = parent.childForFieldName('field');
    if (operand?.type !== 'identifier' || !field) return null;
    if (!node.equals(operand) && !node.equals(field)) return null;
    return { pkg: operand, name: field.text, whole: parent };
  }
  if (parent.type === 'qualified_type') {
    const pkg = parent.childForFieldName('package');
    const name = parent.childForFieldName('name');
    return pkg && name ? { pkg, name: name.text, whole: parent } : null;
  }
  return null;
}

/** Member names of one package: exact names, and prefixes written `Status*` (`*` alone: all). */
class NameSet {
  private readonly exact = new Set<string>();
  private readonly prefixes: string[] = [];

  add(pattern: string): void {
    if (pattern.endsWith('*')) this.prefixes.push(pattern.slice(0, -1));
    else this.exact.add(pattern);
  }

  has(name: string): boolean {
    return this.exact.has(name) || this.prefixes.some((prefix) => name.startsWith(prefix));
  }
}

/** `ref: context.WithTimeout net/http.Status* encoding/json.*`: a package member, on the package or the name. */
function refMatcher(args: readonly string[]): Matcher {
  const byPath = new Map<string, NameSet>();
  for (const arg of args) {
    const [path, name] = splitLastDot(arg, arg);
    const names = byPath.get(path) ?? new NameSet();
    names.add(name);
    byPath.set(path, names);
  }
  return {
    anchors: ['identifier', 'field_identifier', 'package_identifier', 'type_identifier'],
    test({ file }, node) {
      const parts = qualifiedParts(node);
      if (!parts) return null;
      const importPath = file.imports.pathByName.get(parts.pkg.text);
      const names = importPath === undefined ? undefined : byPath.get(importPath);
      if (!names?.has(parts.name)) return null;
      if (!file.refersTo(parts.pkg, importPath!)) return null;
      return {
        subject: parts.whole,
        reason: { kind: 'package', localName: parts.pkg.text, importPath: importPath! },
      };
    },
  };
}

/** The `x.Name` selector whose field is this leaf, with its receiver. */
function methodSelector(node: Node): { receiver: Node; name: string; selector: Node } | null {
  const parent = node.parent;
  if (parent?.type !== 'selector_expression') return null;
  const field = parent.childForFieldName('field');
  const receiver = parent.childForFieldName('operand');
  if (!field || !receiver || !node.equals(field)) return null;
  return { receiver, name: field.text, selector: parent };
}

/** `method: sync.WaitGroup.Add`: a method or field whose receiver's type syntax shows. */
function methodMatcher(args: readonly string[]): Matcher {
  const typesByMethod = new Map<string, Set<string>>();
  for (const arg of args) {
    const [type, method] = splitLastDot(arg, arg);
    splitLastDot(type, arg); // the type must itself be path.Name
    const types = typesByMethod.get(method) ?? new Set<string>();
    types.add(type);
    typesByMethod.set(method, types);
  }
  return {
    anchors: ['field_identifier'],
    test({ file }, node) {
      const selector = methodSelector(node);
      const types = selector && typesByMethod.get(selector.name);
      if (!selector || !types) return null;
      if (selector.receiver.type === 'identifier' && file.imports.pathByName.has(selector.receiver.text)) return null;
      const type = typeOfExpression(file, selector.receiver);
      if (!type || !types.has(type)) return null;
      return {
        subject: selector.selector,
        reason: { kind: 'receiver', receiver: selector.receiver.text, type },
      };
    },
  };
}

/** `method-name: database/sql QueryContext`: a distinctive method name, in files importing the path. */
function methodNameMatcher(args: readonly string[]): Matcher {
  const [importPath, ...names] = args;
  if (!importPath || names.length === 0) throw new Error('method-name needs an import path and names');
  const wanted = new Set(names);
  return {
    anchors: ['field_identifier'],
    test({ file }, node) {
      const selector = methodSelector(node);
      if (!selector || !wanted.has(selector.name) || !file.importsPath(importPath)) return null;
      if (selector.receiver.type === 'identifier' && file.imports.pathByName.has(selector.receiver.text)) return null;
      return { subject: selector.selector };
    },
  };
}

const BUILTIN_ARGUMENT_KINDS = new Set(['chan', 'map', 'slice']);

/** `builtin: close` or `builtin: make map` (the first argument's kind). */
function builtinMatcher(args: readonly string[]): Matcher {
  const [name, argumentKind] = args;
  if (!name) throw new Error('builtin needs a name');
  if (argumentKind && !BUILTIN_ARGUMENT_KINDS.has(argumentKind)) {
    throw new Error(`builtin argument kind must be one of ${[...BUILTIN_ARGUMENT_KINDS].join(', ')}`);
  }
  return {
    anchors: ['identifier'],
    test({ file }, node) {
      const call = node.parent;
      if (node.text !== name || call?.type !== 'call_expression') return null;
      if (!call.childForFieldName('function')?.equals(node)) return null;
      if (argumentKind) {
        const first = call.childForFieldName('arguments')?.namedChildren[0] ?? null;
        if (typeOfTypeNode(file, first) !== argumentKind) return null;
      }
      return { subject: call };
    },
  };
}

export function compileMatcher(spec: MatcherSpec): Matcher {
  switch (spec.kind) {
    case 'keyword':
      return tokenMatcher(spec.args, false);
    case 'node':
      return tokenMatcher(spec.args, true);
    case 'ref':
      return refMatcher(spec.args);
    case 'method':
      return methodMatcher(spec.args);
    case 'method-name':
      return methodNameMatcher(spec.args);
    case 'builtin':
      return builtinMatcher(spec.args);
    case 'custom': {
      const matcher = CUSTOM_MATCHERS.get(spec.args[0] ?? '');
      if (!matcher) throw new Error(`unknown custom matcher "${spec.args[0] ?? ''}"`);
      return matcher;
    }
    default:
      throw new Error(`unknown matcher kind "${spec.kind}"`);
  }
}

export type { HoverSite, Matcher, MatchResult };
