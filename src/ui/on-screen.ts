/**
 * Which tiles and control cards are on screen (or near it): one out of view does not redraw for the clock's
 * ticks (nobody reads its age there), and catches up as it comes into view. Once a second, 240 tiles
 * redrawing their age was the longest task of a busy dashboard.
 *
 * Tiles and cards are `content-visibility: auto`: the browser already works out which ones it skips (out of
 * view) and says so with `contentvisibilityautostatechange`. An IntersectionObserver of our own did the same
 * work a second time, on every frame, for every tile: about a tenth of the page's time while a busy broker's
 * tiles were made. A browser without the event leaves every element counted as seen.
 */
import { ReactiveElement, type ReactiveControllerHost } from 'lit';

const onScreen = new WeakMap<Element, boolean>();

function visibilityChanged(event: Event): void {
  const element = event.currentTarget;
  if (!(element instanceof Element) || !('skipped' in event)) return;
  const seen = event.skipped !== true;
  onScreen.set(element, seen);
  if (seen && element instanceof ReactiveElement) element.requestUpdate();
}

/** Starts following whether the element is on screen (from its connectedCallback). */
export const watchOnScreen = (element: Element): void => element.addEventListener('contentvisibilityautostatechange', visibilityChanged);

/** Stops following it (from its disconnectedCallback). */
export function unwatchOnScreen(element: Element): void {
  element.removeEventListener('contentvisibilityautostatechange', visibilityChanged);
  onScreen.delete(element);
}

/** True only when the element is known to be out of view (unknown counts as seen). */
export const offScreen = (element: Element): boolean => onScreen.get(element) === false;

/** Follows whether its host is on screen while it is connected (a field: `private readonly _seen = new OnScreen(this)`). */
export class OnScreen {
  constructor(private readonly _host: ReactiveControllerHost & Element) {
    _host.addController(this);
  }

  hostConnected(): void {
    watchOnScreen(this._host);
  }

  hostDisconnected(): void {
    unwatchOnScreen(this._host);
  }
}
