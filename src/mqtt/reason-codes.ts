/** MQTT reason codes the transport acts on (their words are the page's: src/ui/reason-words.ts). */

/** True when a CONNACK refusal means "try an older protocol version". */
export function isProtocolVersionRefusal(code: number): boolean {
  return code === 1 || code === 0x84;
}
