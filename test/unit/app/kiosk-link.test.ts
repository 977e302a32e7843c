import { describe, expect, it } from 'vitest';
import { parseKioskLink } from '../../../src/app/kiosk-link';

describe('kiosk link', () => {
  it('reads the documented example', () => {
    const link = parseKioskLink('?broker=ws://127.0.0.1:9001&sub=moteur/%23&sub=usine/+/pression');
    expect(link.settings).toEqual({ brokerUrl: 'ws://127.0.0.1:9001' });
    expect(link.subscriptions).toEqual([
      { filter: 'moteur/#', qos: 0 },
      { filter: 'usine/+/pression', qos: 0 },
    ]);
    expect(link.connectAtLoad).toBe(true);
  });

  it('reads every parameter', () => {
    const link = parseKioskLink(
      '?broker=wss://b.example/mqtt&sub=a/%2B/c&qos=2&clientId=tablet-1&v=4&clean=0&keepalive=15&username=tech',
    );
    expect(link.settings).toEqual({
      brokerUrl: 'wss://b.example/mqtt',
      clientId: 'tablet-1',
      protocol: '3.1.1',
      cleanSession: false,
      keepaliveSeconds: 15,
      username: 'tech',
    });
    expect(link.subscriptions).toEqual([{ filter: 'a/+/c', qos: 2 }]);
    expect(link.problems).toEqual([]);
  });

  it('ignores bad values with a reason, and keeps the good ones', () => {
    const link = parseKioskLink('?qos=7&v=6&clean=yes&keepalive=-1&sub=a/%23/b&sub=ok');
    expect(link.problems).toHaveLength(5);
    expect(link.problems.join('\n')).toMatch(/qos=7.*0, 1 or 2/);
    expect(link.subscriptions).toEqual([{ filter: 'ok', qos: 0 }]);
  });

  it('keeps + as the wildcard and decodes percent-escapes, including non-ASCII', () => {
    const link = parseKioskLink('?sub=moteur/temp%C3%A9rature&sub=%2B/status&sub=a%20b');
    expect(link.subscriptions?.map((s) => s.filter)).toEqual(['moteur/température', '+/status', 'a b']);
  });

  it('turns the dashboard\'s own Last Will and device presence on or off', () => {
    const off = parseKioskLink('?will=0&presence=0');
    expect(off.settings.lastWill).toBe(false);
    expect(off.presenceEnabled).toBe(false);
    expect(off.connectAtLoad).toBe(true);
    const wrong = parseKioskLink('?will=yes&presence=2');
    expect(wrong.settings.lastWill).toBeUndefined();
    expect(wrong.presenceEnabled).toBeNull();
    expect(wrong.problems).toEqual([
      "will=yes was ignored: use 1 (announce the dashboard's presence, with a Last Will) or 0.",
      'presence=2 was ignored: use 1 (track device presence) or 0.',
    ]);
  });

  it('fresh=0 waits for a cluster node that holds the session; fresh=1 starts a fresh one; another value is reported', () => {
    expect(parseKioskLink('?broker=ws://a:1&broker=ws://b:2&fresh=0').settings).toMatchObject({ brokerUrl: 'ws://a:1 ws://b:2', freshSessionWhenPinned: false });
    expect(parseKioskLink('?fresh=1').settings.freshSessionWhenPinned).toBe(true);
    expect(parseKioskLink('?fresh=yes').problems).toEqual([
      'fresh=yes was ignored: use 1 (a cluster that keeps dropping the session: start a fresh one) or 0 (wait for its node).',
    ]);
  });

  it('commands=1 offers the quick commands on a kiosk; another value is reported', () => {
    expect(parseKioskLink('?broker=ws://h:9001&kiosk=1&commands=1')).toMatchObject({ kiosk: true, kioskCommands: true, problems: [] });
    expect(parseKioskLink('?kiosk=1&commands=yes').problems).toEqual(['commands=yes was ignored: use 1 (quick commands on the device cards) or 0.']);
  });

  it('sphost makes the dashboard a Sparkplug host application; rebirth says how an out-of-sync node is asked', () => {
    expect(parseKioskLink('?sphost=tableau-1&rebirth=ask')).toMatchObject({ settings: { sparkplugHostId: 'tableau-1', sparkplugRebirth: 'ask' }, problems: [] });
    expect(parseKioskLink('?sphost=a/b&rebirth=never').problems).toEqual([
      'sphost=a/b was ignored: a Sparkplug host id is one topic level, without /, + or #.',
      'rebirth=never was ignored: use auto (ask an out-of-sync Sparkplug node to rebirth at once) or ask (offer a button).',
    ]);
  });

  it('does nothing without parameters', () => {
    expect(parseKioskLink('')).toEqual({ settings: {}, subscriptions: null, presenceEnabled: null, kiosk: false, kioskCommands: false, kioskAlarms: false, connectAtLoad: false, problems: [] });
  });

  it('ack=1 lets a kiosk acknowledge alarms; anything else is said', () => {
    expect(parseKioskLink('?kiosk=1&ack=1').kioskAlarms).toBe(true);
    expect(parseKioskLink('?kiosk=1&ack=0').kioskAlarms).toBe(false);
    const odd = parseKioskLink('?kiosk=1&ack=yes');
    expect(odd.kioskAlarms).toBe(false);
    expect(odd.problems).toEqual(['ack=yes was ignored: use 1 (alarms can be acknowledged from this screen) or 0.']);
  });
});
