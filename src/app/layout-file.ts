/**
 * The layout file: pinned filters (in order), hidden tiles, units and decimals, device names, the theme and
 * the broker profiles, as JSON a user can keep, copy to another tablet and import. Passwords are never in it.
 * Reading checks every field and names the first wrong one: a bad file changes nothing.
 */
import { brokerUrlProblem } from '../mqtt/broker-url';
import { topicFilterProblem } from '../mqtt/topic-filter';
import { MAX_DECIMALS, randomId, type BrokerProfile, type DeviceName, type StoredSettings, type SubscriptionSetting, type Theme, type TileFormat } from '../storage/settings';
import type { ProtocolChoice } from '../shared/types';
import { problemWords } from '../ui/problem-words';
import { msg } from '../i18n/words';
import { CONFIRM_MODES, CONTROL_KINDS, copyControl, newControl, type ControlDefinition } from '../controls/control-definition';
import { controlProblem } from './control-check';
import { DEFAULT_SHARING_PREFIX, shareableId, sharingOf, sharingPrefixProblem, type AlarmSharing } from '../alarms/alarm-sharing';
import { ALARM_KINDS, ALARM_PRIORITIES, MAX_ALARM_SECONDS, alarmProblem, copyAlarm, newAlarm, type AlarmDefinition } from '../alarms/alarm-definition';

export const LAYOUT_FORMAT = 'mqtt-dashboard-layout';
export const LAYOUT_VERSION = 1;

/** The part of the settings a layout file carries. */
export type Layout = Pick<StoredSettings, 'pinned' | 'hidden' | 'tileFormats' | 'deviceNames' | 'theme' | 'profiles' | 'controls' | 'alarms' | 'alarmSharing'>;

export interface LayoutFile {
  format: typeof LAYOUT_FORMAT;
  version: typeof LAYOUT_VERSION;
  exportedAt: string;
  /** `controls`, `alarms` and `alarmSharing` are left out when there are none (a file from before them reads the same). */
  layout: Omit<Layout, 'profiles' | 'controls' | 'alarms' | 'alarmSharing'> & { controls?: Layout['controls']; alarms?: Layout['alarms']; alarmSharing?: Layout['alarmSharing'] };
  profiles: BrokerProfile[];
}

export function layoutFile(settings: StoredSettings, now: Date): LayoutFile {
  return {
    format: LAYOUT_FORMAT,
    version: LAYOUT_VERSION,
    exportedAt: now.toISOString(),
    layout: {
      pinned: [...settings.pinned],
      hidden: [...settings.hidden],
      tileFormats: settings.tileFormats.map(({ topic, unit, decimals }) => ({ topic, unit, decimals })),
      deviceNames: settings.deviceNames.map(({ device, name }) => ({ device, name })),
      theme: settings.theme,
      ...(settings.controls.length === 0 ? {} : { controls: settings.controls.map(copyControl) }),
      ...(settings.alarms.length === 0 ? {} : { alarms: settings.alarms.map(copyAlarm) }),
      ...(sharingOf(settings).enabled ? { alarmSharing: { ...sharingOf(settings) } } : {}),
    },
    profiles: settings.profiles.map(copyProfile),
  };
}

function copyProfile(profile: BrokerProfile): BrokerProfile {
  const { name, brokerUrl, clientId, username, protocol, keepaliveSeconds, cleanSession, sessionExpirySeconds } = profile;
  const subscriptions = profile.subscriptions.map(({ filter, qos }) => ({ filter, qos }));
  return { name, brokerUrl, clientId, username, protocol, keepaliveSeconds, cleanSession, sessionExpirySeconds, subscriptions };
}

/** Thrown by the checks below with the message shown to the user. */
class LayoutProblem extends Error {}

