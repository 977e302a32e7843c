/** Problems travel as data; the page words them, in one place. */
import { describe, expect, it } from 'vitest';
import { brokerUrlProblem } from '../../../src/mqtt/broker-url';
import { commandProblem } from '../../../src/mqtt/command-validation';
import { storageFailure } from '../../../src/shared/problems';
import { problemWords } from '../../../src/ui/problem-words';

describe('problem words', () => {
  it('say why a connection failed or was lost, with what to do', () => {
    expect(problemWords({ kind: 'unreachable', brokerUrl: 'ws://x:1/' })).toMatch(/Cannot reach ws:\/\/x:1\/: no MQTT answer.*WebSocket listener/);
    const refusal = { kind: 'connect-refused', reasonString: null, auto: false, usernameSent: true, passwordSent: true } as const;
    expect(problemWords({ ...refusal, code: 0x86, protocol: '5' })).toBe(
      'Connection refused: bad user name or password. Check the username and password, then Connect.',
    );
    expect(problemWords({ ...refusal, code: 0x86, protocol: '5', passwordSent: false })).toContain('No password was sent');
    expect(problemWords({ ...refusal, code: 5, protocol: '3.1.1', usernameSent: false, passwordSent: false })).toContain(
      'No username was sent: if this broker needs a login, enter its username and password',
    );
    expect(problemWords({ ...refusal, code: 0x87, protocol: '5', reasonString: 'ACL: ligne 3 only' })).toBe(
      'Connection refused: not authorized (the broker says: “ACL: ligne 3 only”). Check the username and password, then Connect.',
    );
    expect(problemWords({ ...refusal, code: 1, protocol: '3.1.1' })).toMatch(/Choose Auto or another MQTT version/);
    const bothRefused = problemWords({ ...refusal, code: 0x84, protocol: '3.1.1', auto: true });
    expect(bothRefused).toMatch(/^Connection refused: the broker does not accept this MQTT protocol version\. The dashboard tried MQTT 5 and then 3\.1\.1/);
    expect(bothRefused).not.toContain('Choose Auto');
    expect(problemWords({ kind: 'unreachable', brokerUrl: 'wss://plc.local:8884/mqtt' })).toContain(
      'open https://plc.local:8884/ once in this browser',
    );
    expect(problemWords({ kind: 'unreachable', brokerUrl: 'ws://plc.local:8080/' })).not.toContain('certificate');
    expect(problemWords({ kind: 'link-lost', cause: { kind: 'closed-by-broker', code: 0x8e, reasonString: 'taken over' } })).toBe(
      'Connection lost. The broker closed the connection: session taken over by another client with the same client ID (taken over).',
    );
    expect(problemWords({ kind: 'link-lost', cause: { kind: 'keepalive-timeout', keepaliveSeconds: 20 } })).toContain('1.5 × keep-alive (30 s)');
    expect(problemWords({ kind: 'link-lost', cause: null })).toBe('Connection lost. The connection closed with no word from the broker: the broker stopped, or the network between went away.');
  });

  it('say what is wrong with what the user typed', () => {
    const url = brokerUrlProblem('http://broker');
    expect(url).toEqual({ kind: 'bad-broker-url', url: 'http://broker', fault: 'not-websocket' });
    expect(problemWords(url ?? { kind: 'not-connected' })).toContain('must start with ws:// or wss://');
    const big = commandProblem('moteur/commande', 'x'.repeat(300 * 1024), null);
    expect(big).toMatchObject({ kind: 'payload-too-large', brokersLimit: false });
    expect(problemWords(big ?? { kind: 'not-connected' })).toMatch(/^The payload is .* more than the limit for commands: .*Shorten it\.$/);
  });

  it('tell a full storage from another storage failure', () => {
    const full = storageFailure('command', new DOMException('quota', 'QuotaExceededError'));
    expect(full).toMatchObject({ kind: 'storage-failed', thing: 'command', full: true });
    expect(problemWords(full)).toContain('storage for this site is full, so the command was not queued');
    expect(problemWords(storageFailure('settings', new Error('disk I/O')))).toBe('Settings could not be saved (disk I/O); they will be lost on reload.');
  });
});
