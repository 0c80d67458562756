// error-compare: errors compared with == / != (other than against nil), switched on
// by value, type-asserted or type-switched. Once any layer wraps the error with %w,
// the direct comparison is false and the type assertion fails; errors.Is and
// errors.As look through the whole chain.
//
// Left alone, like errorlint: comparisons inside an `Is(error) bool` method (that is
// where direct comparison belongs), sentinels that their functions return unwrapped
// (io.EOF from Read, sql.ErrNoRows from Scan, ...: see engine/allowed-error-comparisons.ts),
// and assertions to interfaces that are not errors (`err.(interface{ Timeout() bool })`).
import type { Node } from 'web-tree-sitter';
import { referencePackage, type PackageReference } from '../engine/add-import';
import { isAllowedErrorComparison } from '../engine/allowed-error-comparisons';
import { errorKind, isBehaviourInterface, looksLikeSentinel } from '../engine/error-values';
import { outermostFunction } from '../engine/name-declarations';
import { defineRule } from '../engine/rule';
import type { SourceFile } from '../engine/source-file';
import { namedChildren } from '../engine/syntax';
import type { Fix, TextEdit } from '../engine/types';
import doc from './error-compare.md';

/** Packages other than the standard one that offer errors.Is under the same name. */
const ERRORS_LOOKALIKES = new Set(['github.com/pkg/errors', 'golang.org/x/xerrors', 'github.com/cockroachdb/errors']);

/** A cheap text filter: comparisons that could involve an error mention one of these. */
const MAY_MENTION_ERROR = /[eE]rr|EOF|Canceled|DeadlineExceeded|\.E[A-Z0-9]/;

function errorsPackage(file: SourceFile): PackageReference | null {
  const taken = file.imports.pathByName.get('errors');
  if (taken && ERRORS_LOOKALIKES.has(taken)) return { name: 'errors' };
  return referencePackage(file, 'errors', 'errors');
}

/** Inside `func (T) Is(target error) bool`: comparing directly is the point there. */
function inIsMethod(node: Node): boolean {
  const fn = outermostFunction(node);
  if (fn?.type !== 'method_declaration' || fn.childForFieldName('name')?.text !== 'Is') return false;
  return namedChildren(fn.childForFieldName('parameters')).length === 1;
}

function isNil(node: Node): boolean {
  return node.type === 'nil' || (node.type === 'identifier' && node.text === 'nil');
}

/** Which side is the error being tested and which the target: a sentinel-looking side is the target. */
function orient(file: SourceFile, left: Node, right: Node, leftIsError: boolean): [Node, Node] {
  if (looksLikeSentinel(file, right)) return [left, right];
  if (looksLikeSentinel(file, left)) return [right, left];
  return leftIsError ? [left, right] : [right, left];
}

function withImport(pkg: PackageReference, edits: TextEdit[]): TextEdit[] {
  return pkg.edit ? [...edits, pkg.edit] : edits;
}

/** switch err { case A, B: ... case nil: } -> switch { case errors.Is(err, A), errors.Is(err, B): ... case err == nil: } */
function switchFix(file: SourceFile, statement: Node, tag: Node, cases: Node[]): Fix[] {
  if (tag.type !== 'identifier' && tag.type !== 'selector_expression') return []; // evaluated once per case otherwise
  const pkg = errorsPackage(file);
  if (!pkg) return [];
  const edits: TextEdit[] = [];
  // Remove the tag, keeping any initializer: `switch e := err; e {` -> `switch e := err; {`.
  const before = file.text.slice(statement.startIndex, tag.startIndex);
  const removeFrom = /switch\s+$/.test(before) ? statement.startIndex + before.trimEnd().length + 1 : tag.startIndex;
  const brace = file.text.indexOf('{', tag.endIndex);
  edits.push({ start: removeFrom, end: brace, newText: '' });
  for (const clause of cases) {
    for (const value of namedChildren(clause.childForFieldName('value'))) {
      const newText = isNil(value) ? `${tag.text} == nil` : `${pkg.name}.Is(${tag.text}, ${value.text})`;
      edits.push({ start: value.startIndex, end: value.endIndex, newText });
    }
  }
  return [{ title: `Use ${pkg.name}.Is in each case`, edits: withImport(pkg, edits), preferred: true }];
}

function label(node: Node): string {
  return node.text.length > 40 ? `${node.text.slice(0, 37)}...` : node.text;
}

