/**
 * Runs a parsed Home Assistant template (template-parse.ts) on a payload, as Home Assistant would for the
 * subset devices use: Python's values and printing, Jinja's filters with HA's `is_defined`, the output
 * stripped. Bounded: a template that loops or grows stops at its cap with a problem, never freezes the
 * engine. Nothing here is compiled to code (the CSP forbids `unsafe-eval`, and broker data is hostile).
 */
import { parseTemplate, TemplateProblem, type Expr, type Statement } from './template-parse';
import { PyDict, PyFloat, Undefined, numberOf, pyStr, readJson, truthy, type PyValue } from './template-values';
import { RenderProblem, defined, filter, floatOrInt, isInt, method, test, type RenderProblemKind } from './template-filters';

export { RenderProblem, type RenderProblemKind };

/** Expressions evaluated per render at most. */
export const MAX_STEPS = 10_000;
/** Characters a render may produce (Home Assistant caps at 256 KiB; a device's value is a few). */
export const MAX_OUTPUT = 64 * 1024;

export type CompiledTemplate = { statements: Statement[] } | { problem: { kind: 'unsupported' | 'syntax'; construct: string } };

/** Parses once per config. */
export function compileTemplate(source: string): CompiledTemplate {
  try {
    return { statements: parseTemplate(source) };
  } catch (error) {
    if (error instanceof TemplateProblem) return { problem: { kind: error.kind, construct: error.construct } };
    throw error;
  }
}

/** The variables of a state template: `value` (the payload's text) and `value_json` when it is JSON. */
export function payloadVariables(text: string): Record<string, PyValue> {
  const json = readJson(text);
  return { value: text, value_json: json === undefined ? new Undefined('value_json') : json };
}

export function renderTemplate(template: { statements: Statement[] }, variables: Record<string, PyValue>): { text: string } | { problem: { kind: RenderProblemKind; detail: string } } {
  const run = new Render(variables);
  try {
    run.statements(template.statements);
    return { text: run.output.trim() };
  } catch (error) {
    if (error instanceof RenderProblem) return { problem: { kind: error.kind, detail: error.detail } };
    if (error instanceof RangeError) return { problem: { kind: 'steps', detail: 'too deep' } };
    throw error;
  }
}

class Render {
  output = '';
  private _steps = 0;
  private readonly _scope: Map<string, PyValue>;

  constructor(variables: Record<string, PyValue>) {
    this._scope = new Map(Object.entries(variables));
  }

  statements(list: readonly Statement[]): void {
    for (const statement of list) {
      if (statement.kind === 'text') this._write(statement.text);
      else if (statement.kind === 'output') this._write(pyStr(this.eval(statement.expr)));
      else if (statement.kind === 'set') this._scope.set(statement.name, this.eval(statement.expr));
      else {
        const branch = statement.branches.find((candidate) => truthy(this.eval(candidate.test)));
        this.statements(branch ? branch.body : statement.otherwise);
      }
    }
  }

  private _write(text: string): void {
    this.output += text;
    if (this.output.length > MAX_OUTPUT) throw new RenderProblem('output', String(MAX_OUTPUT));
  }

  eval(expr: Expr): PyValue {
    if (++this._steps > MAX_STEPS) throw new RenderProblem('steps', String(MAX_STEPS));
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'name':
        return this._scope.has(expr.name) ? (this._scope.get(expr.name) as PyValue) : new Undefined(expr.name);
      case 'attribute':
        return member(this.eval(expr.of), expr.name, expr.name);
      case 'item':
        return member(this.eval(expr.of), this.eval(expr.index), '[…]');
      case 'slice':
        return slice(this.eval(expr.of), this._index(expr.start), this._index(expr.stop), this._index(expr.step));
      case 'method':
        return method(this.eval(expr.of), expr.name, expr.args.map((arg) => this.eval(arg)));
      case 'filter':
        return filter(
          this.eval(expr.of),
          expr.name,
          expr.args.map((arg) => this.eval(arg)),
          Object.fromEntries(Object.entries(expr.named).map(([name, arg]) => [name, this.eval(arg)])),
        );
      case 'test':
        return test(this.eval(expr.of), expr.name) !== expr.negated;
      case 'unary': {
        const value = this.eval(expr.of);
        if (expr.op === 'not') return !truthy(value);
        const number = numberOf(defined(value));
        if (number === null) throw new RenderProblem('type', `${expr.op}${pyStr(value)}`);
        return floatOrInt(expr.op === '-' ? -number : number, value instanceof PyFloat);
      }
      case 'binary':
        return this._binary(expr.op, expr.left, expr.right);
      case 'conditional':
        return truthy(this.eval(expr.test)) ? this.eval(expr.then) : expr.otherwise ? this.eval(expr.otherwise) : new Undefined('else');
      case 'list':
        return expr.items.map((item) => this.eval(item));
      case 'dict': {
        const dict = new PyDict();
        for (const [key, value] of expr.pairs) dict.set(this.eval(key), this.eval(value));
        return dict;
      }
    }
  }

  private _index(expr: Expr | null): number | null {
    if (!expr) return null;
    const value = this.eval(expr);
    if (value === null) return null;
    if (!isInt(value)) throw new RenderProblem('type', 'slice index');
    return value;
  }

  private _binary(op: string, leftExpr: Expr, rightExpr: Expr): PyValue {
    const left = this.eval(leftExpr);
    if (op === 'and') return truthy(left) ? this.eval(rightExpr) : left;
    if (op === 'or') return truthy(left) ? left : this.eval(rightExpr);
    const right = this.eval(rightExpr);
    switch (op) {
      case '==':
        return pyEquals(left, right);
      case '!=':
        return !pyEquals(left, right);
      case 'in':
        return contains(right, left);
      case 'not in':
        return !contains(right, left);
      case '~':
        return pyStr(left) + pyStr(right);
      case '<':
      case '>':
      case '<=':
      case '>=':
        return compare(op, defined(left), defined(right));
    }
    return arithmetic(op, defined(left), defined(right));
  }
}

