/** Several broker URLs for a cluster: parsed, checked, and taken in turn. */
import { describe, expect, it } from 'vitest';
import { BrokerRotation, brokerListProblem, brokerUrls } from '../../../src/mqtt/broker-list';

describe('broker lists', () => {
  it('split on spaces, commas and new lines', () => {
    expect(brokerUrls(' ws://a:1/ws, ws://b:2/ws\nwss://c:3/mqtt ')).toEqual(['ws://a:1/ws', 'ws://b:2/ws', 'wss://c:3/mqtt']);
    expect(brokerUrls('ws://a:1')).toEqual(['ws://a:1']);
  });

  it('name the first bad URL', () => {
    expect(brokerListProblem('ws://a:1 ws://b:2')).toBeNull();
    expect(brokerListProblem('ws://a:1 http://b:2')).toEqual({ kind: 'bad-broker-url', url: 'http://b:2', fault: 'not-websocket' });
    expect(brokerListProblem('  ')).toEqual({ kind: 'bad-broker-url', url: '', fault: 'empty' });
  });

  it('are taken in turn, round the list', () => {
    const rotation = new BrokerRotation();
    rotation.reset('ws://a:1 ws://b:2 ws://c:3');
    expect(rotation.current).toBe('ws://a:1');
    rotation.advance();
    rotation.advance();
    expect(rotation.current).toBe('ws://c:3');
    rotation.advance();
    expect(rotation.current).toBe('ws://a:1');
    rotation.reset('ws://only:1');
    expect(rotation.advance()).toBe(false);
    expect(rotation.current).toBe('ws://only:1');
  });
});
