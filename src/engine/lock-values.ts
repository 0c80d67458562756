// Does this type or expression carry a lock (sync.Mutex & co) by value? Syntax plus
// the package index: variable types come from their declarations in the enclosing
// functions (parameters, `var x T`, `x := T{}`, `x := new(T)`, `x := &T{}`) and the
// file's package-level vars; named types from the package facts (sibling files
// included) or from `type` declarations inside the function.
import type { Node } from 'web-tree-sitter';
import type { Declaration } from './declarations';
import { functionAround } from './function-index';
import { lockTypeName, typeFacts } from './package-facts';
import { packageFactsOf } from './package-index';
import type { SourceFile } from './source-file';
import { namedChildren } from './syntax';

/** A variable's declared type: `pointer` when it holds a *T (type is then T). */
export interface VariableType {
  type: Node;
  pointer: boolean;
}

/** Declared names; null when the declaration does not tell the type (it still shadows outer names). */
type Scope = Map<string, VariableType | null>;

function unwrapPointer(type: Node): VariableType {
  let pointer = false;
  let current = type;
  while (current.type === 'parenthesized_type') current = current.namedChildren[0] ?? current;
  if (current.type === 'pointer_type' && current.namedChildren[0]) {
    pointer = true;
    current = current.namedChildren[0];
  }
  return { type: current, pointer };
}

/** The type an initialiser gives a variable: `T{}`, `&T{}`, `new(T)`, `make([]T, n)`, `*p`. */
function typeOfInitializer(value: Node, scopes: (name: string) => VariableType | undefined): VariableType | undefined {
  let expr = value;
  while (expr.type === 'parenthesized_expression' && expr.namedChildren[0]) expr = expr.namedChildren[0];
  if (expr.type === 'composite_literal') {
    const type = expr.childForFieldName('type');
    return type ? { type, pointer: false } : undefined;
  }
  if (expr.type === 'unary_expression') {
    const operator = expr.childForFieldName('operator')?.text ?? expr.child(0)?.text;
    const operand = expr.childForFieldName('operand');
    if (operator === '&' && operand?.type === 'composite_literal') {
      const type = operand.childForFieldName('type');
      return type ? { type, pointer: true } : undefined;
    }
    if (operator === '*' && operand?.type === 'identifier') {
      const inner = scopes(operand.text);
      return inner?.pointer ? { type: inner.type, pointer: false } : undefined;
    }
    return undefined;
  }
  if (expr.type === 'call_expression') {
    const fn = expr.childForFieldName('function')?.text;
    const first = namedChildren(expr.childForFieldName('arguments'))[0];
    if (first && fn === 'new') return { type: first, pointer: true };
    if (first && fn === 'make') return { type: first, pointer: false };
    return undefined;
  }
  if (expr.type === 'identifier') return scopes(expr.text);
  return undefined;
}

export class LockValues {
  private readonly scopes = new Map<number, Scope>();
  private readonly localTypes = new Map<number, Map<string, Node>>();

  constructor(private readonly file: SourceFile) {}

  /** The declared type of `name` as seen from `at` (innermost function first, then the file). */
  variable(name: string, at: Node): VariableType | undefined {
    for (let fn = enclosing(at); fn; fn = enclosing(fn)) {
      const scope = this.scopeOf(fn);
      if (scope.has(name)) return scope.get(name) ?? undefined;
    }
    return this.scopeOf(this.file.root).get(name) ?? undefined;
  }

