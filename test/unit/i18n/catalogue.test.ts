import { describe, expect, it } from 'vitest';
import { french } from '../../../src/i18n/french';
import { placeholders, scanSources } from './catalogue-keys';

const scan = scanSources(process.cwd());

describe('the French catalogue', () => {
  it('is given every English text as a literal, so that none can be missed', () => {
    expect(scan.notLiteral).toEqual([]);
    expect(scan.keys.length).toBeGreaterThan(400);
  });

  it('has a French text for every English text on screen (a French screen never falls back to English)', () => {
    const missing = scan.keys.filter(({ key, form }) => french[key] === undefined && (form === null || french[`${key}|${form}`] === undefined));
    expect(missing.map(({ key, where }) => `${where}: ${key}`)).toEqual([]);
  });

  it('keeps no French text that nothing uses any more', () => {
    const used = new Set(scan.keys.flatMap(({ key, form }) => (form === null ? [key] : [key, `${key}|${form}`])));
    expect(Object.keys(french).filter((key) => !used.has(key))).toEqual([]);
  });

  it('fills the same values in French as in English', () => {
    const wrong = Object.entries(french).filter(([key, words]) => placeholders(key.replace(/\|(one|other)$/, '')).join() !== placeholders(words).join());
    expect(wrong).toEqual([]);
  });

  it('writes French punctuation with a space before : ; ? ! (no English-only typography slipped in)', () => {
    const tight = Object.entries(french).filter(([, words]) => /[A-Za-zÀ-ÿ)»”][;?!]|[A-Za-zÀ-ÿ)»”]: /.test(words));
    expect(tight.map(([key]) => key)).toEqual([]);
  });
});

describe('problem words', () => {
  it('are worded once: a sentence of the problem, reason and Sparkplug words is written nowhere else', () => {
    const wordsFile = /src\/ui\/(problem|reason|sparkplug)-words\.ts/;
    const problems = new Set(scan.keys.filter(({ where }) => wordsFile.test(where)).map(({ key }) => key));
    // Short words any element may also need on its own ("not authorized" is both a reason and a state) are not sentences.
    const elsewhere = scan.keys.filter(({ key, where }) => !wordsFile.test(where) && problems.has(key) && key.split(' ').length > 3);
    expect(elsewhere.map(({ key, where }) => `${where}: ${key}`)).toEqual([]);
  });
});
