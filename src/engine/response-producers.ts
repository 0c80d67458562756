// Calls that hand back a fresh *http.Response whose Body the caller must close:
// http.Get/Head/Post/PostForm, Do/Get/Head/Post/PostForm on an http.Client (known by
// http.DefaultClient, a declaration or struct field of type *http.Client, a value from
// `.Client()`, or a name ending in "client"), RoundTrip, and functions or methods of this file whose
// results include *http.Response. Syntax only: a method is matched by name.
import type { Node } from 'web-tree-sitter';
import { findDeclaration } from './name-declarations';
import type { SourceFile } from './source-file';
import { callParts, isQualifiedType, namedChildren } from './syntax';

export interface ResponseProducer {
  /** Position of the *http.Response among the call's results. */
  resultIndex: number;
  /** How to name the call in messages: "http.Get", "client.Do", "fetch". */
  label: string;
}

const PACKAGE_FUNCTIONS = new Set(['Get', 'Head', 'Post', 'PostForm']);
/** http.Client's methods and how many arguments each takes (a cheap check against look-alikes). */
const CLIENT_METHODS = new Map([
  ['Do', 1],
  ['Get', 1],
  ['Head', 1],
  ['Post', 3],
  ['PostForm', 2],
]);

function isResponsePointer(file: SourceFile, type: Node | null): boolean {
  return type?.type === 'pointer_type' && isQualifiedType(file, namedChildren(type)[0] ?? null, 'net/http', 'Response');
}

function isClientType(file: SourceFile, type: Node | null): boolean {
  if (!type) return false;
  const named = type.type === 'pointer_type' ? (namedChildren(type)[0] ?? null) : type;
  return isQualifiedType(file, named, 'net/http', 'Client');
}

/** A `//bodyclose:handled` comment above a declaration: its author vouches for the caller. */
function markedHandled(declaration: Node): boolean {
  const previous = declaration.previousNamedSibling;
  return previous?.type === 'comment' && /bodyclose:handled/.test(previous.text) && previous.endPosition.row + 1 >= declaration.startPosition.row;
}

interface LocalProducers {
  functions: Map<string, number>;
  methods: Map<string, number>;
}

/** Functions and methods declared in this file that return a *http.Response (and at which position). */
function localProducers(file: SourceFile): LocalProducers {
  return file.cached('response-producers:local', () => {
    const found: LocalProducers = { functions: new Map(), methods: new Map() };
    const { text } = file;
    for (const { node: declaration, type, start, end } of file.declarations) {
      if (type !== 'function_declaration' && type !== 'method_declaration') continue;
      // The result list is part of the declaration's text: without the word, no need to look.
      const mention = text.indexOf('Response', start);
      if (mention < 0 || mention >= end) continue;
      const name = declaration.childForFieldName('name')?.text;
      const result = declaration.childForFieldName('result');
      if (!name || !result || !result.text.includes('Response') || markedHandled(declaration)) continue;
      const types: Node[] = [];
      if (result.type === 'parameter_list') {
        for (const parameter of namedChildren(result)) {
          const type = parameter.childForFieldName('type');
          const count = Math.max(1, parameter.childrenForFieldName('name').length);
          for (let i = 0; i < count; i++) if (type) types.push(type);
        }
      } else {
        types.push(result);
      }
      const index = types.findIndex((type) => isResponsePointer(file, type));
      if (index < 0) continue;
      (type === 'function_declaration' ? found.functions : found.methods).set(name, index);
    }
    return found;
  });
}

/** Struct fields of this file declared as http.Client or *http.Client, by name. */
function clientFields(file: SourceFile): Set<string> {
  return file.cached('response-producers:client-fields', () => {
    const names = new Set<string>();
    const { text } = file;
    // Only declarations whose text says Client can hold such a field: the others are not walked.
    const fields = file.declarations
      .filter(({ start, end }) => {
        const mention = text.indexOf('Client', start);
        return mention >= 0 && mention < end;
      })
      .flatMap(({ node }) => node.descendantsOfType('field_declaration'));
    for (const field of fields) {
      if (!field || !field.text.includes('Client') || !isClientType(file, field.childForFieldName('type'))) continue;
      for (const name of field.childrenForFieldName('name')) if (name) names.add(name.text);
      if (field.childrenForFieldName('name').length === 0) names.add('Client'); // embedded
    }
    return names;
  });
}

/** Whether `receiver` (the x in x.Do(req)) is an *http.Client. */
function looksLikeClient(file: SourceFile, receiver: Node): boolean {
  // Past the names, every answer rests on a `Client` the file spells (a type, a field, a call).
  const spellsClient = file.cached('response-producers:spells-client', () => file.text.includes('Client'));
  if (receiver.type === 'selector_expression') {
    const operand = receiver.childForFieldName('operand');
    const field = receiver.childForFieldName('field')?.text ?? '';
    if (field === 'DefaultClient' && file.refersTo(operand, 'net/http')) return true;
    return /client$/i.test(field) || (spellsClient && clientFields(file).has(field));
  }
  if (receiver.type === 'call_expression') return callParts(receiver)?.name === 'Client';
  if (receiver.type !== 'identifier') return false;
  if (/client$/i.test(receiver.text)) return true;
  if (!spellsClient) return false;
  const declaration = findDeclaration(file, receiver);
  if (!declaration) return false;
  if (isClientType(file, declaration.type)) return true;
  let value = declaration.value;
  if (value?.type === 'unary_expression') value = value.childForFieldName('operand');
  if (value?.type === 'composite_literal') return isClientType(file, value.childForFieldName('type'));
  return value?.type === 'call_expression' && callParts(value)?.name === 'Client';
}

/** What `call` is as a source of responses, or null when it isn't one. */
export function responseProducer(file: SourceFile, call: Node): ResponseProducer | null {
  const parts = callParts(call);
  if (!parts) return null;
  const local = localProducers(file);
  if (!parts.receiver) {
    const index = local.functions.get(parts.name);
    return index === undefined ? null : { resultIndex: index, label: parts.name };
  }
  const label = `${parts.receiver.text.length > 30 ? '...' : parts.receiver.text}.${parts.name}`;
  if (file.imports.pathByName.has(parts.receiver.text)) {
    return PACKAGE_FUNCTIONS.has(parts.name) && file.refersTo(parts.receiver, 'net/http') ? { resultIndex: 0, label } : null;
  }
  if (CLIENT_METHODS.get(parts.name) === parts.args.length && looksLikeClient(file, parts.receiver)) {
    return { resultIndex: 0, label };
  }
  if (parts.name === 'RoundTrip') return { resultIndex: 0, label };
  const index = local.methods.get(parts.name);
  return index === undefined ? null : { resultIndex: index, label };
}

/** The fields and methods of http.Response: a variable used with anything else holds something else. */
export const RESPONSE_MEMBERS = new Set([
  'Status', 'StatusCode', 'Proto', 'ProtoMajor', 'ProtoMinor', 'Header', 'Body', 'ContentLength',
  'TransferEncoding', 'Close', 'Uncompressed', 'Trailer', 'Request', 'TLS',
  'Cookies', 'Location', 'ProtoAtLeast', 'Write',
]);

/** Names of this file's functions and methods that return a *http.Response. */
export function localProducerNames(file: SourceFile): ReadonlySet<string> {
  const local = localProducers(file);
  return new Set([...local.functions.keys(), ...local.methods.keys()]);
}
