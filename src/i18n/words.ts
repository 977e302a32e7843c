/**
 * The words a person reads, in the screen's language. English is written where the words are used
 * (`msg('Values')`); it is also the key into the French catalogue (`./french.ts`), loaded only for a French
 * screen. A value goes in through `{0}`, `{1}`…, formatted by the caller (numbers and times through
 * `./intl-format.ts`). No DOM here: the engine's Worker words its log lines with the same functions.
 *
 * Every call names its English words as a literal, so that test/unit/i18n/catalogue.test.ts finds them all
 * and fails when one has no French text: a French screen never falls back to English.
 */
export type Language = 'en' | 'fr';
/** What the user chose: the browser's language (`auto`), or one of ours. */
export type LanguageChoice = 'auto' | Language;

type Catalogue = Readonly<Record<string, string>>;
/** What fills a `{0}`: text and numbers already formatted by the caller, or a number written as is. */
export type WordValue = string | number | undefined;

let current: Language = 'en';
let catalogue: Catalogue | null = null;
const listeners = new Set<() => void>();

/** The language words are written in now. */
export function language(): Language {
  return current;
}

/** The BCP 47 tag for Intl and `<html lang>`. */
export function locale(): string {
  return current === 'fr' ? 'fr-FR' : 'en';
}

/** `fr` for a French browser (`fr`, `fr-CA`…), `en` for any other. */
export function browserLanguage(languages: readonly string[]): Language {
  const first = languages[0] ?? 'en';
  return first.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function resolveLanguage(choice: LanguageChoice, languages: readonly string[]): Language {
  return choice === 'auto' ? browserLanguage(languages) : choice;
}

/**
 * Switches the words to this language and re-words every listener. French needs its catalogue: the caller
 * loads `./french.ts` (only for a French screen) and gives it here, once.
 */
export function useLanguage(next: Language, french?: Catalogue): void {
  if (french) catalogue = french;
  if (next === 'fr' && catalogue === null) throw new Error('The French catalogue must be given with the first switch to French.');
  if (next === current) return;
  current = next;
  for (const listener of [...listeners]) listener();
}

/** Called after every change of language; returns the unsubscribe. */
export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function fill(text: string, values: ReadonlyArray<WordValue>): string {
  if (values.length === 0) return text;
  return text.replace(/\{(\d)\}/g, (_whole, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? '?' : String(value);
  });
}

/** These English words in the screen's language, with `{0}`… replaced by the values. */
export function msg(english: string, ...values: ReadonlyArray<WordValue>): string {
  const words = current === 'fr' && catalogue !== null ? (catalogue[english] ?? english) : english;
  return fill(words, values);
}

const pluralRules = new Map<Language, Intl.PluralRules>();
const dateTimes = new Map<Language, Intl.DateTimeFormat>();

/**
 * A date and time with seconds, in the one style the whole app uses (`07/12/2026 14:03:27` in French,
 * `12/07/2026, 02:03:27 PM` in English): tiles' details, the log, Sparkplug summaries.
 */
export function formatDateTime(epochMilliseconds: number): string {
  let format = dateTimes.get(current);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    dateTimes.set(current, format);
  }
  return format.format(epochMilliseconds);
}

/**
 * Words that depend on a count: `one` for 1 in English (0 and 1 in French), `other` otherwise; the values
 * fill `{0}`… (usually the count, formatted). Where English has one form for both (`{0} delivered`), the
 * French catalogue tells them apart with `|one` and `|other` after the English key.
 */
export function msgPlural(count: number, one: string, other: string, ...values: ReadonlyArray<WordValue>): string {
  let rules = pluralRules.get(current);
  if (!rules) pluralRules.set(current, (rules = new Intl.PluralRules(locale())));
  const category = rules.select(count) === 'one' ? 'one' : 'other';
  const english = category === 'one' ? one : other;
  if (current !== 'fr' || catalogue === null) return fill(english, values);
  return fill(catalogue[`${english}|${category}`] ?? catalogue[english] ?? english, values);
}

/**
 * Words that were made elsewhere from literal English (a list of choices, a table of reasons) and are
 * looked up here: every one of them is also written somewhere as `msg('…')` or in `wordsOf([...])`.
 */
export function translated(english: string): string {
  return msg(english);
}

/**
 * Marks an English literal kept in a table and worded later through `translated()`, so that the catalogue
 * test finds it. Returns it unchanged.
 */
export function english(text: string): string {
  return text;
}
