/** Which messages the message log shows: a topic filter (with `+` and `#`) and a text to find. Pure. */
import { topicMatches } from '../mqtt/topic-filter';
import type { LoggedMessage } from './message-log';

export type LogPredicate = (message: LoggedMessage) => boolean;

/** An empty filter and an empty text keep everything; the text is looked for in the topic and the payload, any case. */
export function logFilter(topicFilter: string, text: string): LogPredicate {
  const filter = topicFilter.trim();
  const needle = text.trim().toLowerCase();
  if (filter === '' && needle === '') return () => true;
  return (message) =>
    (filter === '' || topicMatches(filter, message.topic)) &&
    (needle === '' || message.topic.toLowerCase().includes(needle) || message.payload.text.toLowerCase().includes(needle));
}
