/**
 * Home Assistant templates, the subset devices publish (see ../shared notes): `{{ expr }}`, `{% if %}` /
 * `elif` / `else` / `endif`, `{% set %}`, comments, whitespace control (`{{-`, `-%}`). Parsed once per config
 * into a tree the interpreter walks; nothing is ever turned into code. What is outside the subset (`now()`,
 * `{% for %}`, an unknown filter) is refused with the construct named, never guessed.
 */
import type { PyValue } from './template-values';
import { TemplateProblem, tokens, type Token } from './template-tokens';

export { TemplateProblem };

export type Expr =
  | { kind: 'literal'; value: PyValue }
  | { kind: 'name'; name: string }
  | { kind: 'attribute'; of: Expr; name: string }
  | { kind: 'item'; of: Expr; index: Expr }
  | { kind: 'slice'; of: Expr; start: Expr | null; stop: Expr | null; step: Expr | null }
  | { kind: 'method'; of: Expr; name: string; args: Expr[] }
  | { kind: 'filter'; of: Expr; name: string; args: Expr[]; named: Record<string, Expr> }
  | { kind: 'test'; of: Expr; name: string; negated: boolean }
  | { kind: 'unary'; op: 'not' | '-' | '+'; of: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'conditional'; test: Expr; then: Expr; otherwise: Expr | null }
  | { kind: 'list'; items: Expr[] }
  | { kind: 'dict'; pairs: Array<[Expr, Expr]> };

export type Statement =
  | { kind: 'text'; text: string }
  | { kind: 'output'; expr: Expr }
  | { kind: 'if'; branches: Array<{ test: Expr; body: Statement[] }>; otherwise: Statement[] }
  | { kind: 'set'; name: string; expr: Expr };

export const FILTERS = ['default', 'd', 'int', 'float', 'round', 'string', 'lower', 'upper', 'join', 'tojson', 'truncate', 'is_defined', 'abs', 'length', 'count', 'trim', 'replace', 'first', 'last'] as const;
export const METHODS = ['split', 'get', 'lower', 'upper', 'strip', 'startswith', 'endswith', 'replace'] as const;
export const TESTS = ['defined', 'undefined', 'none', 'number', 'string', 'integer', 'float', 'boolean'] as const;
/** Nesting deeper than this is refused (brackets, filters, if blocks). */
export const MAX_DEPTH = 32;
/** Longest template read, in characters. */
export const MAX_TEMPLATE_CHARS = 8192;

/** Parses one expression (inside `{{ }}` or a statement). */
class ExpressionParser {
  private _at = 0;
  private _depth = 0;

  constructor(private readonly _tokens: Token[]) {}

  parseAll(): Expr {
    const expr = this.expression();
    if (this._at < this._tokens.length) throw new TemplateProblem('syntax', this._tokens[this._at]?.text ?? '');
    return expr;
  }

  private _peek(offset = 0): Token | undefined {
    return this._tokens[this._at + offset];
  }

  private _is(text: string, offset = 0): boolean {
    const token = this._peek(offset);
    return token !== undefined && token.type !== 'string' && token.text === text;
  }

  private _take(text: string): boolean {
    if (!this._is(text)) return false;
    this._at++;
    return true;
  }

  private _expect(text: string): void {
    if (!this._take(text)) throw new TemplateProblem('syntax', `expected ${text}`);
  }

  private _deeper<T>(parse: () => T): T {
    if (++this._depth > MAX_DEPTH) throw new TemplateProblem('unsupported', 'nesting too deep');
    try {
      return parse();
    } finally {
      this._depth--;
    }
  }

  expression(): Expr {
    return this._deeper(() => {
      const value = this._or();
      if (!this._take('if')) return value;
      const test = this._or();
      const otherwise = this._take('else') ? this.expression() : null;
      return { kind: 'conditional', test, then: value, otherwise };
    });
  }

  private _or(): Expr {
    let left = this._and();
    while (this._take('or')) left = { kind: 'binary', op: 'or', left, right: this._and() };
    return left;
  }

  private _and(): Expr {
    let left = this._not();
    while (this._take('and')) left = { kind: 'binary', op: 'and', left, right: this._not() };
    return left;
  }

  private _not(): Expr {
    if (this._take('not')) return this._deeper(() => ({ kind: 'unary', op: 'not', of: this._not() }));
    return this._compare();
  }