export default defineRule({
  meta: {
    id: 'error-compare',
    title: 'Error compared with == or type-asserted instead of errors.Is / errors.As',
    severity: 'warning',
    enabledByDefault: false,
    // Error-ness is guessed from declarations across the file (see error-values.ts).
    scope: 'file',
    tsAnalogy: 'err === NotFoundError where instanceof would walk the cause chain',
  },
  doc,
  defaultOptions: {},
  query: `
    (binary_expression operator: ["==" "!="]) @compare
    (expression_switch_statement value: (_)) @switch
    (type_assertion_expression) @assert
    (type_switch_statement) @typeSwitch
  `,
  create(context) {
    const file = context.file;
    return {
      compare(compare) {
        if (!MAY_MENTION_ERROR.test(compare.text)) return;
        const left = compare.childForFieldName('left');
        const right = compare.childForFieldName('right');
        if (!left || !right || isNil(left) || isNil(right)) return;
        const leftKind = errorKind(file, left);
        const rightKind = errorKind(file, right);
        const leftIsError = leftKind === 'error';
        const rightIsError = rightKind === 'error';
        if (!(leftIsError && rightKind !== 'not-error') && !(rightIsError && leftKind !== 'not-error')) return;
        if (rightKind === 'nil' || leftKind === 'nil') return;
        if (isAllowedErrorComparison(file, left, right) || inIsMethod(compare)) return;
        const [tested, target] = orient(file, left, right, leftIsError);
        const negated = compare.childForFieldName('operator')?.text === '!=';
        const suggestion = `${negated ? '!' : ''}errors.Is(${label(tested)}, ${label(target)})`;
        context.report({
          node: compare,
          message: `${label(compare)} misses wrapped errors: use ${suggestion}.`,
          fixes: () => {
            const pkg = errorsPackage(file);
            if (!pkg) return [];
            const newText = `${negated ? '!' : ''}${pkg.name}.Is(${tested.text}, ${target.text})`;
            const edits = withImport(pkg, [{ start: compare.startIndex, end: compare.endIndex, newText }]);
            return [{ title: `Use ${pkg.name}.Is`, edits, preferred: true }];
          },
        });
      },

      switch(statement) {
        const tag = statement.childForFieldName('value');
        if (!tag || !MAY_MENTION_ERROR.test(statement.text) || errorKind(file, tag) !== 'error') return;
        const cases = namedChildren(statement).filter((child) => child.type === 'expression_case');
        const problem = cases.find((clause) =>
          namedChildren(clause.childForFieldName('value')).some(
            (value) => !isNil(value) && !isAllowedErrorComparison(file, tag, value),
          ),
        );
        if (!problem || inIsMethod(statement)) return;
        context.report({
          node: problem.firstChild ?? problem,
          message: `switch on ${label(tag)} compares with ==, which misses wrapped errors: use a tagless switch with errors.Is(${label(tag)}, ...) in each case.`,
          fixes: () => switchFix(file, statement, tag, cases),
        });
      },

      assert(assertion) {
        const operand = assertion.childForFieldName('operand');
        const type = assertion.childForFieldName('type');
        if (!operand || !type || errorKind(file, operand) !== 'error') return;
        if (isBehaviourInterface(file, type)) return; // asks for a behaviour, not an error type
        if (type.type === 'type_identifier' && type.text === 'error') return;
        if (inIsMethod(assertion)) return;
        context.report({
          node: assertion,
          message: `type assertion ${label(assertion)} misses wrapped errors: declare var target ${type.text} and use errors.As(${label(operand)}, &target).`,
        });
      },

      typeSwitch(statement) {
        const value = statement.childForFieldName('value');
        if (!value || errorKind(file, value) !== 'error' || inIsMethod(statement)) return;
        const types = namedChildren(statement)
          .filter((clause) => clause.type === 'type_case')
          .flatMap((clause) => clause.childrenForFieldName('type').filter((t): t is Node => !!t));
        const errorTypes = types.filter(
          (type) => type.type !== 'nil' && type.text !== 'nil' && !isBehaviourInterface(file, type),
        );
        if (errorTypes.length === 0) return;
        context.report({
          node: value,
          message: `type switch on ${label(value)} misses wrapped errors: use errors.As(${label(value)}, &target) for each type.`,
        });
      },
    };
  },
});
