/** The words every layer speaks (engine, mirror, elements, storage), each defined once. */

/** An MQTT quality of service: at most once, at least once, exactly once. */
export type QoS = 0 | 1 | 2;

/** The MQTT version a connection speaks. */
export type ProtocolVersion = '5' | '3.1.1';

/** The MQTT version the user asks for: `auto` tries 5, then falls back to 3.1.1. */
export type ProtocolChoice = 'auto' | ProtocolVersion;

/** Where a QoS 1/2 handshake of a command stands: its PUBLISH sent, or (QoS 2) its PUBREL. */
export type HandshakeStage = 'publish' | 'pubrel';
