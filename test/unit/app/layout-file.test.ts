import { describe, expect, it } from 'vitest';
import { layoutFile, readLayoutFile } from '../../../src/app/layout-file';
import { defaultSettings } from '../../../src/storage/settings';
import { newControl } from '../../../src/controls/control-definition';
import { newAlarm } from '../../../src/alarms/alarm-definition';

const arranged = {
  ...defaultSettings('ws://127.0.0.1:9001', () => 'abcd'),
  password: 'secret',
  rememberPassword: true,
  pinned: ['usine/#', 'moteur/vitesse'],
  hidden: ['usine/b'],
  tileFormats: [{ topic: 'moteur/température', unit: '°C', decimals: 1 }],
  deviceNames: [{ device: 'moteur', name: 'Moteur principal' }],
  theme: 'dark' as const,
  controls: [
    newControl({ kind: 'switch', name: 'Pompe', commandTopic: 'pompe/commande', stateTopic: 'pompe/état', onPayload: 'start', offPayload: 'stop', onStates: ['en marche'], offStates: ['arrêtée'] }, 'c1'),
    newControl({ kind: 'setpoint', name: 'Consigne', commandTopic: 'moteur/commande', stateTopic: 'moteur/consigne', min: 0, max: 1800, step: 50, unit: 'rpm', template: '{"consigne": {value}}', confirm: 'ask', expirySeconds: 300 }, 'c2'),
  ],
  alarmSharing: { enabled: true, prefix: 'usine/ligne 1' },
  alarms: [
    newAlarm({ kind: 'high', topic: 'moteur/température', limit: 75, deadband: 2, onDelaySeconds: 5, priority: 'urgent', message: 'Température moteur trop haute' }, 'a1'),
    newAlarm({ kind: 'offline', device: 'capteur', priority: 'high' }, 'a2'),
  ],
  profiles: [
    {
      name: 'Atelier',
      brokerUrl: 'wss://broker.example:8884/mqtt',
      clientId: 'tablette-1',
      username: 'tech',
      protocol: '5' as const,
      keepaliveSeconds: 30,
      cleanSession: false,
      sessionExpirySeconds: 3600,
      subscriptions: [{ filter: 'moteur/#', qos: 1 as const }],
    },
  ],
};

