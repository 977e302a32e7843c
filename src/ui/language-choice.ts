/**
 * Which language the screen speaks: French for a French browser, English otherwise, unless the user chose
 * one (Display and layout › Language, or `lang=fr|en` in a link); the choice is kept on this device. Read
 * before the first screen is drawn, so that it never flashes in the other language. A change re-words every
 * element at once: no reload, the connection and the values stay.
 */
import { language, locale, msg, onLanguageChange, resolveLanguage, useLanguage, type Language, type LanguageChoice } from '../i18n/words';

const STORAGE_KEY = 'mqtt-dashboard.language';

function isChoice(value: unknown): value is LanguageChoice {
  return value === 'auto' || value === 'en' || value === 'fr';
}

function stored(): LanguageChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isChoice(value) ? value : 'auto';
  } catch {
    return 'auto'; // storage refused (a private window, a policy): the browser's language
  }
}

function store(choice: LanguageChoice): void {
  try {
    if (choice === 'auto') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Kept for this page only.
  }
}

let choice: LanguageChoice = 'auto';

/** What the user chose (auto: the browser's language). */
export function languageChoice(): LanguageChoice {
  return choice;
}

/** The language at start: a link's `lang=` (kept from then on), else the kept choice, else the browser's. */
export async function startLanguage(search: string): Promise<void> {
  const fromLink = new URLSearchParams(search).get('lang');
  if (fromLink === 'fr' || fromLink === 'en' || fromLink === 'auto') store(fromLink);
  choice = stored();
  onLanguageChange(rewordPage);
  await switchTo(resolveLanguage(choice, navigator.languages));
  rewordDocument();
}

/** The user's choice, applied at once and kept. */
export async function chooseLanguage(next: LanguageChoice): Promise<void> {
  choice = next;
  store(next);
  await switchTo(resolveLanguage(next, navigator.languages));
}

/** French words load with the first French screen, never for an English one. */
async function switchTo(next: Language): Promise<void> {
  useLanguage(next, next === 'fr' ? (await import('../i18n/french')).french : undefined);
}

/** The document's language, description and manifest follow the screen's. */
function rewordDocument(): void {
  document.documentElement.lang = locale();
  document.title = msg('MQTT Dashboard');
  document.querySelector('meta[name="description"]')?.setAttribute('content', msg('Live MQTT dashboard over WebSockets'));
  document.querySelector('link[rel="manifest"]')?.setAttribute('href', language() === 'fr' ? '/manifest.fr.webmanifest' : '/manifest.webmanifest');
}

/** Every element draws itself again in the new language (they read their words while rendering). */
function rewordPage(): void {
  rewordDocument();
  const visit = (root: Document | ShadowRoot) => {
    for (const element of root.querySelectorAll('*')) {
      if ('requestUpdate' in element && typeof element.requestUpdate === 'function') (element.requestUpdate as () => void)();
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(document);
}
