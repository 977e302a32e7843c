/**
 * Browser events that say the link may have changed: a tab coming back to the foreground, a page restored
 * from the back-forward cache, a tablet waking up (focus), and the network coming or going. Timers cannot
 * be trusted across those, so each one asks for a check at once.
 */

export interface LinkChecks {
  checkLink(): void;
  networkChanged(available: boolean): void;
}

export function watchLinkTriggers(checks: LinkChecks, target: Window = window): () => void {
  const check = () => checks.checkLink();
  const visibility = () => {
    if (target.document.visibilityState === 'visible') check();
  };
  const online = () => checks.networkChanged(true);
  const offline = () => checks.networkChanged(false);
  target.document.addEventListener('visibilitychange', visibility);
  target.addEventListener('pageshow', check);
  target.addEventListener('focus', check);
  target.addEventListener('online', online);
  target.addEventListener('offline', offline);
  return () => {
    target.document.removeEventListener('visibilitychange', visibility);
    target.removeEventListener('pageshow', check);
    target.removeEventListener('focus', check);
    target.removeEventListener('online', online);
    target.removeEventListener('offline', offline);
  };
}
