/** Walking the page with the keyboard alone, as a user without a pointer does. */
import type { Page } from '@playwright/test';

export interface Focused {
  /** Tag, role and name: what a screen reader would say of it, roughly. */
  description: string;
  /** Whether a sighted user sees it: on screen, with a size, not hidden or transparent. */
  visible: boolean;
  /** Whether it draws a focus ring (an outline or a box-shadow) while focused. */
  ringed: boolean;
  /** Whether it is inside an open modal dialog. */
  inDialog: boolean;
}

/** The element that has the focus, through the shadow roots. */
export async function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return null;
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const onScreen = rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth;
    const visible = rect.width > 0 && rect.height > 0 && onScreen && style.visibility !== 'hidden' && Number(style.opacity) > 0;
    const ringed = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    const name = element.getAttribute('aria-label') ?? (element as HTMLInputElement).labels?.[0]?.textContent ?? element.textContent ?? '';
    let inDialog = false;
    for (let node: Node | null = element; node; node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)) {
      if (node instanceof HTMLDialogElement && node.open) inDialog = true;
    }
    const description = `${element.tagName.toLowerCase()}${element.getAttribute('name') ? `[name=${element.getAttribute('name')}]` : ''} “${name.replace(/\s+/g, ' ').trim().slice(0, 80)}”`;
    return { description, visible, ringed, inDialog };
  });
}

/**
 * Presses `key` (Tab or Shift+Tab) until the focused element's description matches, at most `limit` times;
 * every element focused on the way must be visible and ringed. Returns the path, for a failure's message.
 */
export async function tabUntil(page: Page, wanted: RegExp, key: 'Tab' | 'Shift+Tab' = 'Tab', limit = 80): Promise<Focused> {
  const path: string[] = [];
  for (let count = 0; count < limit; count++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (!now) {
      path.push('(nothing: the page itself)');
      continue;
    }
    path.push(now.description);
    if (!now.visible) throw new Error(`The focus landed on something invisible: ${now.description}\nPath: ${path.join(' → ')}`);
    if (!now.ringed) throw new Error(`The focus has no visible ring on ${now.description}\nPath: ${path.join(' → ')}`);
    if (wanted.test(now.description)) return now;
  }
  throw new Error(`${wanted} was not reached with ${key} in ${limit} presses.\nPath: ${path.join(' → ')}`);
}