  private scopeOf(owner: Node): Scope {
    let scope = this.scopes.get(owner.id);
    if (scope) return scope;
    scope = new Map();
    this.scopes.set(owner.id, scope);
    const add = (name: Node | null | undefined, type: VariableType | undefined) => {
      if (name && name.text !== '_' && !scope!.has(name.text)) scope!.set(name.text, type ?? null);
    };
    const lookup = (name: string) =>
      scope!.has(name) ? (scope!.get(name) ?? undefined) : owner.type === 'source_file' ? undefined : this.variable(name, owner);
    if (owner.type !== 'source_file') {
      for (const field of ['receiver', 'parameters']) {
        for (const declaration of namedChildren(owner.childForFieldName(field))) {
          const type = declaration.childForFieldName('type');
          if (!type || declaration.type === 'variadic_parameter_declaration') continue;
          for (const name of declaration.childrenForFieldName('name')) add(name, unwrapPointer(type));
        }
      }
    }
    const body = owner.type === 'source_file' ? owner : owner.childForFieldName('body');
    if (!body) return scope;
    const declarations =
      owner.type === 'source_file'
        ? this.file.declarations.filter((d) => d.type === 'var_declaration').flatMap((d) => packageVarSpecs(this.file.text, d))
        : body.descendantsOfType(['var_spec', 'short_var_declaration', 'range_clause']);
    for (const declaration of declarations) {
      if (!declaration || (owner.type !== 'source_file' && enclosing(declaration)?.id !== owner.id)) continue;
      if (declaration.type === 'range_clause') {
        // `for k, v := range x`: declared here, types unknown to us (they still shadow).
        if (declaration.text.includes(':=')) namedChildren(declaration.childForFieldName('left')).forEach((name) => add(name, undefined));
        continue;
      }
      if (declaration.type === 'var_spec') {
        const names = declaration.childrenForFieldName('name');
        const type = declaration.childForFieldName('type');
        const values = namedChildren(declaration.childForFieldName('value'));
        names.forEach((name, index) => {
          const value = values.length === names.length ? values[index] : undefined;
          add(name, type ? unwrapPointer(type) : value ? typeOfInitializer(value, lookup) : undefined);
        });
      } else {
        const names = namedChildren(declaration.childForFieldName('left'));
        const values = namedChildren(declaration.childForFieldName('right'));
        names.forEach((name, index) => add(name, values.length === names.length ? typeOfInitializer(values[index]!, lookup) : undefined));
      }
    }
    return scope;
  }

  /** `type X struct{...}` declared inside a function around `at`. */
  private localType(name: string, at: Node): Node | undefined {
    for (let fn = enclosing(at); fn; fn = enclosing(fn)) {
      let types = this.localTypes.get(fn.id);
      if (!types) {
        types = new Map();
        // Without the keyword there is no type declaration to find: skip the walk.
        const specs = /\btype\b/.test(this.file.text.slice(fn.startIndex, fn.endIndex)) ? fn.descendantsOfType('type_spec') : [];
        for (const spec of specs) {
          const typeName = spec?.childForFieldName('name')?.text;
          if (spec && typeName && !types.has(typeName)) types.set(typeName, spec);
        }
        this.localTypes.set(fn.id, types);
      }
      const spec = types.get(name);
      if (spec) return spec;
    }
    return undefined;
  }

  /** Why a value of this type must not be copied ("sync.Mutex", "T contains sync.Mutex"); undefined if it may. */
  typeLock(type: Node | null, at: Node, depth = 0): string[] | undefined {
    if (!type || depth > 8) return undefined;
    switch (type.type) {
      case 'parenthesized_type':
        return this.typeLock(type.namedChildren[0] ?? null, at, depth + 1);
      case 'array_type':
        return this.typeLock(type.childForFieldName('element'), at, depth + 1);
      case 'qualified_type':
      case 'generic_type': {
        const lock = lockTypeName(type, this.file.imports);
        if (lock) return [lock];
        if (type.type === 'generic_type') return this.typeLock(type.childForFieldName('type'), at, depth + 1);
        return undefined;
      }
      case 'type_identifier': {
        const local = this.localType(type.text, at);
        if (local) {
          const facts = typeFacts(local, this.file.imports);
          for (const held of facts?.held ?? []) {
            if (held.isLock) return [type.text, held.type];
            const inner = this.namedLock(held.type, local, depth + 1);
            if (inner) return [type.text, ...inner];
          }
          return undefined;
        }
        return this.namedLock(type.text, at, depth);
      }
      case 'struct_type': {
        for (const field of type.descendantsOfType('field_declaration')) {
          if (!field || field.parent?.parent?.id !== type.id) continue;
          if (field.children.some((child) => child?.type === '*')) continue; // embedded *T
          const inner = this.typeLock(field.childForFieldName('type'), at, depth + 1);
          if (inner) return ['struct', ...inner];
        }
        return undefined;
      }
      default:
        return undefined; // pointers, slices, maps, channels, funcs, interfaces
    }
  }

  private namedLock(name: string, at: Node, depth: number): string[] | undefined {
    const local = this.localType(name, at);
    if (local && depth < 8) return this.typeLock(local.childForFieldName('name'), local, depth + 1);
    const path = packageFactsOf(this.file).lockPath(name);
    return path ? [name, ...path] : undefined;
  }

