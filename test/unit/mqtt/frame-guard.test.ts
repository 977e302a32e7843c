import { describe, expect, it } from 'vitest';
import { FrameGuard } from '../../../src/mqtt/frame-guard';
import { connectFieldProblem } from '../../../src/mqtt/connect-fields';
import type { ConnectRequest } from '../../../src/mqtt/connection-types';

const MiB = 1024 * 1024;

describe('the frame guard', () => {
  it('lets valid packets through, however they are split into chunks', () => {
    const guard = new FrameGuard('5', MiB);
    // CONNACK, then a PUBLISH of 200 bytes (a 2-byte length), then PINGRESP, fed one byte at a time.
    const publish = [0x30, 0xc8, 0x01, ...new Array<number>(200).fill(0x61)];
    const stream = [0x20, 0x03, 0x00, 0x00, 0x00, ...publish, 0xd0, 0x00];
    for (const byte of stream) expect(guard.feed(new Uint8Array([byte]))).toBeNull();
  });

  it('says where, in the chunk, the faulty packet begins: the whole packets before it are kept', () => {
    const guard = new FrameGuard('5', MiB);
    const publish = [0x30, 0x05, 0x00, 0x01, 0x61, 0x6f, 0x6b];
    expect(guard.feed(new Uint8Array([...publish, 0x00, 0x00, ...publish]))?.detail).toBe('a packet of reserved type 0');
    expect(guard.faultAt).toBe(publish.length);
    const split = new FrameGuard('5', MiB);
    expect(split.feed(new Uint8Array([0x30, 0xff]))).toBeNull();
    expect(split.feed(new Uint8Array([0xff, 0xff, 0xff]))?.code).toBe(0x81); // began in the chunk before
    expect(split.faultAt).toBe(0);
  });

  it('names a PUBLISH with QoS 3, a reserved type, a client-only packet and bad flags', () => {
    expect(new FrameGuard('5', MiB).feed(new Uint8Array([0x36, 0x00]))?.detail).toBe('a PUBLISH with QoS 3');
    expect(new FrameGuard('5', MiB).feed(new Uint8Array([0x00, 0x00]))?.code).toBe(0x81);
    expect(new FrameGuard('3.1.1', MiB).feed(new Uint8Array([0xf0, 0x00]))?.detail).toBe('a packet of reserved type 15');
    expect(new FrameGuard('5', MiB).feed(new Uint8Array([0xc0, 0x00]))).toEqual({ code: 0x82, detail: 'a PINGREQ, which only a client sends' });
    expect(new FrameGuard('5', MiB).feed(new Uint8Array([0x62, 0x02, 0x00, 0x01]))).toBeNull(); // PUBREL has flags 0010
    expect(new FrameGuard('5', MiB).feed(new Uint8Array([0x60, 0x02, 0x00, 0x01]))?.detail).toBe('a PUBREL with wrong header flags');
  });

  it('refuses a length over 4 bytes, and a packet over the limit from its first bytes', () => {
    expect(new FrameGuard('5', MiB).feed(new Uint8Array([0x30, 0xff, 0xff, 0xff, 0xff]))?.code).toBe(0x81);
    const tooLarge = new FrameGuard('5', MiB).feed(new Uint8Array([0x30, 0x80, 0x80, 0x40]));
    expect(tooLarge?.code).toBe(0x95);
    expect(tooLarge?.detail).toBe('a PUBLISH of 1,048,580 bytes, over the 1,048,576 bytes the dashboard accepts');
  });
});

describe('the CONNECT fields', () => {
  const request: ConnectRequest = {
    brokerUrl: 'ws://127.0.0.1:9001',
    clientId: 'tablette-1',
    username: 'tech',
    password: 'secret',
    keepaliveSeconds: 30,
    protocol: 'auto',
    cleanSession: false,
    sessionExpirySeconds: 3600,
    presenceTopic: 'dashboard/tablette-1/status',
    maximumPacketBytes: MiB,
  };

  it('accepts fields within MQTT limits', () => {
    expect(connectFieldProblem(request)).toBeNull();
  });

  it('names the field over 65,535 bytes of UTF-8, counting the Will topic that holds the client id', () => {
    expect(connectFieldProblem({ ...request, username: 'é'.repeat(32_768) })).toEqual({ kind: 'bad-connect-field', field: 'username', fault: 'too-long', bytes: 65_536 });
    const clientId = 'a'.repeat(65_530);
    expect(connectFieldProblem({ ...request, clientId, presenceTopic: `dashboard/${clientId}/status` })?.kind).toBe('bad-connect-field');
    expect(connectFieldProblem({ ...request, clientId, presenceTopic: `dashboard/${clientId}/status` })).toMatchObject({ field: 'will-topic' });
    expect(connectFieldProblem({ ...request, clientId, presenceTopic: null })).toBeNull();
  });

  it('refuses a wildcard in a client id that the Will topic holds, and null characters', () => {
    expect(connectFieldProblem({ ...request, clientId: 'a+b', presenceTopic: 'dashboard/a+b/status' })).toMatchObject({ fault: 'wildcard' });
    expect(connectFieldProblem({ ...request, clientId: 'a\u0000b' })).toMatchObject({ field: 'client-id', fault: 'null-character' });
  });
});
