/**
 * The alarm history as CSV (RFC 4180, UTF-8 with a BOM so that spreadsheets read the accents). Broker data
 * and comments are hostile: a field that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, a tab or
 * a carriage return first) is written with a leading apostrophe.
 */
import type { StoredAlarmEvent } from '../../storage/alarm-repository';
import { eventWord, sharedProblemWords } from './alarm-words';
import { msg } from '../../i18n/words';

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function historyCsv(events: readonly StoredAlarmEvent[], title: (id: string) => string): string {
  const header = [msg('Time'), msg('Alarm id'), msg('Alarm'), msg('Event'), msg('Value'), msg('By'), msg('Comment'), msg('Shelved until'), msg('Received while away')];
  const lines = [header.map(csvField).join(',')];
  for (const event of events) {
    lines.push(
      [
        new Date(event.at).toISOString(),
        event.alarmId,
        title(event.alarmId),
        eventWord(event.kind),
        event.value ?? '',
        event.by ?? '',
        event.reason ? sharedProblemWords(event.reason) : (event.comment ?? ''),
        event.until === undefined ? '' : new Date(event.until).toISOString(),
        event.whileAway ? msg('yes') : '',
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
