/**
 * MQTT 5 message properties as a person reads them: user properties, content type, payload format,
 * message expiry, response topic and correlation data. Broker data is hostile: everything here is text
 * for Lit text bindings.
 */
import type { IPublishPacket } from 'mqtt';
import { toHex } from './payload';

export interface MessageProperties {
  /** In the order they came; a key may repeat. */
  userProperties: Array<[string, string]>;
  contentType: string | null;
  /** The publisher's claim: UTF-8 text, or unspecified bytes. */
  payloadFormat: 'UTF-8 text' | 'bytes' | null;
  messageExpirySeconds: number | null;
  responseTopic: string | null;
  /** As text when it is UTF-8, else as hex. */
  correlationData: string | null;
}

type PublishProperties = NonNullable<IPublishPacket['properties']>;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Null when the message carries nothing worth showing (MQTT 3.1.1, or no properties). */
export function readMessageProperties(properties: PublishProperties | undefined): MessageProperties | null {
  if (!properties) return null;
  const userProperties: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(properties.userProperties ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) userProperties.push([key, String(one)]);
  }
  const read: MessageProperties = {
    userProperties,
    contentType: properties.contentType ?? null,
    payloadFormat: properties.payloadFormatIndicator === undefined ? null : properties.payloadFormatIndicator ? 'UTF-8 text' : 'bytes',
    messageExpirySeconds: properties.messageExpiryInterval ?? null,
    responseTopic: properties.responseTopic ?? null,
    correlationData: properties.correlationData ? bytesAsText(properties.correlationData) : null,
  };
  const empty =
    userProperties.length === 0 &&
    read.contentType === null &&
    read.payloadFormat === null &&
    read.messageExpirySeconds === null &&
    read.responseTopic === null &&
    read.correlationData === null;
  return empty ? null : read;
}

export function bytesAsText(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return toHex(bytes, 256);
  }
}

/** The user properties of a message: the last value of a key, or null. */
export function userProperty(properties: MessageProperties | null, key: string): string | null {
  if (!properties) return null;
  let found: string | null = null;
  for (const [name, value] of properties.userProperties) if (name === key) found = value;
  return found;
}