function member(of: PyValue, key: PyValue, said: string): PyValue {
  if (of instanceof Undefined) throw new RenderProblem('undefined', `${of.name}.${said}`);
  if (of instanceof PyDict) {
    const found = of.get(key);
    return found === undefined ? new Undefined(typeof key === 'string' ? key : pyStr(key)) : found;
  }
  if ((Array.isArray(of) || typeof of === 'string') && isInt(key)) {
    const index = key < 0 ? of.length + key : key;
    const item = of[index];
    return item === undefined ? new Undefined(said) : item;
  }
  return new Undefined(typeof key === 'string' ? key : said);
}

function slice(of: PyValue, start: number | null, stop: number | null, step: number | null): PyValue {
  if (!Array.isArray(of) && typeof of !== 'string') throw new RenderProblem('type', 'slice');
  const by = step ?? 1;
  if (by === 0) throw new RenderProblem('type', 'slice step 0');
  const length = of.length;
  const clamp = (index: number, low: number, high: number) => Math.min(Math.max(index < 0 ? index + length : index, low), high);
  const picked: number[] = [];
  if (by > 0) for (let index = clamp(start ?? 0, 0, length); index < clamp(stop ?? length, 0, length); index += by) picked.push(index);
  else for (let index = start === null ? length - 1 : clamp(start, -1, length - 1); index > (stop === null ? -1 : clamp(stop, -1, length - 1)); index += by) picked.push(index);
  return typeof of === 'string' ? picked.map((index) => of[index]).join('') : picked.map((index) => of[index] as PyValue);
}

export function pyEquals(left: PyValue, right: PyValue): boolean {
  const a = numberOf(left);
  const b = numberOf(right);
  if (a !== null && b !== null) return a === b;
  if (Array.isArray(left) && Array.isArray(right)) return left.length === right.length && left.every((item, index) => pyEquals(item, right[index] as PyValue));
  if (left instanceof Undefined || right instanceof Undefined) return false;
  return left === right;
}

function contains(container: PyValue, item: PyValue): boolean {
  if (typeof container === 'string') return typeof item === 'string' && container.includes(item);
  if (Array.isArray(container)) return container.some((each) => pyEquals(each, item));
  if (container instanceof PyDict) return container.get(item) !== undefined;
  throw new RenderProblem('type', 'in');
}

function compare(op: string, left: PyValue, right: PyValue): boolean {
  const a = numberOf(left);
  const b = numberOf(right);
  const both = a !== null && b !== null ? ([a, b] as const) : typeof left === 'string' && typeof right === 'string' ? ([left, right] as const) : null;
  if (!both) throw new RenderProblem('type', `${pyStr(left)} ${op} ${pyStr(right)}`);
  const [x, y] = both;
  return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
}

function arithmetic(op: string, left: PyValue, right: PyValue): PyValue {
  if (op === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
  if (op === '+' && Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
  if (op === '*' && typeof left === 'string' && isInt(right)) {
    if (left.length * right > MAX_OUTPUT) throw new RenderProblem('output', String(MAX_OUTPUT));
    return left.repeat(Math.max(0, right));
  }
  const a = numberOf(left);
  const b = numberOf(right);
  if (a === null || b === null) throw new RenderProblem('type', `${pyStr(left)} ${op} ${pyStr(right)}`);
  const asFloat = left instanceof PyFloat || right instanceof PyFloat;
  if ((op === '/' || op === '//' || op === '%') && b === 0) throw new RenderProblem('type', 'division by zero');
  switch (op) {
    case '+':
      return floatOrInt(a + b, asFloat);
    case '-':
      return floatOrInt(a - b, asFloat);
    case '*':
      return floatOrInt(a * b, asFloat);
    case '/':
      return new PyFloat(a / b);
    case '//':
      return floatOrInt(Math.floor(a / b), asFloat);
    case '%':
      return floatOrInt(a - b * Math.floor(a / b), asFloat);
    default:
      return floatOrInt(a ** b, asFloat || b < 0);
  }
}
