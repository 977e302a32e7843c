/**
 * What a template's values can be asked: Jinja's filters as Home Assistant has them (with its `is_defined`),
 * the string and dict methods devices use, the tests after `is`, and the problems a render stops at.
 */
import { PyDict, PyFloat, Undefined, numberOf, pyStr, toJson, truthy, type PyValue } from './template-values';

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

export const isInt = (value: PyValue): value is number => typeof value === 'number';
export const floatOrInt = (result: number, asFloat: boolean): PyValue => (asFloat ? new PyFloat(result) : result);

/** A value where one is needed: an undefined one fails the render, as in Home Assistant. */
export function defined(value: PyValue): PyValue {
  if (value instanceof Undefined) throw new RenderProblem('undefined', value.name);
  return value;
}

export function method(of: PyValue, name: string, args: PyValue[]): PyValue {
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

export function test(value: PyValue, name: string): boolean {
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

export function filter(value: PyValue, name: string, args: PyValue[], named: Record<string, PyValue>): PyValue {
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
      return new PyFloat(rounded / factor);
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
