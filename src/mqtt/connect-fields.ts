/**
 * The CONNECT packet's fields against MQTT's limits, before anything is sent: a UTF-8 string or binary
 * field carries at most 65,535 bytes, and no string may hold a null character. The dashboard's own Last
 * Will topic (`dashboard/<client id>/status`) counts too, and must be a topic name: a client id with a
 * wildcard cannot be part of it.
 */
import type { ConnectField, Problem } from '../shared/problems';
import type { ConnectRequest } from './connection-types';

export const MAX_FIELD_BYTES = 65_535;

const utf8 = new TextEncoder();

export function connectFieldProblem(request: ConnectRequest): Problem | null {
  const fields: Array<[ConnectField, string]> = [
    ['client-id', request.clientId],
    ['username', request.username],
    ['password', request.password],
  ];
  if (request.presenceTopic !== null) fields.push(['will-topic', request.presenceTopic]);
  for (const [field, value] of fields) {
    const bytes = utf8.encode(value).length;
    if (bytes > MAX_FIELD_BYTES) return { kind: 'bad-connect-field', field, fault: 'too-long', bytes };
    if (field !== 'password' && value.includes('\u0000')) return { kind: 'bad-connect-field', field, fault: 'null-character', bytes };
  }
  if (request.presenceTopic !== null && /[+#]/.test(request.clientId)) {
    return { kind: 'bad-connect-field', field: 'will-topic', fault: 'wildcard', bytes: utf8.encode(request.presenceTopic).length };
  }
  return null;
}