  /** The element (or map key / value) type of a container type. */
  elementType(type: Node, which: 'key' | 'value'): Node | null {
    let current: Node | null = type;
    while (current?.type === 'parenthesized_type') current = current.namedChildren[0] ?? null;
    if (!current) return null;
    if (current.type === 'map_type') return current.childForFieldName(which === 'key' ? 'key' : 'value');
    if (current.type === 'array_type' || current.type === 'slice_type') {
      return which === 'value' ? current.childForFieldName('element') : null;
    }
    if (current.type === 'channel_type') return which === 'key' ? current.childForFieldName('value') : null;
    return null;
  }

  /** Why evaluating `expr` copies a lock (a variable, `*p`, `x.f`, `m[k]` holding one); fresh values don't. */
  expressionLock(expr: Node): string[] | undefined {
    switch (expr.type) {
      case 'parenthesized_expression':
        return expr.namedChildren[0] ? this.expressionLock(expr.namedChildren[0]) : undefined;
      case 'identifier': {
        const variable = this.variable(expr.text, expr);
        return variable && !variable.pointer ? this.typeLock(variable.type, expr) : undefined;
      }
      case 'unary_expression': {
        const operator = expr.childForFieldName('operator')?.text ?? expr.child(0)?.text;
        const operand = expr.childForFieldName('operand');
        if (operator !== '*' || operand?.type !== 'identifier') return undefined; // `*f()` may be fresh
        const variable = this.variable(operand.text, expr);
        return variable?.pointer ? this.typeLock(variable.type, expr) : undefined;
      }
      case 'selector_expression': {
        const operand = expr.childForFieldName('operand');
        const field = expr.childForFieldName('field')?.text;
        if (operand?.type !== 'identifier' || !field) return undefined;
        const variable = this.variable(operand.text, expr);
        if (!variable) return undefined;
        return this.fieldLock(variable.type, field, expr);
      }
      case 'index_expression': {
        const operand = expr.childForFieldName('operand');
        if (operand?.type !== 'identifier') return undefined;
        const variable = this.variable(operand.text, expr);
        if (!variable || variable.pointer) return undefined;
        return this.typeLock(this.elementType(variable.type, 'value'), expr);
      }
      default:
        return undefined;
    }
  }

  private fieldLock(type: Node, field: string, at: Node): string[] | undefined {
    if (type.type === 'struct_type') {
      for (const declaration of type.descendantsOfType('field_declaration')) {
        if (!declaration || declaration.parent?.parent?.id !== type.id) continue;
        const names = declaration.childrenForFieldName('name').map((n) => n?.text);
        if (names.includes(field)) return this.typeLock(declaration.childForFieldName('type'), at);
      }
      return undefined;
    }
    if (type.type === 'type_identifier') {
      const local = this.localType(type.text, at);
      const body = local?.childForFieldName('type');
      if (body) return this.fieldLock(body, field, local!);
      const path = packageFactsOf(this.file).fieldLockPath(type.text, field);
      return path ? [...path] : undefined;
    }
    return undefined;
  }
}

const VAR_KEYWORD = /\bvar\b/g;

/**
 * The var_spec nodes of a top-level `var` declaration, as descendantsOfType('var_spec')
 * lists them: its own specs (children, or children of its `( ... )` list), read without
 * walking its values (tables can be huge). When its text holds another `var` (a func
 * literal's own declarations are listed too) or it has other children (a syntax
 * error), descendantsOfType it is.
 */
export function packageVarSpecs(text: string, declaration: Declaration): Node[] {
  const everywhere = () => declaration.node.descendantsOfType('var_spec').filter((spec): spec is Node => !!spec);
  VAR_KEYWORD.lastIndex = declaration.start;
  VAR_KEYWORD.exec(text);
  const second = VAR_KEYWORD.exec(text);
  if (second && second.index < declaration.end) return everywhere();
  const specs: Node[] = [];
  for (const child of declaration.node.namedChildren) {
    if (child?.type === 'var_spec') {
      specs.push(child);
    } else if (child?.type === 'var_spec_list') {
      for (const spec of child.namedChildren) {
        if (spec?.type === 'var_spec') specs.push(spec);
        else if (spec?.type !== 'comment') return everywhere();
      }
    } else if (child?.type !== 'comment') {
      return everywhere();
    }
  }
  return specs;
}

function enclosing(node: Node): Node | null {
  return functionAround(node);
}

/** "T contains sync.Mutex" from a lock path. */
export function describeLock(path: readonly string[]): string {
  return path.join(' contains ');
}