/** Reads a layout file: the layout it holds, or what is wrong with it. */
export function readLayoutFile(content: string): { layout: Layout } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    return { problem: msg('This file is not JSON ({0}). Choose a file made by “Export layout”.', error instanceof Error ? error.message : String(error)) };
  }
  try {
    const file = record(data, msg('the file'));
    if (file['format'] !== LAYOUT_FORMAT) throw new LayoutProblem(msg('This is not a layout exported by MQTT Dashboard (its "format" is not "mqtt-dashboard-layout").'));
    if (file['version'] !== LAYOUT_VERSION) throw new LayoutProblem(msg('This layout file has version {0}; this dashboard reads version {1}.', JSON.stringify(file['version']), LAYOUT_VERSION));
    const layout = record(file['layout'], 'layout');
    const profiles = list(file['profiles'], 'profiles').map((item, index) => readProfile(item, `profiles[${index}]`));
    const names = new Set<string>();
    for (const profile of profiles) {
      if (names.has(profile.name)) throw new LayoutProblem(msg('Two profiles are named “{0}”: names must differ.', profile.name));
      names.add(profile.name);
    }
    return {
      layout: {
        pinned: list(layout['pinned'], 'layout.pinned').map((item, index) => filter(item, `layout.pinned[${index}]`)),
        hidden: list(layout['hidden'], 'layout.hidden').map((item, index) => text(item, `layout.hidden[${index}]`, 1)),
        tileFormats: list(layout['tileFormats'], 'layout.tileFormats').map((item, index) => readTileFormat(item, `layout.tileFormats[${index}]`)),
        deviceNames: list(layout['deviceNames'], 'layout.deviceNames').map((item, index) => readDeviceName(item, `layout.deviceNames[${index}]`)),
        theme: oneOf<Theme>(layout['theme'], 'layout.theme', ['system', 'light', 'dark']),
        // Files exported before controls existed have none.
        controls: readControls(layout['controls'] ?? []),
        alarms: readAlarms(layout['alarms'] ?? []),
        alarmSharing: readAlarmSharing(layout['alarmSharing']),
        profiles,
      },
    };
  } catch (error) {
    if (error instanceof LayoutProblem) return { problem: `${error.message} ${msg('Nothing was changed.')}` };
    throw error;
  }
}

function readControls(value: unknown): ControlDefinition[] {
  const controls = list(value, 'layout.controls').map((item, index) => readControl(item, `layout.controls[${index}]`));
  const ids = new Set<string>();
  for (const [index, control] of controls.entries()) {
    if (ids.has(control.id)) throw new LayoutProblem(msg('{0}.id: two controls have the id “{1}”: ids must differ.', `layout.controls[${index}]`, control.id));
    ids.add(control.id);
  }
  return controls;
}

/**
 * A control, every field checked by type, then as a whole as its editor checks it. `kind`, `name` and
 * `commandTopic` are required; a field left out takes its default (a control written by hand need not
 * list them all), and one that is there must be right.
 */
function readControl(value: unknown, where: string): ControlDefinition {
  const item = record(value, where);
  const kind = oneOf(item['kind'], `${where}.kind`, CONTROL_KINDS);
  const fields: Partial<ControlDefinition> = {};
  const given = (key: keyof ControlDefinition) => item[key] !== undefined;
  const number = (key: 'min' | 'max' | 'step' | 'timeoutSeconds' | 'expirySeconds') => {
    const field = item[key];
    if (typeof field !== 'number' || !Number.isFinite(field)) throw new LayoutProblem(msg('{0} must be a number.', `${where}.${key}`));
    return field;
  };
  for (const key of ['stateTopic', 'statePath', 'answerTopic', 'onPayload', 'offPayload', 'unit', 'pattern', 'template'] as const) {
    if (given(key)) fields[key] = text(item[key], `${where}.${key}`, 0);
  }
  for (const key of ['onStates', 'offStates', 'options'] as const) {
    if (given(key)) fields[key] = list(item[key], `${where}.${key}`).map((entry, index) => text(entry, `${where}.${key}[${index}]`, 0));
  }
  for (const key of ['min', 'max', 'step', 'timeoutSeconds'] as const) if (given(key)) fields[key] = number(key);
  for (const key of ['slider', 'retain', 'everyCommand'] as const) if (given(key)) fields[key] = flag(item[key], `${where}.${key}`);
  if (given('qos')) fields.qos = oneOf(item['qos'], `${where}.qos`, [0, 1, 2] as const);
  if (given('confirm')) fields.confirm = oneOf(item['confirm'], `${where}.confirm`, CONFIRM_MODES);
  if (given('expirySeconds')) fields.expirySeconds = item['expirySeconds'] === null ? null : number('expirySeconds');
  const control = newControl(
    { ...fields, kind, name: text(item['name'], `${where}.name`, 1), commandTopic: text(item['commandTopic'], `${where}.commandTopic`, 1) },
    given('id') ? text(item['id'], `${where}.id`, 1) : `control-${randomId()}`,
  );
  const problem = controlProblem(control);
  if (problem) throw new LayoutProblem(msg('{0}.{1}: {2}', where, problem.field, problem.text));
  return control;
}

