import { css } from 'lit';

/** A control's card: its name, the reported value, its input, what became of its last command. */
export const controlCardStyles = css`
  /* Off screen, a card is neither laid out nor painted (as a tile): 200 of them cost what is seen. */
  :host {
    display: block;
    grid-column: span 2;
    contain: content;
    content-visibility: auto;
    contain-intrinsic-size: auto 11rem;
  }
  .control {
    border: 1px solid var(--border);
    border-left: 4px solid var(--accent);
    border-radius: 8px;
    padding: 0.5rem 0.75rem;
    background: var(--surface);
    display: grid;
    gap: 0.4rem;
  }
  .control.blocked {
    border-style: dashed;
    border-left-color: var(--muted);
  }
  .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  h4 {
    margin: 0;
    font-size: 1rem;
    overflow-wrap: anywhere;
  }
  .edit {
    padding: 0 0.6rem;
  }
  p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .reported strong {
    font-size: 1.25rem;
  }
  .age,
  .answer,
  .reported {
    color: var(--muted);
    font-size: 0.9rem;
  }
  .reported strong {
    color: var(--text);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .row input[type='range'] {
    flex: 1 1 8rem;
    min-width: 8rem;
    padding: 0;
  }
  .row input[type='text'] {
    flex: 1 1 8rem;
    width: auto;
  }
  .wish {
    font-weight: 600;
    min-width: 4rem;
  }
  .spin {
    min-width: 6rem;
    min-height: 44px;
    display: flex;
    align-items: center;
    justify-content: center;
    font-size: 1.25rem;
    font-weight: 600;
    border: 1px solid var(--border);
    border-radius: 6px;
    background: var(--field);
  }
  button[role='switch'] {
    display: inline-flex;
    align-items: center;
    gap: 0.6rem;
    padding: 0 0.75rem 0 0.4rem;
  }
  .track {
    width: 2.75rem;
    height: 1.5rem;
    border-radius: 0.75rem;
    border: 2px solid var(--muted);
    position: relative;
    box-sizing: border-box;
    flex: none;
  }
  .track::after {
    content: '';
    position: absolute;
    top: 2px;
    left: 2px;
    width: 1rem;
    height: 1rem;
    border-radius: 50%;
    background: var(--muted);
  }
  [aria-checked='true'] .track {
    border-color: var(--ok);
    background: color-mix(in srgb, var(--ok) 25%, transparent);
  }
  [aria-checked='true'] .track::after {
    left: auto;
    right: 2px;
    background: var(--ok);
  }
  .unknown .track {
    border-style: dashed;
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    font-size: 0.9rem;
  }
  .status.pending {
    color: var(--text);
  }
  .status.ok {
    color: var(--ok);
    font-weight: 600;
  }
  .status.warn {
    color: var(--warn);
    font-weight: 600;
  }
  .status.fail {
    color: var(--danger);
    font-weight: 600;
  }
  .status.plain {
    color: var(--muted);
  }
  .why {
    color: var(--warn);
    font-weight: 600;
    font-size: 0.9rem;
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--warn);
    border-radius: 8px;
  }
  .hold.held,
  button.holding {
    outline: 3px solid var(--warn);
    outline-offset: 2px;
  }
`;
