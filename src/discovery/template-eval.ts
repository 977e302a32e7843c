/**
 * Runs a parsed Home Assistant template (template-parse.ts) on a payload, as Home Assistant would for the
 * subset devices use: Python's values and printing, Jinja's filters with HA's `is_defined`, the output
 * stripped. Bounded: a template that loops or grows stops at its cap with a problem, never freezes the
 * engine. Nothing here is compiled to code (the CSP forbids `unsafe-eval`, and broker data is hostile).
 */
import { parseTemplate, TemplateProblem, type Expr, type Statement } from './template-parse';
import { PyDict, PyFloat, Undefined, floatRepr, numberOf, pyStr, readJson, toJson, truthy, type PyValue } from './template-values';

/** Expressions evaluated per render at most. */
export const MAX_STEPS = 10_000;
/** Characters a render may produce (Home Assistant caps at 256 KiB; a device's value is a few). */
export const MAX_OUTPUT = 64 * 1024;

export type RenderProblemKind = 'undefined' | 'type' | 'steps' | 'output';

/** Why a render failed: a missing key where a value was needed, a wrong type, or a cap reached. */
export class RenderProblem extends Error {
  constructor(
    readonly kind: RenderProblemKind,
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

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

const isInt = (value: PyValue): value is number => typeof value === 'number';
const floatOrInt = (result: number, asFloat: boolean): PyValue => (asFloat ? new PyFloat(result) : result);

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

/** A value where one is needed: an undefined one fails the render, as in Home Assistant. */
function defined(value: PyValue): PyValue {
  if (value instanceof Undefined) throw new RenderProblem('undefined', value.name);
  return value;
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

function method(of: PyValue, name: string, args: PyValue[]): PyValue {
  if (name === 'get' && of instanceof PyDict) {
    const found = of.get(args[0] ?? null);
    return found === undefined ? (args[1] ?? null) : found;
  }
  if (typeof of !== 'string') throw new RenderProblem(of instanceof Undefined ? 'undefined' : 'type', `${name}()`);
  const text = (index: number) => (typeof args[index] === 'string' ? (args[index] as string) : null);
  switch (name) {
    case 'split': {
      const separator = text(0);
      const parts = separator === null ? of.trim().split(/\s+/).filter(Boolean) : of.split(separator);
      const limit = isInt(args[1] ?? null) ? (args[1] as number) : -1;
      return limit >= 0 && parts.length > limit + 1 ? [...parts.slice(0, limit), parts.slice(limit).join(separator ?? ' ')] : parts;
    }
    case 'lower':
      return of.toLowerCase();
    case 'upper':
      return of.toUpperCase();
    case 'strip':
      return of.trim();
    case 'startswith':
      return of.startsWith(text(0) ?? '\u0000');
    case 'endswith':
      return of.endsWith(text(0) ?? '\u0000');
    default:
      return of.split(text(0) ?? '\u0000').join(text(1) ?? '');
  }
}

function test(value: PyValue, name: string): boolean {
  switch (name) {
    case 'defined':
      return !(value instanceof Undefined);
    case 'undefined':
      return value instanceof Undefined;
    case 'none':
      return value === null;
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return isInt(value);
    case 'float':
      return value instanceof PyFloat;
    default:
      return isInt(value) || value instanceof PyFloat;
  }
}

function filter(value: PyValue, name: string, args: PyValue[], named: Record<string, PyValue>): PyValue {
  const arg = (index: number, key: string, fallback: PyValue): PyValue => named[key] ?? args[index] ?? fallback;
  switch (name) {
    case 'default':
    case 'd':
      return value instanceof Undefined || (truthy(arg(1, 'boolean', false)) && !truthy(value)) ? arg(0, 'default_value', '') : value;
    case 'is_defined':
      return defined(value);
    case 'int':
      return toInt(value) ?? arg(0, 'default', 0);
    case 'float': {
      const number = toNumber(value);
      return number === null ? arg(0, 'default', new PyFloat(0)) : new PyFloat(number);
    }
    case 'round': {
      const number = numberOf(defined(value));
      if (number === null) throw new RenderProblem('type', 'round');
      const precision = numberOf(arg(0, 'precision', 0)) ?? 0;
      const factor = 10 ** precision;
      const method = arg(1, 'method', 'common');
      const scaled = number * factor;
      const rounded = method === 'floor' ? Math.floor(scaled) : method === 'ceil' ? Math.ceil(scaled) : Math.sign(scaled) * Math.round(Math.abs(scaled));
      return new PyFloat(Number.parseFloat(floatRepr(rounded / factor)));
    }
    case 'string':
      return pyStr(value);
    case 'lower':
      return pyStr(value).toLowerCase();
    case 'upper':
      return pyStr(value).toUpperCase();
    case 'trim':
      return pyStr(value).trim();
    case 'replace':
      return pyStr(value).split(pyStr(arg(0, 'old', ''))).join(pyStr(arg(1, 'new', '')));
    case 'join':
      if (!Array.isArray(value)) throw new RenderProblem(value instanceof Undefined ? 'undefined' : 'type', 'join');
      return value.map(pyStr).join(pyStr(arg(0, 'd', '')));
    case 'tojson':
      return toJson(value);
    case 'abs': {
      const number = numberOf(defined(value));
      if (number === null) throw new RenderProblem('type', 'abs');
      return floatOrInt(Math.abs(number), value instanceof PyFloat);
    }
    case 'length':
    case 'count':
      if (typeof value === 'string' || Array.isArray(value)) return value.length;
      if (value instanceof PyDict) return value.entries.size;
      throw new RenderProblem('type', name);
    case 'first':
    case 'last':
      if (typeof value !== 'string' && !Array.isArray(value)) throw new RenderProblem('type', name);
      if (value.length === 0) return new Undefined(name);
      return (name === 'first' ? value[0] : value[value.length - 1]) as PyValue;
    default:
      return truncate(pyStr(value), numberOf(arg(0, 'length', 255)) ?? 255, truthy(arg(1, 'killwords', false)), pyStr(arg(2, 'end', '...')), numberOf(arg(3, 'leeway', 5)) ?? 5);
  }
}

/** Jinja's `truncate` (its default leeway is 5). */
function truncate(text: string, length: number, killwords: boolean, end: string, leeway: number): string {
  if (text.length <= length + leeway) return text;
  if (killwords) return text.slice(0, Math.max(0, length - end.length)) + end;
  const cut = text.slice(0, Math.max(0, length - end.length));
  const space = cut.lastIndexOf(' ');
  return (space === -1 ? cut : cut.slice(0, space)) + end;
}

function toNumber(value: PyValue): number | null {
  const number = numberOf(value);
  if (number !== null) return number;
  if (typeof value !== 'string' || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$|^\s*[-+]?(inf|nan)\s*$/i.test(value)) return null;
  const text = value.trim().toLowerCase();
  return text.endsWith('inf') ? (text.startsWith('-') ? -Infinity : Infinity) : text.endsWith('nan') ? Number.NaN : Number(text);
}

/** Jinja's `int`: an integer, else the float's integer part, else null (the default). */
function toInt(value: PyValue): number | null {
  const number = toNumber(value);
  return number === null || !Number.isFinite(number) ? null : Math.trunc(number);
}