function readAlarms(value: unknown): AlarmDefinition[] {
  const alarms = list(value, 'layout.alarms').map((item, index) => readAlarm(item, `layout.alarms[${index}]`));
  const ids = new Set<string>();
  for (const [index, alarm] of alarms.entries()) {
    if (ids.has(alarm.id)) throw new LayoutProblem(msg('{0}.id: two alarms have the id “{1}”: ids must differ.', `layout.alarms[${index}]`, alarm.id));
    ids.add(alarm.id);
  }
  return alarms;
}

/** Sharing alarm states: off when the file says nothing (a file from before it). */
function readAlarmSharing(value: unknown): AlarmSharing {
  if (value === undefined) return { enabled: false, prefix: DEFAULT_SHARING_PREFIX };
  const item = record(value, 'layout.alarmSharing');
  const prefix = item['prefix'] === undefined ? DEFAULT_SHARING_PREFIX : text(item['prefix'], 'layout.alarmSharing.prefix', 1);
  const problem = sharingPrefixProblem(prefix);
  if (problem === 'wildcard') throw new LayoutProblem(msg('{0} must be one topic, without + or #.', 'layout.alarmSharing.prefix'));
  if (problem === 'missing') throw new LayoutProblem(msg('{0} must not be empty nor begin or end with /.', 'layout.alarmSharing.prefix'));
  return { enabled: flag(item['enabled'], 'layout.alarmSharing.enabled'), prefix };
}

/** An alarm, every field checked by type, then as a whole as its editor checks it; a field left out takes its default. */
function readAlarm(value: unknown, where: string): AlarmDefinition {
  const item = record(value, where);
  const fields: Partial<AlarmDefinition> = {};
  const given = (key: keyof AlarmDefinition) => item[key] !== undefined;
  for (const key of ['topic', 'path', 'device', 'text', 'message'] as const) if (given(key)) fields[key] = text(item[key], `${where}.${key}`, 0);
  for (const key of ['limit', 'deadband', 'silenceSeconds', 'onDelaySeconds', 'offDelaySeconds'] as const) {
    if (!given(key)) continue;
    const field = item[key];
    if (typeof field !== 'number' || !Number.isFinite(field)) throw new LayoutProblem(msg('{0} must be a number.', `${where}.${key}`));
    fields[key] = field;
  }
  if (given('priority')) fields.priority = oneOf(item['priority'], `${where}.priority`, ALARM_PRIORITIES);
  const alarm = newAlarm({ ...fields, kind: oneOf(item['kind'], `${where}.kind`, ALARM_KINDS) }, given('id') ? text(item['id'], `${where}.id`, 1) : `alarm-${randomId()}`);
  // The id is a topic level when states are shared (`dashboard/alarms/<id>`).
  if (!shareableId(alarm.id)) throw new LayoutProblem(msg('{0} must not contain /, + or #.', `${where}.id`));
  const problem = alarmProblem(alarm);
  if (!problem) return alarm;
  const field = `${where}.${problem.field}`;
  switch (problem.kind) {
    case 'missing':
      throw new LayoutProblem(msg('{0} must not be empty.', field));
    case 'wildcard':
      throw new LayoutProblem(msg('{0} must be one topic, without + or #.', field));
    case 'not-a-number':
      throw new LayoutProblem(msg('{0} must be a number.', field));
    case 'negative':
      throw new LayoutProblem(msg('{0} must not be negative.', field));
    case 'too-long':
      throw new LayoutProblem(msg('{0} must be from 0 to {1}.', field, MAX_ALARM_SECONDS));
  }
}

