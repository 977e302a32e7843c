/** MQTT reason codes the transport acts on (their words are the page's: src/ui/reason-words.ts). */

/** True when a CONNACK refusal means "try an older protocol version". */
export function isProtocolVersionRefusal(code: number): boolean {
  return code === 1 || code === 0x84;
}

/**
 * True when a CONNACK refusal says "not now" rather than "not you": the server unavailable (3.1.1 code 3,
 * MQTT 5 0x88), busy (0x89), over its quota (0x97) or its connection rate (0x9F), or an unspecified or
 * implementation-specific error (0x80, 0x83). These are tried again with the usual backoff; bad credentials,
 * not authorized, a bad client id, a ban or a wrong protocol version are not.
 */
export function isTransientRefusal(code: number, protocol: '3.1.1' | '5'): boolean {
  return protocol === '3.1.1' ? code === 3 : [0x80, 0x83, 0x88, 0x89, 0x97, 0x9f].includes(code);
}

/** True when a CONNACK refusal is about the login: bad user name or password, or not authorized (3.1.1 and 5). */
export function isCredentialRefusal(code: number): boolean {
  return code === 4 || code === 5 || code === 0x86 || code === 0x87;
}
