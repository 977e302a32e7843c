/** The controls `npm start` gives its simulated devices on a first visit (the user can change them). */
import { newControl, type ControlDefinition } from '../src/controls/control-definition';

export function demoControls(): ControlDefinition[] {
  return [
    newControl(
      { kind: 'switch', name: 'Pompe', commandTopic: 'pompe/commande', stateTopic: 'pompe/état', answerTopic: 'pompe/dernière-commande', onPayload: 'start', offPayload: 'stop', onStates: ['en marche'], offStates: ['arrêtée'] },
      'demo-pompe',
    ),
    newControl(
      { kind: 'switch', name: 'Moteur', commandTopic: 'moteur/commande', stateTopic: 'moteur/état', answerTopic: 'moteur/dernière-commande', onPayload: 'start', offPayload: 'stop', onStates: ['en marche'], offStates: ['arrêté'], confirm: 'ask' },
      'demo-moteur',
    ),
    newControl(
      { kind: 'setpoint', name: 'Consigne moteur', commandTopic: 'moteur/commande', stateTopic: 'moteur/consigne', min: 0, max: 1800, step: 50, unit: 'rpm', template: '{"consigne": {value}}' },
      'demo-consigne',
    ),
  ];
}
