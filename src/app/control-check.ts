/**
 * Checks a control as made in its editor or read from a layout file: the first field that cannot be used,
 * named, with what to change. A control that passes can be drawn and sent.
 */
import { textAllowed } from '../controls/control-payload';
import { VALUE_PLACEHOLDER, type ControlDefinition } from '../controls/control-definition';
import { topicNameProblem } from '../mqtt/topic-filter';
import { msg } from '../i18n/words';

export interface ControlFieldProblem {
  /** The field, as named in the layout file (`commandTopic`, `max`…). */
  field: keyof ControlDefinition;
  text: string;
}

const MAX_NAME = 80;
const MAX_OPTIONS = 50;
/** A week: longer than any device takes to answer. */
const MAX_TIMEOUT_SECONDS = 604_800;

export function controlProblem(control: ControlDefinition): ControlFieldProblem | null {
  const problem = (field: keyof ControlDefinition, text: string): ControlFieldProblem => ({ field, text });
  if (control.name.trim() === '') return problem('name', msg('Give the control a name.'));
  if (control.name.length > MAX_NAME) return problem('name', msg('A name has at most {0} characters.', MAX_NAME));
  const commandTopic = topicProblem(control.commandTopic, true);
  if (commandTopic) return problem('commandTopic', msg('Command topic: {0}', commandTopic));
  const stateTopic = topicProblem(control.stateTopic, false);
  if (stateTopic) return problem('stateTopic', msg('State topic: {0}', stateTopic));
  if (control.stateTopic !== '' && control.stateTopic === control.commandTopic && control.statePath === '') {
    return problem('stateTopic', msg('The state topic must differ from the command topic: the dashboard would take its own command for the device’s answer.'));
  }
  if (control.statePath !== '' && (control.stateTopic === '' || control.statePath.split('.').some((key) => key.trim() === ''))) {
    return problem('statePath', msg('A path reads a value in the state topic’s JSON, like state or mesures.vitesse: it needs a state topic and no empty part.'));
  }
  const answerTopic = topicProblem(control.answerTopic, false);
  if (answerTopic) return problem('answerTopic', msg('Answer topic: {0}', answerTopic));
  switch (control.kind) {
    case 'switch':
      if (control.onPayload === control.offPayload) return problem('offPayload', msg('The on and off payloads must differ.'));
      if (control.onStates.some((state) => control.offStates.includes(state))) return problem('offStates', msg('A reported value cannot mean both on and off.'));
      break;
    case 'setpoint': {
      for (const field of ['min', 'max', 'step'] as const) {
        if (!Number.isFinite(control[field])) return problem(field, msg('{0} must be a number.', field));
      }
      if (control.min >= control.max) return problem('max', msg('The maximum must be above the minimum.'));
      if (control.step <= 0) return problem('step', msg('The step must be above 0.'));
      if (control.step > control.max - control.min) return problem('step', msg('The step must not be larger than the range.'));
      if ((control.max - control.min) / control.step > 1_000_000) return problem('step', msg('The step is too small for this range: at most 1,000,000 steps.'));
      if (!control.template.includes(VALUE_PLACEHOLDER)) return problem('template', msg('The payload must contain {value}, where the number goes.'));
      break;
    }
    case 'choice':
      if (control.options.length === 0) return problem('options', msg('Give at least one option.'));
      if (control.options.length > MAX_OPTIONS) return problem('options', msg('At most {0} options.', MAX_OPTIONS));
      if (control.options.some((option) => option.trim() === '')) return problem('options', msg('An option must not be empty.'));
      if (new Set(control.options).size !== control.options.length) return problem('options', msg('Two options are the same.'));
      if (!control.template.includes(VALUE_PLACEHOLDER)) return problem('template', msg('The payload must contain {value}, where the option goes.'));
      break;
    case 'text':
      if (textAllowed(control.pattern, '') === null) return problem('pattern', msg('The pattern is not a regular expression this browser can read.'));
      if (!control.template.includes(VALUE_PLACEHOLDER)) return problem('template', msg('The payload must contain {value}, where the text goes.'));
      break;
    case 'button':
      break;
  }
  if (!Number.isInteger(control.timeoutSeconds) || control.timeoutSeconds < 1 || control.timeoutSeconds > MAX_TIMEOUT_SECONDS) {
    return problem('timeoutSeconds', msg('The answer timeout must be a whole number of seconds from 1 to {0}.', MAX_TIMEOUT_SECONDS));
  }
  if (control.expirySeconds !== null && (!Number.isInteger(control.expirySeconds) || control.expirySeconds < 1 || control.expirySeconds > 4_294_967_295)) {
    return problem('expirySeconds', msg('Message expiry must be a whole number of seconds, 1 or more (leave it empty for none).'));
  }
  return null;
}

/** What is wrong with a control's topic, in words, or null. `required`: the command topic, which must be there. */
function topicProblem(topic: string, required: boolean): string | null {
  if (topic === '') return required ? msg('it must not be empty.') : null;
  const problem = topicNameProblem(topic);
  if (!problem) return null;
  if (problem.kind === 'bad-topic' && problem.fault === 'wildcard') return msg('it must be an exact topic, without + or #.');
  return msg('“{0}” is not a topic MQTT accepts.', topic);
}
