/**
 * Which tiles and control cards are on screen (or within 200 px of it): one out of view does not redraw for
 * the clock's ticks (nobody reads its age there), and catches up as it comes into view. Once a second, 240
 * tiles redrawing their age was the longest task of a busy dashboard.
 */
import { ReactiveElement, type ReactiveControllerHost } from 'lit';

const onScreen = new WeakMap<Element, boolean>();
const visibility =
  typeof IntersectionObserver === 'undefined'
    ? null
    : new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            onScreen.set(entry.target, entry.isIntersecting);
            if (entry.isIntersecting && entry.target instanceof ReactiveElement) entry.target.requestUpdate();
          }
        },
        { rootMargin: '200px' },
      );

/** Starts following whether the element is on screen (from its connectedCallback). */
export const watchOnScreen = (element: Element): void => visibility?.observe(element);

/** Stops following it (from its disconnectedCallback). */
export function unwatchOnScreen(element: Element): void {
  visibility?.unobserve(element);
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
