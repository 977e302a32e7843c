/** Small text formatters shared by elements. Pure functions. */

/** "just now", "12 s ago", "4 min ago", "3 h ago", "2 d ago". */
export function formatAge(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 2) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

// Formatters are built once: toLocaleString() builds one per call, which costs more than a whole row.
const timestampFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Local date and time with seconds, for tooltips. */
export function formatTimestamp(epochMilliseconds: number): string {
  return timestampFormat.format(epochMilliseconds);
}

/** Local time of day with seconds ("14:03:27"), for "since" marks. */
export function formatTime(epochMilliseconds: number): string {
  return timeFormat.format(epochMilliseconds);
}

/** "4 s", "2 min", "3 h": a duration in its largest whole unit. */
export function formatDuration(milliseconds: number): string {
  return formatAge(milliseconds).replace(/ ago$/, '').replace('just now', '0 s');
}