  private _compare(): Expr {
    let left = this._concat();
    for (;;) {
      const op = ['==', '!=', '<=', '>=', '<', '>', 'in'].find((candidate) => this._is(candidate));
      if (op) {
        this._at++;
        left = { kind: 'binary', op, left, right: this._concat() };
      } else if (this._is('not') && this._is('in', 1)) {
        this._at += 2;
        left = { kind: 'binary', op: 'not in', left, right: this._concat() };
      } else if (this._take('is')) {
        const negated = this._take('not');
        const name = this._peek();
        if (name?.type !== 'name') throw new TemplateProblem('syntax', 'is');
        this._at++;
        if (!(TESTS as readonly string[]).includes(name.text)) throw new TemplateProblem('unsupported', `is ${name.text}`);
        left = { kind: 'test', of: left, name: name.text, negated };
      } else return left;
    }
  }

  private _concat(): Expr {
    let left = this._sum();
    while (this._take('~')) left = { kind: 'binary', op: '~', left, right: this._sum() };
    return left;
  }

  private _sum(): Expr {
    let left = this._product();
    for (;;) {
      const op = ['+', '-'].find((candidate) => this._is(candidate));
      if (!op) return left;
      this._at++;
      left = { kind: 'binary', op, left, right: this._product() };
    }
  }

  private _product(): Expr {
    let left = this._unary();
    for (;;) {
      const op = ['**', '//', '*', '/', '%'].find((candidate) => this._is(candidate));
      if (!op) return left;
      this._at++;
      left = { kind: 'binary', op, left, right: this._unary() };
    }
  }

  private _unary(): Expr {
    const op = ['-', '+'].find((candidate) => this._is(candidate)) as '-' | '+' | undefined;
    if (op) {
      this._at++;
      return this._deeper(() => ({ kind: 'unary', op, of: this._unary() }));
    }
    return this._postfix(this._primary());
  }

  private _postfix(start: Expr): Expr {
    let expr = start;
    for (;;) {
      if (this._take('.')) {
        const name = this._peek();
        if (name?.type !== 'name') throw new TemplateProblem('syntax', '.');
        this._at++;
        if (this._is('(')) {
          if (!(METHODS as readonly string[]).includes(name.text)) throw new TemplateProblem('unsupported', `${name.text}()`);
          expr = { kind: 'method', of: expr, name: name.text, args: this._arguments().args };
        } else expr = { kind: 'attribute', of: expr, name: name.text };
      } else if (this._take('[')) {
        expr = this._deeper(() => this._subscript(expr));
      } else if (this._take('|')) {
        const name = this._peek();
        if (name?.type !== 'name') throw new TemplateProblem('syntax', '|');
        this._at++;
        if (!(FILTERS as readonly string[]).includes(name.text)) throw new TemplateProblem('unsupported', `| ${name.text}`);
        const { args, named } = this._is('(') ? this._arguments() : { args: [], named: {} };
        expr = { kind: 'filter', of: expr, name: name.text, args, named };
      } else if (this._is('(')) {
        throw new TemplateProblem('unsupported', `${expr.kind === 'name' ? expr.name : '…'}()`);
      } else return expr;
    }
  }

  private _subscript(of: Expr): Expr {
    const part = () => (this._is(':') || this._is(']') ? null : this.expression());
    const start = part();
    if (!this._take(':')) {
      this._expect(']');
      if (!start) throw new TemplateProblem('syntax', '[]');
      return { kind: 'item', of, index: start };
    }
    const stop = part();
    const step = this._take(':') ? part() : null;
    this._expect(']');
    return { kind: 'slice', of, start, stop, step };
  }

  private _arguments(): { args: Expr[]; named: Record<string, Expr> } {
    this._expect('(');
    const args: Expr[] = [];
    const named: Record<string, Expr> = {};
    while (!this._take(')')) {
      const token = this._peek();
      if (token?.type === 'name' && this._is('=', 1)) {
        this._at += 2;
        named[token.text] = this.expression();
      } else args.push(this.expression());
      if (!this._is(')')) this._expect(',');
    }
    return { args, named };
  }

