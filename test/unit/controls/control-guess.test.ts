import { describe, expect, it } from 'vitest';
import { guessControl } from '../../../src/controls/control-guess';

const known = (...topics: string[]) => (topic: string) => topics.includes(topic);

describe('a control’s first draft, made from a tile', () => {
  it('a start/stop state on a known device: a switch on its seen <device>/commande', () => {
    const draft = guessControl({ stateTopic: 'pompe/état', reported: 'en marche', device: 'pompe', known: known('pompe/commande') }, 'x');
    expect(draft).toMatchObject({ kind: 'switch', commandTopic: 'pompe/commande', stateTopic: 'pompe/état', onPayload: 'start', offPayload: 'stop', onStates: ['en marche', 'marche'] });
  });

  it('a number: a setpoint whose range holds the value', () => {
    const draft = guessControl({ stateTopic: 'moteur/consigne', reported: '1450', device: 'moteur', known: known() }, 'x');
    expect(draft).toMatchObject({ kind: 'setpoint', commandTopic: 'moteur/commande', min: 0, max: 10_000 });
  });

  it('a topic of no known device: <topic>/set, as Zigbee2MQTT and Tasmota-like devices take', () => {
    const draft = guessControl({ stateTopic: 'zigbee2mqtt/prise_1', reported: 'ON', device: null, known: known() }, 'x');
    expect(draft).toMatchObject({ kind: 'switch', commandTopic: 'zigbee2mqtt/prise_1/set', onPayload: 'ON', offPayload: 'OFF' });
  });

  it('a word it does not know: a choice offering that word', () => {
    expect(guessControl({ stateTopic: 'clim/mode', reported: 'froid', known: known() }, 'x')).toMatchObject({ kind: 'choice', options: ['froid'] });
  });

  it('from a device card: a switch on <device>/commande', () => {
    expect(guessControl({ device: 'vanne', known: known() }, 'x')).toMatchObject({ kind: 'switch', commandTopic: 'vanne/commande', stateTopic: '', name: 'vanne' });
  });
});
