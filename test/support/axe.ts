/**
 * The axe-core sweep (WCAG 2.0, 2.1 and 2.2, levels A and AA), through Lit's open shadow roots.
 *
 * While a modal <dialog> is open (showModal), the browser makes everything outside it inert: it cannot be
 * focused, tapped or read. axe means to skip such content, but it finds the modal dialog with
 * `document.elementsFromPoint`, which answers with shadow hosts, never with a dialog inside a shadow root:
 * ours are all in shadow roots, so axe would judge the inert page behind the backdrop (a button there is
 * "partially obscured" by the dialog's edge, depending on where the page was scrolled). So while a modal
 * dialog is open, the sweep covers that dialog, which is all a user can reach then.
 *
 * The header is sticky: whatever the page was scrolled to, some button may be half under it, which axe's
 * target-size counts as "obscured" though a finger scrolls it out. The page is scanned scrolled to the top,
 * where nothing is under the header, so that a result does not depend on where a test left the scroll.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The open modal dialog as a selector per shadow root on the way to it, or null when none is open. */
function modalDialogPath(page: Page): Promise<string[] | null> {
  return page.evaluate(() => {
    let modal: Element | null = null;
    const visit = (root: Document | ShadowRoot): void => {
      for (const dialog of Array.from(root.querySelectorAll('dialog'))) if (dialog.matches(':modal')) modal = dialog;
      for (const element of Array.from(root.querySelectorAll('*'))) if (element.shadowRoot) visit(element.shadowRoot);
    };
    visit(document);
    const path: string[] = [];
    for (let node: Element | null = modal; node; ) {
      const root = node.getRootNode() as Document | ShadowRoot;
      const tag = node.localName;
      const same = Array.from(root.querySelectorAll(tag));
      path.unshift(same.length === 1 ? tag : `${tag}:nth-of-type(${Array.from(node.parentElement?.children ?? []).filter((child) => child.localName === tag).indexOf(node) + 1})`);
      node = root instanceof ShadowRoot ? root.host : null;
    }
    return path.length > 0 ? path : null;
  });
}

/** Every violation on the page (or, with a modal dialog open, in that dialog), as `screen: rule (impact): element, element…`. */
export async function axeViolations(page: Page, screen: string): Promise<string[]> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  const modal = await modalDialogPath(page);
  if (modal) builder.include(modal.length >= 2 ? [{ fromShadowDom: modal as [string, string, ...string[]] }] : modal);
  const results = await builder.analyze();
  return results.violations.map(
    (violation) =>
      `${screen}: ${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.nodes
        .slice(0, 5)
        .map((node) => `${node.target.join(' ')}${node.failureSummary ? ` [${node.failureSummary.replace(/\s+/g, ' ').slice(0, 160)}]` : ''}`)
        .join(' | ')}${violation.nodes.length > 5 ? ` (+${violation.nodes.length - 5} more)` : ''}`,
  );
}
