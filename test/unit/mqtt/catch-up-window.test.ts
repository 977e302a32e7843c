import { describe, expect, it } from 'vitest';
import { BURST_GAP_MS, CatchUpWindow, OwnEchoes, WINDOW_LIMIT_MS } from '../../../src/mqtt/catch-up-window';

describe('messages received while away', () => {
  it('nothing is catch-up when the broker did not resume a session', () => {
    const window = new CatchUpWindow();
    window.connected(false, 1000);
    expect(window.receivedWhileAway(1001)).toBe(false);
  });

  it('what arrives before the ping is answered is catch-up (Mosquitto sends its queue right behind the CONNACK)', () => {
    const window = new CatchUpWindow();
    window.connected(true, 1000);
    expect([1001, 1002, 1003].map((at) => window.receivedWhileAway(at))).toEqual([true, true, true]);
    window.pingAnswered(1004);
    expect(window.receivedWhileAway(1004 + BURST_GAP_MS + 1)).toBe(false);
    expect(window.receivedWhileAway(1004 + BURST_GAP_MS + 2)).toBe(false); // closed for good
  });

  it('a burst still streaming after the ping answer stays catch-up until it pauses (Aedes)', () => {
    const window = new CatchUpWindow();
    window.connected(true, 1000);
    window.pingAnswered(1001);
    // The queue starts streaming only after the ping answer, a little later.
    expect(window.receivedWhileAway(1001 + BURST_GAP_MS - 10)).toBe(true);
    expect(window.receivedWhileAway(1001 + BURST_GAP_MS)).toBe(true);
    expect(window.receivedWhileAway(1001 + 3 * BURST_GAP_MS)).toBe(false);
  });

  it('a reply to a command sent from the outbox after the reconnect is live: the broker acknowledged the command after its queue', () => {
    const window = new CatchUpWindow();
    window.connected(true, 1000);
    expect(window.receivedWhileAway(1001)).toBe(true); // kept while away
    window.ownPublicationAcknowledged();
    expect(window.receivedWhileAway(1050)).toBe(false); // the device's answer, 50 ms after the PUBACK
  });

  it('never lasts beyond its limit, whatever the rate, and closes with the link', () => {
    const window = new CatchUpWindow();
    window.connected(true, 0);
    let at = 0;
    while (at < WINDOW_LIMIT_MS) expect(window.receivedWhileAway((at += 10))).toBe(true);
    expect(window.receivedWhileAway(at + 10)).toBe(false);
    window.connected(true, 10_000);
    window.closed();
    expect(window.receivedWhileAway(10_001)).toBe(false);
  });
});

describe('OwnEchoes', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('knows the echo of what the dashboard sent, once per publication', () => {
    const echoes = new OwnEchoes();
    echoes.sent('moteur/commande', 'stop');
    echoes.sent('moteur/commande', bytes('stop'));
    expect(echoes.isEcho('moteur/commande', bytes('start'))).toBe(false);
    expect(echoes.isEcho('pompe/commande', bytes('stop'))).toBe(false);
    expect(echoes.isEcho('moteur/commande', bytes('stop'))).toBe(true);
    expect(echoes.isEcho('moteur/commande', bytes('stop'))).toBe(true);
    expect(echoes.isEcho('moteur/commande', bytes('stop'))).toBe(false);
  });

  it('forgets everything on a new link, and the oldest beyond a whole flush', () => {
    const echoes = new OwnEchoes();
    echoes.sent('a', 'x');
    echoes.clear();
    expect(echoes.isEcho('a', bytes('x'))).toBe(false);
    for (let index = 0; index < 1001; index++) echoes.sent('ligne/commande', `q${index}`);
    expect(echoes.isEcho('ligne/commande', bytes('q0'))).toBe(false);
    expect(echoes.isEcho('ligne/commande', bytes('q1'))).toBe(true);
    expect(echoes.isEcho('ligne/commande', bytes('q1000'))).toBe(true);
  });
});