function readTileFormat(value: unknown, where: string): TileFormat {
  const item = record(value, where);
  const decimals = item['decimals'];
  if (decimals !== null && !(Number.isInteger(decimals) && (decimals as number) >= 0 && (decimals as number) <= MAX_DECIMALS)) {
    throw new LayoutProblem(msg('{0}.decimals must be null or a whole number from 0 to {1}.', where, MAX_DECIMALS));
  }
  return { topic: text(item['topic'], `${where}.topic`, 1), unit: text(item['unit'], `${where}.unit`, 0), decimals: decimals as number | null };
}

function readDeviceName(value: unknown, where: string): DeviceName {
  const item = record(value, where);
  return { device: text(item['device'], `${where}.device`, 1), name: text(item['name'], `${where}.name`, 1) };
}

function readProfile(value: unknown, where: string): BrokerProfile {
  const item = record(value, where);
  const brokerUrl = text(item['brokerUrl'], `${where}.brokerUrl`, 1);
  const urlProblem = brokerUrlProblem(brokerUrl);
  if (urlProblem) throw new LayoutProblem(msg('{0}.brokerUrl: {1}', where, problemWords(urlProblem)));
  return {
    name: text(item['name'], `${where}.name`, 1),
    brokerUrl,
    clientId: text(item['clientId'], `${where}.clientId`, 1),
    username: text(item['username'], `${where}.username`, 0),
    protocol: oneOf<ProtocolChoice>(item['protocol'], `${where}.protocol`, ['auto', '5', '3.1.1']),
    keepaliveSeconds: whole(item['keepaliveSeconds'], `${where}.keepaliveSeconds`, 65_535),
    cleanSession: flag(item['cleanSession'], `${where}.cleanSession`),
    sessionExpirySeconds: whole(item['sessionExpirySeconds'], `${where}.sessionExpirySeconds`, 4_294_967_295),
    subscriptions: list(item['subscriptions'], `${where}.subscriptions`).map((entry, index) => readSubscription(entry, `${where}.subscriptions[${index}]`)),
  };
}

function readSubscription(value: unknown, where: string): SubscriptionSetting {
  const item = record(value, where);
  return { filter: filter(item['filter'], `${where}.filter`), qos: oneOf(item['qos'], `${where}.qos`, [0, 1, 2] as const) };
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new LayoutProblem(msg('{0} must be an object.', where));
  return value as Record<string, unknown>;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new LayoutProblem(msg('{0} must be a list.', where));
  return value;
}

function text(value: unknown, where: string, minimumLength: number): string {
  if (typeof value !== 'string') throw new LayoutProblem(msg('{0} must be text.', where));
  if (value.length < minimumLength) throw new LayoutProblem(msg('{0} must not be empty.', where));
  return value;
}

function filter(value: unknown, where: string): string {
  const checked = text(value, where, 1);
  const problem = topicFilterProblem(checked);
  if (problem) throw new LayoutProblem(msg('{0} ({1}): {2}', where, checked, problemWords(problem)));
  return checked;
}

function whole(value: unknown, where: string, maximum: number): number {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > maximum) {
    throw new LayoutProblem(msg('{0} must be a whole number from 0 to {1}.', where, maximum));
  }
  return value as number;
}

function flag(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new LayoutProblem(msg('{0} must be true or false.', where));
  return value;
}

function oneOf<T extends string | number>(value: unknown, where: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new LayoutProblem(msg('{0} must be one of {1}.', where, allowed.map((item) => JSON.stringify(item)).join(', ')));
  return value as T;
}
