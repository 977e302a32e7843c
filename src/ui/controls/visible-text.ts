import { previewOf, visibleTopic } from '../safe-text';

/** A short text from a device shown in a line (a control's reported value, an answer): at most `limit` characters, hidden characters made visible. */
export function visibleText(text: string, limit = 200): string {
  const { text: shown, cut } = previewOf(text, limit);
  return `${visibleTopic(shown)}${cut ? '…' : ''}`;
}