  private _primary(): Expr {
    const token = this._peek();
    if (!token) throw new TemplateProblem('syntax', 'end of expression');
    this._at++;
    if (token.type === 'number' || token.type === 'string') return { kind: 'literal', value: token.value ?? null };
    if (token.type === 'name') {
      const constants: Record<string, PyValue> = { True: true, true: true, False: false, false: false, None: null, none: null };
      return token.text in constants ? { kind: 'literal', value: constants[token.text] ?? null } : { kind: 'name', name: token.text };
    }
    if (token.text === '(') {
      const inner = this.expression();
      this._expect(')');
      return inner;
    }
    if (token.text === '[') {
      const items: Expr[] = [];
      while (!this._take(']')) {
        items.push(this.expression());
        if (!this._is(']')) this._expect(',');
      }
      return { kind: 'list', items };
    }
    if (token.text === '{') {
      const pairs: Array<[Expr, Expr]> = [];
      while (!this._take('}')) {
        const key = this.expression();
        this._expect(':');
        pairs.push([key, this.expression()]);
        if (!this._is('}')) this._expect(',');
      }
      return { kind: 'dict', pairs };
    }
    throw new TemplateProblem('syntax', token.text);
  }
}

export function parseExpression(source: string): Expr {
  return new ExpressionParser(tokens(source)).parseAll();
}

/** Parses a whole template; throws TemplateProblem. */
export function parseTemplate(source: string): Statement[] {
  if (source.length > MAX_TEMPLATE_CHARS) throw new TemplateProblem('unsupported', 'template too long');
  const parts = /\{\{(-?)([\s\S]*?)(-?)\}\}|\{%(-?)([\s\S]*?)(-?)%\}|\{#[\s\S]*?#\}/g;
  const root: Statement[] = [];
  // The bodies being filled: the template's, then each open if's current branch.
  const stack: Array<{ body: Statement[]; block: Extract<Statement, { kind: 'if' }> | null }> = [{ body: root, block: null }];
  let at = 0;
  let trimNext = false;
  const current = () => stack[stack.length - 1] as { body: Statement[]; block: Extract<Statement, { kind: 'if' }> | null };
  for (const match of source.matchAll(parts)) {
    let text = source.slice(at, match.index);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (match[1] === '-' || match[4] === '-') text = text.replace(/\s+$/, '');
    if (text !== '') current().body.push({ kind: 'text', text });
    at = match.index + match[0].length;
    trimNext = match[3] === '-' || match[6] === '-';
    if (match[2] !== undefined) current().body.push({ kind: 'output', expr: parseExpression(match[2]) });
    else if (match[5] !== undefined) statement(match[5].trim());
  }
  let tail = source.slice(at);
  if (trimNext) tail = tail.replace(/^\s+/, '');
  if (tail !== '') current().body.push({ kind: 'text', text: tail });
  if (stack.length > 1) throw new TemplateProblem('syntax', 'if without endif');
  return root;

  function statement(body: string): void {
    const [keyword = '', ...rest] = body.split(/\s+/);
    const argument = body.slice(keyword.length).trim();
    if (keyword === 'if') {
      if (stack.length > MAX_DEPTH) throw new TemplateProblem('unsupported', 'nesting too deep');
      const block: Extract<Statement, { kind: 'if' }> = { kind: 'if', branches: [{ test: parseExpression(argument), body: [] }], otherwise: [] };
      current().body.push(block);
      stack.push({ body: block.branches[0]?.body ?? [], block });
    } else if (keyword === 'elif' || keyword === 'else') {
      const open = current().block;
      if (!open) throw new TemplateProblem('syntax', keyword);
      stack.pop();
      const branch = keyword === 'elif' ? { test: parseExpression(argument), body: [] } : null;
      if (branch) open.branches.push(branch);
      stack.push({ body: branch ? branch.body : open.otherwise, block: open });
    } else if (keyword === 'endif') {
      if (!current().block) throw new TemplateProblem('syntax', 'endif');
      stack.pop();
    } else if (keyword === 'set') {
      const assignment = /^([A-Za-z_]\w*)\s*=([\s\S]*)$/.exec(argument);
      if (!assignment?.[1] || assignment[2] === undefined) throw new TemplateProblem('unsupported', `set ${rest.join(' ')}`);
      current().body.push({ kind: 'set', name: assignment[1], expr: parseExpression(assignment[2]) });
    } else throw new TemplateProblem('unsupported', keyword);
  }
}
