/**
 * Finds every English text the source words through msg(), msgPlural() or english(): the keys the French
 * catalogue must have. Each call must name its English as a literal ('…' or "…"), so that none is missed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface FoundKey {
  key: string;
  /** For msgPlural's forms: which plural form this literal is. */
  form: 'one' | 'other' | null;
  where: string;
}

export interface Scan {
  keys: FoundKey[];
  /** Calls whose English is not a literal (file:line). */
  notLiteral: string[];
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The string literal starting at `at` (after spaces), or null; and where it ends. */
function literalAt(source: string, at: number): { text: string; end: number } | null {
  let index = at;
  while (/\s/.test(source[index] ?? '')) index++;
  const quote = source[index];
  if (quote !== "'" && quote !== '"') return null;
  let text = '';
  for (let position = index + 1; position < source.length; position++) {
    const char = source[position] as string;
    if (char === '\\') {
      const next = source[position + 1] as string;
      text += next === 'n' ? '\n' : next;
      position++;
    } else if (char === quote) return { text, end: position + 1 };
    else text += char;
  }
  return null;
}

/** The index just after the first top-level comma from `at` (msgPlural's count argument). */
function afterFirstArgument(source: string, at: number): number {
  let depth = 0;
  for (let index = at; index < source.length; index++) {
    const char = source[index];
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 0) return index + 1;
  }
  return source.length;
}

export function scanSources(root: string): Scan {
  const keys: FoundKey[] = [];
  const notLiteral: string[] = [];
  for (const file of sourceFiles(join(root, 'src'))) {
    if (file.endsWith(join('i18n', 'words.ts')) || file.endsWith(join('i18n', 'french.ts'))) continue;
    const source = readFileSync(file, 'utf8');
    const name = relative(root, file);
    const line = (index: number) => `${name}:${source.slice(0, index).split('\n').length}`;
    for (const match of source.matchAll(/\b(msgPlural|msg|english)\(/g)) {
      const start = (match.index ?? 0) + match[0].length;
      const where = line(match.index ?? 0);
      if (match[1] === 'msgPlural') {
        const one = literalAt(source, afterFirstArgument(source, start));
        const other = one && literalAt(source, source.indexOf(',', one.end) + 1);
        if (!one || !other) notLiteral.push(where);
        else keys.push({ key: one.text, form: 'one', where }, { key: other.text, form: 'other', where });
        continue;
      }
      const found = literalAt(source, start);
      if (found) keys.push({ key: found.text, form: null, where });
      else notLiteral.push(where);
    }
  }
  return { keys, notLiteral };
}

/** The `{0}`, `{1}`… a text uses, sorted. */
export function placeholders(text: string): string[] {
  return [...new Set(text.match(/\{\d\}/g) ?? [])].sort();
}
