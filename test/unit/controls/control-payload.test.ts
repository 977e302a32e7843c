import { describe, expect, it } from 'vitest';
import { newControl } from '../../../src/controls/control-definition';
import { commandPayload, confirms, fillTemplate, readReported, reportedNumber, snapSetpoint, switchStateOf, textAllowed } from '../../../src/controls/control-payload';

const pump = newControl({ kind: 'switch', name: 'Pompe', commandTopic: 'pompe/commande', stateTopic: 'pompe/état', onPayload: 'start', offPayload: 'stop', onStates: ['en marche'], offStates: ['arrêtée'] }, 'p');
const plug = newControl({ kind: 'switch', name: 'Prise', commandTopic: 'zigbee2mqtt/prise_1/set', stateTopic: 'zigbee2mqtt/prise_1', statePath: 'state', onPayload: 'ON', offPayload: 'OFF' }, 'z');
const speed = newControl({ kind: 'setpoint', name: 'Consigne', commandTopic: 'moteur/commande', stateTopic: 'moteur/consigne', min: 0, max: 1800, step: 50, template: '{"consigne": {value}}' }, 's');

describe('what a control sends', () => {
  it.each([
    [pump, 'on', 'start'],
    [pump, 'off', 'stop'],
    [speed, '1250', '{"consigne": 1250}'],
    [newControl({ kind: 'button', name: 'B', commandTopic: 'a/b', onPayload: 'reset' }, 'b'), 'press', 'reset'],
    [newControl({ kind: 'choice', name: 'Mode', commandTopic: 'a/mode', options: ['auto', 'manuel'] }, 'c'), 'manuel', 'manuel'],
  ])('%#: %s → %s', (control, value, payload) => {
    expect(commandPayload(control, value)).toBe(payload);
  });

  it('writes a text between quotes as a JSON string, so a quote cannot break the payload', () => {
    expect(fillTemplate('{"texte": "{value}"}', 'dit "bonjour"\\', false)).toBe('{"texte": "dit \\"bonjour\\"\\\\"}');
    expect(JSON.parse(fillTemplate('{"texte": "{value}"}', 'a"b', false))).toEqual({ texte: 'a"b' });
    expect(fillTemplate('{value}', 'a"b', false)).toBe('a"b');
  });
});

describe('what a device reports', () => {
  it('reads the whole payload, a measure’s number, or a path in its JSON', () => {
    expect(readReported(pump, { text: ' en marche ' })).toBe('en marche');
    expect(readReported(speed, { text: '1450 rpm', source: '{"value": 1450, "unit": "rpm"}', value: 1450 })).toBe('1450');
    expect(readReported(plug, { text: '{"state":"ON","power":12.5}' })).toBe('ON');
    const nested = { ...speed, statePath: 'mesures.vitesse' };
    expect(readReported(nested, { text: '{"mesures":{"vitesse":1200}}' })).toBe('1200');
    expect(readReported(nested, { text: '{"mesures":{}}' })).toBeNull();
    expect(readReported(nested, { text: 'not json' })).toBeNull();
    expect(readReported({ statePath: 'constructor' }, { text: '{}' })).toBeNull();
  });

  it('knows which reported values mean on and off, ignoring case and spaces', () => {
    expect(switchStateOf(pump, 'En marche')).toBe('on');
    expect(switchStateOf(pump, 'arrêtée')).toBe('off');
    expect(switchStateOf(pump, 'défaut')).toBeNull();
    expect(switchStateOf(plug, 'on')).toBe('on'); // no states given: the payloads themselves
    expect(switchStateOf(plug, 'true')).toBe('on'); // ON/OFF payloads: a boolean report too
    expect(switchStateOf(plug, '0')).toBe('off');
    expect(switchStateOf(pump, 'true')).toBeNull(); // start/stop with its own states: only those
  });

  it('confirms a number within half a step', () => {
    expect(confirms(speed, '1250', '1250')).toBe(true);
    expect(confirms(speed, '1250', '1274.9')).toBe(true);
    expect(confirms(speed, '1250', '1275.1')).toBe(false);
    expect(confirms(speed, '1250', '1250,0')).toBe(true);
    expect(confirms(speed, '1250', 'abc')).toBe(false);
    expect(confirms(pump, 'off', 'arrêtée')).toBe(true);
    expect(confirms(pump, 'off', 'en marche')).toBe(false);
  });

  it('reads numbers as devices write them, and nothing else', () => {
    expect(reportedNumber('1200')).toBe(1200);
    expect(reportedNumber(' -3.5e2 ')).toBe(-350);
    expect(reportedNumber('12 rpm')).toBeNull();
    expect(reportedNumber('')).toBeNull();
    expect(reportedNumber('0x10')).toBeNull();
  });
});

describe('a setpoint’s grid and a text’s pattern', () => {
  it('snaps a value to the step, within the range', () => {
    expect(snapSetpoint(speed, 1262)).toBe(1250);
    expect(snapSetpoint(speed, 1900)).toBe(1800);
    expect(snapSetpoint({ min: 0, max: 1, step: 0.1 }, 0.30000000000000004)).toBe(0.3);
  });

  it('checks the whole text against the pattern', () => {
    expect(textAllowed('[A-Z]{2}', 'AB')).toBe(true);
    expect(textAllowed('[A-Z]{2}', 'ABC')).toBe(false);
    expect(textAllowed('', 'anything')).toBe(true);
    expect(textAllowed('(', 'x')).toBeNull();
  });
});
