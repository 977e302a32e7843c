/**
 * The tokens of a template's expressions (numbers, strings, names, operators), and the problem a template
 * that cannot be used raises. See template-parse.ts.
 */
import { PyFloat, type PyValue } from './template-values';

/** A template that cannot be used: `unsupported` names what (`now()`, `for`), or the syntax is wrong. */
export class TemplateProblem extends Error {
  constructor(
    readonly kind: 'unsupported' | 'syntax',
    readonly construct: string,
  ) {
    super(`${kind}: ${construct}`);
  }
}

export type Token = { type: 'number' | 'string' | 'name' | 'op'; text: string; value?: PyValue };

const OPERATORS = ['**', '//', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '~', '|', '.', ',', ':', '(', ')', '[', ']', '{', '}', '='];

export function tokens(source: string): Token[] {
  const list: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const rest = source.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    const number = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (number) {
      const value = Number(number[0]);
      list.push({ type: 'number', text: number[0], value: number[1] !== undefined || number[2] !== undefined ? new PyFloat(value) : value });
      at += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_]\w*/.exec(rest);
    if (name) {
      list.push({ type: 'name', text: name[0] });
      at += name[0].length;
      continue;
    }
    const quote = rest[0];
    if (quote === "'" || quote === '"') {
      let text = '';
      let index = 1;
      for (; index < rest.length && rest[index] !== quote; index++) {
        const char = rest[index] as string;
        if (char === '\\' && index + 1 < rest.length) {
          const next = rest[++index] as string;
          text += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' } as Record<string, string>)[next] ?? `\\${next}`;
        } else text += char;
      }
      if (index >= rest.length) throw new TemplateProblem('syntax', 'unclosed string');
      list.push({ type: 'string', text: rest.slice(0, index + 1), value: text });
      at += index + 1;
      continue;
    }
    const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (!op) throw new TemplateProblem('syntax', rest.slice(0, 10));
    list.push({ type: 'op', text: op });
    at += op.length;
  }
  return list;
}

