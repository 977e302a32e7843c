/**
 * The axe-core sweep (WCAG 2.0, 2.1 and 2.2, levels A and AA), through Lit's open shadow roots.
 *
 * While a modal <dialog> is open (showModal), the browser makes everything outside it inert: it cannot be
 * focused, tapped or read. axe means to skip such content, but it finds the modal dialog with
 * `document.elementsFromPoint`, which answers with shadow hosts, never with a dialog inside a shadow root:
 * ours are all in shadow roots, so axe then judges the inert page behind the backdrop (a button there is
 * "partially obscured" by the dialog's edge, depending on where the page was scrolled). Results for elements
 * outside an open modal dialog are therefore dropped, as axe itself does for a dialog in the light DOM.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** For each element (a selector per shadow root on the way), whether it lies outside an open modal dialog. */
async function behindModal(page: Page, targets: string[][]): Promise<boolean[]> {
  return page.evaluate((paths) => {
    const modals: Element[] = [];
    const visit = (root: Document | ShadowRoot): void => {
      for (const dialog of Array.from(root.querySelectorAll('dialog'))) if (dialog.matches(':modal')) modals.push(dialog);
      for (const element of Array.from(root.querySelectorAll('*'))) if (element.shadowRoot) visit(element.shadowRoot);
    };
    visit(document);
    const modal = modals.at(-1);
    return paths.map((path) => {
      if (!modal) return false;
      let root: Document | ShadowRoot | null = document;
      let element: Element | null = null;
      for (const selector of path) {
        element = root?.querySelector(selector) ?? null;
        root = element?.shadowRoot ?? null;
      }
      if (!element) return false;
      // Inside the dialog when the dialog is one of its ancestors across shadow boundaries.
      for (let node: Node | null = element; node; node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)) {
        if (node === modal) return false;
      }
      return true;
    });
  }, targets);
}

/** Every violation on the page, as `screen: rule (impact): element, element…`. */
export async function axeViolations(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const shown: string[] = [];
  for (const violation of results.violations) {
    // A target is a list of frames (one here), each a selector or a list of selectors, one per shadow root.
    const targets = violation.nodes.map((node) => {
      const frame = node.target[0];
      return typeof frame === 'string' ? [frame] : [...(frame ?? [])];
    });
    const inert = await behindModal(page, targets);
    const nodes = violation.nodes.filter((_, index) => !inert[index]);
    if (nodes.length === 0) continue;
    shown.push(
      `${screen}: ${violation.id} (${violation.impact ?? 'no impact given'}): ${nodes
        .slice(0, 5)
        .map((node) => `${node.target.join(' ')}${node.failureSummary ? ` [${node.failureSummary.replace(/\s+/g, ' ').slice(0, 160)}]` : ''}`)
        .join(' | ')}${nodes.length > 5 ? ` (+${nodes.length - 5} more)` : ''}`,
    );
  }
  return shown;
}
