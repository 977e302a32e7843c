/** The controls and alarms `npm start` gives its simulated devices on a first visit (the user can change them). */
import { newControl, type ControlDefinition } from '../src/controls/control-definition';
import { newAlarm, type AlarmDefinition } from '../src/alarms/alarm-definition';

/** Limits on the motor (which overheats now and then), the sensor's Last Will, the pump's silence. */
export function demoAlarms(): AlarmDefinition[] {
  return [
    newAlarm({ kind: 'high', topic: 'moteur/température', limit: 75, deadband: 2, onDelaySeconds: 3, priority: 'high', message: 'Température moteur haute' }, 'demo-moteur-haute'),
    newAlarm({ kind: 'high-high', topic: 'moteur/température', limit: 85, deadband: 2, priority: 'urgent', message: 'Température moteur trop haute' }, 'demo-moteur-tres-haute'),
    newAlarm({ kind: 'offline', device: 'capteur', priority: 'medium', message: 'Capteur hors ligne' }, 'demo-capteur'),
    newAlarm({ kind: 'no-data', topic: 'pompe/débit', silenceSeconds: 30, priority: 'low', message: 'Pompe muette' }, 'demo-pompe-muette'),
  ];
}

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
