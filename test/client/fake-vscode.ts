// A stand-in for the `vscode` module, so client code that only needs a few of its
// functions can run in a plain Node test. It must be imported before any module that
// requires `vscode` (the bundle keeps `vscode` external, so require() resolves it at
// run time, here). What the tests watch is recorded; everything else is an inert
// object that can be called, constructed, read and extended.
import Module from 'node:module';

export const shownInformation: string[] = [];
export const configuration: Record<string, unknown> = {};

function inert(): unknown {
  const target = function inertValue() {};
  return new Proxy(target, {
    get: (object, property) => {
      if (property === 'prototype') return object.prototype;
      if (property === Symbol.toPrimitive) return () => '';
      if (property === 'then') return undefined; // not a promise
      return inert();
    },
    apply: () => inert(),
    construct: () => inert() as object,
  });
}

const fake = new Proxy(
  {
    window: new Proxy(
      {
        showInformationMessage: (message: string) => {
          shownInformation.push(message);
          return Promise.resolve(undefined);
        },
      },
      { get: (object, property) => (object as Record<string | symbol, unknown>)[property] ?? inert() },
    ),
    workspace: new Proxy(
      { getConfiguration: () => ({ ...configuration }) },
      { get: (object, property) => (object as Record<string | symbol, unknown>)[property] ?? inert() },
    ),
  },
  { get: (object, property) => (object as Record<string | symbol, unknown>)[property] ?? inert() },
);

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Loader };
const originalLoad = loader._load;
loader._load = function load(request, parent, isMain) {
  return request === 'vscode' ? fake : originalLoad.call(this, request, parent, isMain);
};
