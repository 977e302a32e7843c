/**
 * Virtualized lists: only the rows in view (and a few more) are in the DOM, whatever the list's length.
 * Rows have a fixed height; the scroll container keeps the full height with spacers.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const OVERSCAN = 8;

export interface RowWindow {
  first: number;
  /** One past the last row to draw. */
  end: number;
  /** Space above and below the drawn rows, in pixels. */
  before: number;
  after: number;
}

/** The rows to draw for a scroll position. Pure. */
export function rowWindow(count: number, rowHeight: number, scrollTop: number, viewportHeight: number): RowWindow {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const end = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + OVERSCAN);
  return { first, end: Math.max(first, end), before: first * rowHeight, after: Math.max(0, count - Math.max(first, end)) * rowHeight };
}

/** Follows a scroll container's position and size, and redraws the host when they change. */
export class ScrollWindow implements ReactiveController {
  scrollTop = 0;
  viewportHeight = 600;
  private _element: HTMLElement | null = null;
  private _observer: ResizeObserver | null = null;
  private readonly _onScroll = () => {
    if (!this._element) return;
    this.scrollTop = this._element.scrollTop;
    this._host.requestUpdate();
  };

  constructor(private readonly _host: ReactiveControllerHost) {
    _host.addController(this);
  }

  /** The scroll container (call after each render; it may be replaced). */
  attach(element: HTMLElement | null): void {
    if (element === this._element) return;
    this._detach();
    this._element = element;
    if (!element) return;
    element.addEventListener('scroll', this._onScroll, { passive: true });
    this._observer = new ResizeObserver(() => {
      this.viewportHeight = element.clientHeight || this.viewportHeight;
      this._host.requestUpdate();
    });
    this._observer.observe(element);
  }

  private _last: RowWindow = { first: 0, end: 0, before: 0, after: 0 };

  rows(count: number, rowHeight: number): RowWindow {
    this._last = rowWindow(count, rowHeight, this.scrollTop, this.viewportHeight);
    return this._last;
  }

  /** Gives the list the space of the rows not drawn, through the CSSOM (inline style attributes break the CSP). */
  applySpacing(list: HTMLElement | null): void {
    if (!list) return;
    list.style.paddingTop = `${this._last.before}px`;
    list.style.paddingBottom = `${this._last.after}px`;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this._detach();
  }

  private _detach(): void {
    this._element?.removeEventListener('scroll', this._onScroll);
    this._observer?.disconnect();
    this._observer = null;
    this._element = null;
  }
}
