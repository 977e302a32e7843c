import { css } from 'lit';

/** Form controls and buttons shared by the panels: large enough to tap on a tablet. */
export const controlStyles = css`
  :host {
    display: block;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    font-size: 0.85rem;
    color: var(--muted);
  }
  label.inline {
    flex-direction: row;
    align-items: center;
    gap: 0.5rem;
    min-height: 44px;
  }
  input,
  select,
  button {
    font: inherit;
    color: var(--text);
    min-height: 44px;
    box-sizing: border-box;
  }
  input:not([type='checkbox']),
  select {
    background: var(--field);
    border: 1px solid var(--border);
    border-radius: 6px;
    padding: 0 0.6rem;
    width: 100%;
  }
  input[type='checkbox'] {
    flex: none;
    width: 24px;
    height: 24px;
    min-height: 24px;
    margin: 0;
  }
  :focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button {
    background: var(--field);
    border: 1px solid var(--border);
    border-radius: 6px;
    padding: 0 1rem;
    min-width: 44px;
    cursor: pointer;
  }
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: var(--on-accent);
  }
  button:disabled,
  button[aria-disabled='true'] {
    opacity: 0.5;
    cursor: default;
  }
  .note {
    font-size: 0.85rem;
    color: var(--muted);
    margin: 0;
  }
  .problem {
    color: var(--danger);
    font-size: 0.9rem;
    margin: 0.25rem 0 0;
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 0.75rem;
  }
`;




/** A grid of value tiles: as many columns as fit, two on a phone; each tile keeps its own height. */
export const tileGridStyles = css`
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: 0.6rem;
    align-items: start;
  }
  @media (max-width: 40rem) {
    .tiles {
      grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    }
  }
`;
