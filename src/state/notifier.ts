/**
 * Change notification shared by every store: any number of changes between two animation frames
 * produce one notification, so the screen renders at most once per frame whatever the message rate.
 */

export type Listener = () => void;
export type Unsubscribe = () => void;
/** Runs `flush` later, once. The default waits for the next animation frame. */
export type Scheduler = (flush: () => void) => void;

/**
 * In the engine's Worker nothing is painted: every store reports its changes at once (a microtask later),
 * and the frame collector decides when the page hears of them.
 */
let everywhere: Scheduler | null = null;
export function scheduleEveryStoreWith(scheduler: Scheduler): void {
  everywhere = scheduler;
}

export const nextAnimationFrame: Scheduler = (flush) => {
  if (everywhere) return everywhere(flush);
  // Hidden tabs get no animation frames: a timer keeps stores honest there (nothing is painted anyway).
  // Without a screen at all (Node), a timer too.
  if (typeof requestAnimationFrame === 'undefined') setTimeout(flush, 16);
  else if (typeof document !== 'undefined' && document.visibilityState === 'hidden') setTimeout(flush, 250);
  else requestAnimationFrame(() => flush());
};

/**
 * For the stores every message touches (values, log, tree): a frame, but at most one flush per
 * `intervalMs`. Under a flood the screen then redraws 10 times a second instead of 60, which leaves the
 * main thread to the messages (and their acknowledgements); a single message still shows within a frame.
 */
export function throttledFrames(intervalMs: number): Scheduler {
  let last = 0;
  return (flush) => {
    if (everywhere) return everywhere(flush);
    const wait = last + intervalMs - now();
    const run = () =>
      nextAnimationFrame(() => {
        last = now();
        flush();
      });
    if (wait <= 0) run();
    else setTimeout(run, wait);
  };
}

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** How often the message-driven stores redraw at most. */
export const MESSAGE_REDRAW_MS = 100;

export class Notifier {
  private readonly _listeners = new Set<Listener>();
  private _scheduled = false;

  constructor(private readonly _schedule: Scheduler = nextAnimationFrame) {}

  private _watch: ((watched: boolean) => void) | null = null;

  subscribe(listener: Listener): Unsubscribe {
    this._listeners.add(listener);
    if (this._listeners.size === 1) this._watch?.(true);
    return () => {
      if (this._listeners.delete(listener) && this._listeners.size === 0) this._watch?.(false);
    };
  }

  /** Hears when the store gains its first listener and loses its last (a mirror asks for data only then). */
  onWatched(watch: (watched: boolean) => void): void {
    this._watch = watch;
  }

  /** Records that something changed; listeners hear about it once, on the next flush. */
  protected changed(): void {
    if (this._scheduled) return;
    this._scheduled = true;
    this._schedule(() => {
      this._scheduled = false;
      for (const listener of [...this._listeners]) listener();
    });
  }
}

/** A tiny typed store holding one immutable state object (the shape Home Assistant's websocket store uses). */
export class ValueStore<T extends object> extends Notifier {
  constructor(
    private _state: T,
    schedule?: Scheduler,
  ) {
    super(schedule);
  }

  get state(): T {
    return this._state;
  }

  set(patch: Partial<T>): void {
    this._state = { ...this._state, ...patch };
    this.changed();
  }

  replace(state: T): void {
    this._state = state;
    this.changed();
  }
}
