// mixed-receivers: a type whose methods mix pointer and value receivers. Go's FAQ and
// most style guides ask for one kind per type; mixing them makes the method set of T
// and *T differ (only *T satisfies interfaces needing the pointer methods) and invites
// value-receiver methods that mutate a copy. Noisy by nature (stdlib types mix them on
// purpose), so it is off by default and reports at information level.
import { packageFactsOf } from '../engine/package-index';
import { receiverBase } from '../engine/package-facts';
import { defineRule } from '../engine/rule';
import { namedChildren } from '../engine/syntax';
import doc from './mixed-receivers.md';

/** Methods that conventionally take a value even on pointer types (fmt and encoding hooks). */
const VALUE_CONVENTIONAL = new Set(['String', 'GoString', 'Error', 'MarshalJSON', 'MarshalText', 'MarshalYAML', 'MarshalBinary', 'Format']);

export default defineRule({
  meta: {
    id: 'mixed-receivers',
    title: 'A type mixes pointer and value receivers',
    severity: 'info',
    enabledByDefault: false,
    matchesDeclarations: ['method_declaration'],
    // One finding per type and file, on its first value method: a finding depends on earlier methods.
    scope: 'file',
    tsAnalogy: 'a class where some methods get `this` and others a frozen copy of it',
  },
  doc,
  defaultOptions: {},
  query: `(method_declaration receiver: (parameter_list) @receiver name: (field_identifier) @_name)`,
  create(context) {
    const facts = () => packageFactsOf(context.file);
    // One finding per type and file, on its first value method: the advice is per type.
    const reported = new Set<string>();
    return {
      receiver(receiver) {
        const method = receiver.parent!;
        const name = method.childForFieldName('name')?.text ?? '';
        const base = receiverBase(namedChildren(receiver)[0]?.childForFieldName('type') ?? null);
        if (!base || base.pointer || VALUE_CONVENTIONAL.has(name)) return;
        const pointerMethods = facts()
          .methodsOf(base.name)
          .filter((m) => m.pointerReceiver)
          .map((m) => m.name);
        if (pointerMethods.length === 0 || reported.has(base.name)) return;
        reported.add(base.name);
        const listed = pointerMethods.slice(0, 3).join(', ') + (pointerMethods.length > 3 ? ', …' : '');
        context.report({
          node: receiver,
          message: `${base.name}.${name} has a value receiver while ${listed} use *${base.name}: pick one kind for all of ${base.name}'s methods (usually the pointer).`,
        });
      },
    };
  },
});
