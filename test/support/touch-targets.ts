/** Touch targets: what a finger taps must be at least 44×44 CSS pixels. */
import type { Page } from '@playwright/test';

/** The visible controls smaller than 44×44, through the shadow roots, as `tag “name” w×h`. */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of Array.from(root.querySelectorAll('*'))) {
        if (element.shadowRoot) visit(element.shadowRoot);
        if (!element.matches('button, input, select, textarea, summary, a[href]')) continue;
        if (element instanceof HTMLInputElement && element.type === 'file') continue; // opened by its button
        const target = element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio') ? (element.closest('label') ?? element) : element;
        const rect = target.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
        if (element.closest('dialog:not([open])')) continue;
        // A target just under 44 px by rounding is not a miss.
        if (rect.width < 43.5 || rect.height < 43.5) {
          const name = element.getAttribute('aria-label') ?? element.textContent ?? element.getAttribute('name') ?? '';
          small.push(`${element.tagName.toLowerCase()} “${name.replace(/\s+/g, ' ').trim().slice(0, 50)}” ${Math.round(rect.width)}×${Math.round(rect.height)}`);
        }
      }
    };
    visit(document);
    return small;
  });
}
