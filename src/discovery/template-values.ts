/**
 * Values as Home Assistant's templates (Jinja2 on Python) see them: None, booleans, integers and floats kept
 * apart (`21.0` prints as `21.0`, `21` as `21`), strings, lists and dicts, and an undefined value (a missing
 * key). JSON is read keeping that difference; values print the Python way (`True`, `None`, `1e-05`).
 * No DOM, no words: problems are data.
 */

/** A float (an integer is a plain number). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** A missing key or name: prints as nothing, fails where a value is needed. */
export class Undefined {
  constructor(readonly name: string) {}
}

export type PyKey = string | number | boolean | null;
export type PyValue = null | boolean | number | PyFloat | string | PyValue[] | PyDict | Undefined;

/** A dict: keys as Python compares them (1 and 1.0 are the same key). */
export class PyDict {
  readonly entries = new Map<PyKey, PyValue>();

  get(key: PyValue): PyValue | undefined {
    const normal = dictKey(key);
    return normal === undefined ? undefined : this.entries.get(normal);
  }

  set(key: PyValue, value: PyValue): void {
    const normal = dictKey(key);
    if (normal !== undefined) this.entries.set(normal, value);
  }
}

function dictKey(key: PyValue): PyKey | undefined {
  if (key instanceof PyFloat) return key.value;
  if (key === null || typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean') return key;
  return undefined;
}

/** A number's value, whatever its kind; null when it is not a number (booleans count, as in Python). */
export function numberOf(value: PyValue): number | null {
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

export function truthy(value: PyValue): boolean {
  if (value === null || value instanceof Undefined) return false;
  if (value instanceof PyFloat) return value.value !== 0;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  return value.entries.size > 0;
}

/** Python's `str()`: how a value prints in a template's output. */
export function pyStr(value: PyValue): string {
  if (value instanceof Undefined) return '';
  return typeof value === 'string' ? value : pyRepr(value);
}

/** Python's `repr()`: strings quoted, as inside a printed list or dict. */
export function pyRepr(value: PyValue): string {
  if (value === null) return 'None';
  if (value instanceof Undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.trunc(value)) : floatRepr(value);
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  return `{${[...value.entries].map(([key, item]) => `${pyRepr(key)}: ${pyRepr(item)}`).join(', ')}}`;
}

function quote(text: string): string {
  const mark = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `${mark}${mark === "'" ? escaped.replace(/'/g, "\\'") : escaped}${mark}`;
}

/** A float as Python's repr: shortest digits, `.0` on whole numbers, exponent below 1e-4 and from 1e16. */
export function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [digitsPart = '', exponentPart = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentPart);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? '-' : '+';
    return `${digitsPart}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** JSON as Python's `json.loads` reads it (integers and floats apart), or undefined when it is not JSON. */
export function readJson(text: string): PyValue | undefined {
  let at = 0;
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at] as string)) at++;
  };
  const fail = (): never => {
    throw new SyntaxError('not JSON');
  };
  const value = (depth: number): PyValue => {
    if (depth > 64) fail();
    space();
    const char = text[at];
    if (char === '{') {
      at++;
      const dict = new PyDict();
      space();
      if (text[at] === '}') return at++, dict;
      for (;;) {
        space();
        if (text[at] !== '"') fail();
        const key = string();
        space();
        if (text[at++] !== ':') fail();
        dict.set(key, value(depth + 1));
        space();
        const next = text[at++];
        if (next === '}') return dict;
        if (next !== ',') fail();
      }
    }
    if (char === '[') {
      at++;
      const list: PyValue[] = [];
      space();
      if (text[at] === ']') return at++, list;
      for (;;) {
        list.push(value(depth + 1));
        space();
        const next = text[at++];
        if (next === ']') return list;
        if (next !== ',') fail();
      }
    }
    if (char === '"') return string();
    for (const [word, result] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return result;
      }
    }
    const number = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!number) return fail();
    at += number[0].length;
    const parsed = Number(number[0]);
    return number[1] !== undefined || number[2] !== undefined ? new PyFloat(parsed) : parsed;
  };
  const string = (): string => {
    const match = /^"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/.exec(text.slice(at));
    if (!match) return fail();
    at += match[0].length;
    return JSON.parse(match[0]) as string;
  };
  try {
    const result = value(0);
    space();
    return at === text.length ? result : undefined;
  } catch {
    return undefined;
  }
}

/** A value as JSON (the `tojson` filter): Python's `json.dumps` spacing (`", "`, `": "`). */
export function toJson(value: PyValue): string {
  if (value === null || value instanceof Undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (value instanceof PyFloat) return Number.isFinite(value.value) ? floatRepr(value.value) : value.value > 0 ? 'Infinity' : Number.isNaN(value.value) ? 'NaN' : '-Infinity';
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(value)) return `[${value.map(toJson).join(', ')}]`;
  return `{${[...value.entries].map(([key, item]) => `${JSON.stringify(String(key))}: ${toJson(item)}`).join(', ')}}`;
}
