/**
 * A dedicated worker that posts a tick at a fixed interval. Timers in a worker keep their pace when the
 * tab is in the background, where the page's own timers are slowed down to once a minute.
 */
interface TickWorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<number>) => void): void;
  postMessage(message: null): void;
}

// A module worker's global scope; typed by hand because the project compiles against the DOM library.
const scope = globalThis as unknown as TickWorkerScope;
let timer: ReturnType<typeof setInterval> | undefined;

scope.addEventListener('message', (event) => {
  clearInterval(timer);
  if (event.data > 0) timer = setInterval(() => scope.postMessage(null), event.data);
});
