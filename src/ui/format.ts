/**
 * Numbers, times and durations in the screen's language, through Intl: one date and time style across the
 * app (`14:03:27` in French, `2:03:27 PM` in American English; dates `07/12/2026 14:03:27`). Formatters are
 * built once per language: toLocaleString() builds one per call, which costs more than a whole row.
 */
import { formatDateTime, language, locale, msg, onLanguageChange } from '../i18n/words';

interface Formatters {
  time: Intl.DateTimeFormat;
  count: Intl.NumberFormat;
  decimals: Map<number, Intl.NumberFormat>;
}

let formatters: Formatters | null = null;
onLanguageChange(() => (formatters = null));

function current(): Formatters {
  if (formatters) return formatters;
  const tag = locale();
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' };
  formatters = {
    time: new Intl.DateTimeFormat(tag, time),
    count: new Intl.NumberFormat(tag),
    decimals: new Map(),
  };
  return formatters;
}

/** "just now", "12 s ago" / "à l’instant", "il y a 12 s". */
export function formatAge(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 2) return msg('just now');
  return msg('{0} ago', formatDuration(milliseconds));
}

/** "4 s", "2 min", "3 h", "2 d" (French "2 j"): a duration in its largest whole unit. */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 60) return msg('{0} s', seconds);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return msg('{0} min', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return msg('{0} h', hours);
  return msg('{0} d', Math.floor(hours / 24));
}

/** Local date and time with seconds, for tooltips and details (the app's one style: see formatDateTime). */
export function formatTimestamp(epochMilliseconds: number): string {
  return formatDateTime(epochMilliseconds);
}

/** Local time of day with seconds ("14:03:27"), for "since" marks and lists. */
export function formatTime(epochMilliseconds: number): string {
  return current().time.format(epochMilliseconds);
}

/** A count as the language writes it: "12,345" / "12 345". */
export function formatCount(count: number): string {
  return current().count.format(count);
}

/**
 * A number with exactly these decimals, with the language's decimal sign: "1200.5" / "1200,5". Not grouped
 * in thousands: a value reads as the device sent it (and a tile's digits do not jump when it passes 999).
 */
export function formatDecimal(value: number, decimals: number): string {
  const digits = Math.max(0, Math.min(decimals, 100));
  const cache = current().decimals;
  let format = cache.get(digits);
  if (!format) {
    // Intl allows at most 100 fraction digits, as toFixed did.
    format = new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
    cache.set(digits, format);
  }
  return format.format(value);
}

/** The space written between a number and its unit: a narrow no-break space in French, a space in English. */
export function unitSpace(): string {
  return language() === 'fr' ? '\u202f' : ' ';
}

const tickFormats = new Map<string, Intl.DateTimeFormat>();
onLanguageChange(() => tickFormats.clear());

/** A chart's time tick: `14:03:27` when ticks are seconds apart, `14:03` for minutes, `07/12 14:00` for days. */
export function formatTickTime(epochMilliseconds: number, stepSeconds: number): string {
  const kind = stepSeconds < 60 ? 'seconds' : stepSeconds < 86_400 ? 'minutes' : 'days';
  let format = tickFormats.get(kind);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'seconds'
        ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
        : kind === 'minutes'
          ? { hour: '2-digit', minute: '2-digit' }
          : { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' };
    format = new Intl.DateTimeFormat(locale(), options);
    tickFormats.set(kind, format);
  }
  return format.format(epochMilliseconds);
}
