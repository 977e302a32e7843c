/**
 * Styles of the panels, lists and dialogs that are loaded after the first screen (settings panels, the log,
 * the tree, dialogs): kept apart from shared-styles so that the first load does not carry them.
 */
import { css } from 'lit';

/** A panel that folds away: a <details> whose <summary> holds an <h2>, with a turning arrow. */
export const foldingPanelStyles = css`
  summary {
    min-height: 44px;
    display: flex;
    align-items: center;
    cursor: pointer;
  }
  summary::before {
    content: '▸';
    margin-right: 0.5rem;
    transition: transform 0.15s;
  }
  @media (prefers-reduced-motion: reduce) {
    summary::before {
      transition: none;
    }
  }
  details[open] summary::before {
    transform: rotate(90deg);
  }
  summary h2 {
    display: inline;
    margin: 0;
  }
  details[open] summary {
    margin-bottom: 0.5rem;
  }
`;

/** The scroll container of a virtualized list (see virtual-rows). */
export const virtualListStyles = css`
  .rows {
    height: min(60vh, 36rem);
    overflow-y: auto;
    border: 1px solid var(--border);
    border-radius: 8px;
    background: var(--surface);
    contain: strict;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
`;

/**
 * The detail of what is selected in a list (a logged message, a tree topic), where the user is looking:
 * beside the list on a wide screen (kept in view while the page scrolls), as a sheet over the lower part
 * of the screen on a narrow one. The list stays usable, so the next row can be picked at once.
 */
export const detailPaneStyles = css`
  .with-detail {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(16rem, 24rem);
    gap: 1rem;
    align-items: start;
  }
  .detail-pane {
    position: sticky;
    top: calc(var(--header-height, 3.5rem) + 0.5rem);
    max-height: calc(100vh - var(--header-height, 3.5rem) - 1rem);
    overflow: auto;
    box-sizing: border-box;
    background: var(--surface);
    border: 1px solid var(--border);
    border-radius: 10px;
    padding: 0.75rem;
    display: grid;
    gap: 0.75rem;
    min-width: 0;
  }
  .detail-pane > .close {
    justify-self: end;
  }
  @media (max-width: 64rem) {
    .with-detail {
      display: block;
    }
    .detail-pane {
      position: fixed;
      z-index: 4;
      left: 0;
      right: 0;
      bottom: 0;
      top: auto;
      max-height: 45vh;
      border-radius: 12px 12px 0 0;
      box-shadow: 0 -8px 24px rgb(0 0 0 / 0.25);
    }
  }
`;

/** A modal <dialog> with a header (title and Close), sized for a tablet. */
export const dialogStyles = css`
  dialog {
    width: min(46rem, calc(100vw - 2rem));
    max-height: calc(100vh - 4rem);
    background: var(--surface);
    color: var(--text);
    border: 1px solid var(--border);
    border-radius: 10px;
    padding: 1rem;
    box-sizing: border-box;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  dialog > header {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  /* A topic wraps between levels (the title puts a break opportunity after each /), never mid-word. */
  dialog > header h2 {
    flex: 1 1 12rem;
    min-width: 0;
    margin: 0;
    font-size: 1rem;
    font-family: var(--mono);
    overflow-wrap: break-word;
  }
`;