describe('the layout file', () => {
  it('reads back exactly what it wrote, and never holds a password', () => {
    const file = layoutFile(arranged, new Date('2026-11-24T10:00:00Z'));
    const text = JSON.stringify(file);
    expect(text).not.toContain('secret');
    expect(text).not.toContain('password');
    const read = readLayoutFile(text);
    expect(read).toEqual({
      layout: {
        pinned: arranged.pinned,
        hidden: arranged.hidden,
        tileFormats: arranged.tileFormats,
        deviceNames: arranged.deviceNames,
        theme: 'dark',
        controls: arranged.controls,
        alarms: arranged.alarms,
        alarmSharing: arranged.alarmSharing,
        profiles: arranged.profiles,
      },
    });
  });

  it('reads a file without alarm sharing as sharing off, and checks the prefix and the alarms’ ids', () => {
    const file = layoutFile(arranged, new Date(0)) as unknown as { layout: Record<string, unknown> };
    delete file.layout['alarmSharing'];
    const read = readLayoutFile(JSON.stringify(file));
    expect('layout' in read && read.layout.alarmSharing).toEqual({ enabled: false, prefix: 'dashboard' });
    file.layout['alarmSharing'] = { enabled: true, prefix: 'usine/+' };
    expect(readLayoutFile(JSON.stringify(file))).toEqual({ problem: 'layout.alarmSharing.prefix must be one topic, without + or #. Nothing was changed.' });
    file.layout['alarmSharing'] = { enabled: 'yes' };
    expect(readLayoutFile(JSON.stringify(file))).toHaveProperty('problem');
    file.layout['alarmSharing'] = { enabled: true };
    file.layout['alarms'] = [{ id: 'a/b', kind: 'offline', device: 'capteur' }];
    expect(readLayoutFile(JSON.stringify(file))).toEqual({ problem: 'layout.alarms[0].id must not contain /, + or #. Nothing was changed.' });
  });

  it('reads a file exported before controls existed as one without controls', () => {
    const file = layoutFile(arranged, new Date(0)) as unknown as { layout: Record<string, unknown> };
    delete file.layout['controls'];
    const read = readLayoutFile(JSON.stringify(file));
    expect('layout' in read && read.layout.controls).toEqual([]);
  });

  it('names the first wrong field, whatever is wrong', () => {
    const good = layoutFile(arranged, new Date(0));
    const withChange = (change: (file: Record<string, any>) => void): string => {
      // `any`: the test breaks the file's shape on purpose.
      const copy = structuredClone(good) as Record<string, any>;
      change(copy);
      return JSON.stringify(copy);
    };
    const problem = (text: string) => {
      const read = readLayoutFile(text);
      return 'problem' in read ? read.problem : null;
    };
    expect(problem('{"format": ')).toMatch(/^This file is not JSON \(.+\)\. Choose a file made by “Export layout”\.$/);
    expect(problem('[]')).toBe('the file must be an object. Nothing was changed.');
    expect(problem(withChange((file) => (file['format'] = 'other')))).toContain('This is not a layout exported by MQTT Dashboard');
    expect(problem(withChange((file) => (file['version'] = 2)))).toBe('This layout file has version 2; this dashboard reads version 1. Nothing was changed.');
    expect(problem(withChange((file) => (file['layout'].pinned = ['a/#/b'])))).toMatch(/^layout\.pinned\[0\] \(a\/#\/b\): /);
    expect(problem(withChange((file) => (file['layout'].hidden = [''])))).toBe('layout.hidden[0] must not be empty. Nothing was changed.');
    expect(problem(withChange((file) => (file['layout'].tileFormats[0].decimals = 1.5)))).toBe(
      'layout.tileFormats[0].decimals must be null or a whole number from 0 to 10. Nothing was changed.',
    );
    expect(problem(withChange((file) => (file['layout'].theme = 'blue')))).toBe('layout.theme must be one of "system", "light", "dark". Nothing was changed.');
    expect(problem(withChange((file) => (file['profiles'][0].brokerUrl = 'http://x')))).toMatch(/^profiles\[0\]\.brokerUrl: /);
    expect(problem(withChange((file) => (file['profiles'][0].subscriptions[0].qos = 3)))).toBe(
      'profiles[0].subscriptions[0].qos must be one of 0, 1, 2. Nothing was changed.',
    );
    expect(problem(withChange((file) => file['profiles'].push(file['profiles'][0])))).toBe('Two profiles are named “Atelier”: names must differ. Nothing was changed.');
    // Controls, field by field.
    expect(problem(withChange((file) => (file['layout'].controls[0].commandTopic = 'pompe/+')))).toBe(
      'layout.controls[0].commandTopic: Command topic: it must be an exact topic, without + or #. Nothing was changed.',
    );
    expect(problem(withChange((file) => (file['layout'].controls[1].min = 2000)))).toBe('layout.controls[1].max: The maximum must be above the minimum. Nothing was changed.');
    expect(problem(withChange((file) => (file['layout'].controls[0].kind = 'dimmer')))).toBe(
      'layout.controls[0].kind must be one of "switch", "button", "setpoint", "choice", "text". Nothing was changed.',
    );
    expect(problem(withChange((file) => (file['layout'].controls[1].step = '50')))).toBe('layout.controls[1].step must be a number. Nothing was changed.');
    expect(problem(withChange((file) => (file['layout'].controls[0].stateTopic = 'pompe/commande')))).toMatch(/^layout\.controls\[0\]\.stateTopic: The state topic must differ from the command topic/);
    expect(problem(withChange((file) => (file['layout'].controls[1].id = 'c1')))).toBe('layout.controls[1].id: two controls have the id “c1”: ids must differ. Nothing was changed.');
    expect(problem(withChange((file) => (file['layout'].controls[0].confirm = 'maybe')))).toBe('layout.controls[0].confirm must be one of "never", "ask", "hold". Nothing was changed.');
    // Alarms, field by field.
    expect(problem(withChange((file) => (file['layout'].alarms[0].topic = 'moteur/+')))).toBe('layout.alarms[0].topic must be one topic, without + or #. Nothing was changed.');
    expect(problem(withChange((file) => (file['layout'].alarms[0].limit = '75')))).toBe('layout.alarms[0].limit must be a number. Nothing was changed.');
    expect(problem(withChange((file) => (file['layout'].alarms[0].deadband = -1)))).toBe('layout.alarms[0].deadband must not be negative. Nothing was changed.');
    expect(problem(withChange((file) => (file['layout'].alarms[0].onDelaySeconds = 100_000)))).toBe('layout.alarms[0].onDelaySeconds must be from 0 to 86400. Nothing was changed.');
    expect(problem(withChange((file) => (file['layout'].alarms[0].priority = 'critical')))).toBe('layout.alarms[0].priority must be one of "urgent", "high", "medium", "low". Nothing was changed.');
    expect(problem(withChange((file) => (file['layout'].alarms[1].device = '')))).toBe('layout.alarms[1].device must not be empty. Nothing was changed.');
    expect(problem(withChange((file) => (file['layout'].alarms[1].id = 'a1')))).toBe('layout.alarms[1].id: two alarms have the id “a1”: ids must differ. Nothing was changed.');
    expect(problem(withChange((file) => (file['layout'].alarms[0].message = 42)))).toBe('layout.alarms[0].message must be text. Nothing was changed.');
  });
});

describe('controls in a layout file written by hand', () => {
  const file = (controls: unknown[]) => JSON.stringify({ format: 'mqtt-dashboard-layout', version: 1, exportedAt: '', layout: { pinned: [], hidden: [], tileFormats: [], deviceNames: [], theme: 'system', controls }, profiles: [] });

  it('takes the defaults for the fields left out, and checks those given', () => {
    const read = readLayoutFile(file([{ kind: 'setpoint', name: 'Consigne', commandTopic: 'moteur/commande', stateTopic: 'moteur/consigne', max: 1800, step: 50 }]));
    expect('layout' in read && read.layout.controls[0]).toMatchObject({ kind: 'setpoint', min: 0, max: 1800, step: 50, qos: 1, confirm: 'never', template: '{value}', timeoutSeconds: 10 });
    const bad = readLayoutFile(file([{ kind: 'switch', name: 'Pompe', commandTopic: 'pompe/commande', qos: '1' }]));
    expect('problem' in bad && bad.problem).toBe('layout.controls[0].qos must be one of 0, 1, 2. Nothing was changed.');
    const nameless = readLayoutFile(file([{ kind: 'switch', commandTopic: 'pompe/commande' }]));
    expect('problem' in nameless && nameless.problem).toBe('layout.controls[0].name must be text. Nothing was changed.');
  });
});
