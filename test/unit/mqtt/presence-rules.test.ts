import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRESENCE_RULES,
  candidateDevice,
  recognisePresence,
  statusTopicDevice,
  type PresenceRule,
} from '../../../src/mqtt/presence-rules';
import { presenceRuleProblem } from '../../../src/app/presence-settings';

const statusRule = DEFAULT_PRESENCE_RULES[0] as PresenceRule;
const homeAssistant: PresenceRule = { pattern: 'maison/+/availability', online: ['ON', 'up'], offline: ['OFF', 'down'] };

describe('presence payloads', () => {
  it.each([
    ['online', 'online'],
    ['ONLINE', 'online'],
    ['  Online\n', 'online'],
    ['offline', 'offline'],
    ['Offline', 'offline'],
    ['1', 'online'],
    ['0', 'offline'],
    ['true', 'online'],
    ['FALSE', 'offline'],
    ['{"status":"online"}', 'online'],
    ['{"status":"OFFLINE"}', 'offline'],
    ['{"state":"offline"}', 'offline'],
    ['{"online":true}', 'online'],
    ['{"online":false}', 'offline'],
    ['{"status":1}', 'online'],
  ])('%j means %s under the default rule', (payload, state) => {
    expect(recognisePresence(statusRule, payload)).toBe(state);
  });

  it.each(['maybe', '', '2', 'onlineish', '{"status":"rebooting"}', '{"online":"yes"}', '{broken', '[true]', 'null'])(
    '%j is not recognised, so it cannot flip the state',
    (payload) => {
      expect(recognisePresence(statusRule, payload)).toBeNull();
    },
  );

  it("uses a rule's own payloads, without case, alongside the common forms", () => {
    expect(recognisePresence(homeAssistant, 'on')).toBe('online');
    expect(recognisePresence(homeAssistant, 'DOWN')).toBe('offline');
    expect(recognisePresence(homeAssistant, 'true')).toBe('online');
    expect(recognisePresence(homeAssistant, '{"status":"up"}')).toBe('online');
    expect(recognisePresence(homeAssistant, 'sideways')).toBeNull();
  });
});

describe('status topics and device ids', () => {
  it('takes the device id from the + level of a status topic with the same number of levels', () => {
    expect(statusTopicDevice(statusRule, 'moteur/status')).toBe('moteur');
    expect(statusTopicDevice(statusRule, 'moteur/température')).toBeNull();
    expect(statusTopicDevice(statusRule, 'usine/moteur/status')).toBeNull();
    expect(statusTopicDevice(homeAssistant, 'maison/lampe/availability')).toBe('lampe');
    expect(statusTopicDevice(homeAssistant, 'garage/lampe/availability')).toBeNull();
  });

  it('ignores an empty device id and $ system topics', () => {
    expect(statusTopicDevice(statusRule, '/status')).toBeNull();
    expect(statusTopicDevice(statusRule, '$SYS/status')).toBeNull();
  });

  it('assigns other topics to the device whose prefix they start with', () => {
    expect(candidateDevice(statusRule, 'moteur/température')).toBe('moteur');
    expect(candidateDevice(statusRule, 'moteur/axe/vibration')).toBe('moteur');
    expect(candidateDevice(statusRule, 'moteur')).toBe('moteur');
    expect(candidateDevice(homeAssistant, 'maison/lampe/luminosité')).toBe('lampe');
    expect(candidateDevice(homeAssistant, 'maison')).toBeNull();
    expect(candidateDevice(homeAssistant, 'bureau/lampe/luminosité')).toBeNull();
  });
});

describe('rule validation', () => {
  it('accepts the default rule and a Home Assistant style rule', () => {
    expect(presenceRuleProblem(statusRule)).toBeNull();
    expect(presenceRuleProblem(homeAssistant)).toBeNull();
  });

  it.each([
    [{ pattern: '', online: ['online'], offline: ['offline'] }, 'is empty'],
    [{ pattern: 'moteur/status', online: ['online'], offline: ['offline'] }, 'has 0 + levels'],
    [{ pattern: '+/+/status', online: ['online'], offline: ['offline'] }, 'has 2 + levels'],
    [{ pattern: '+/#', online: ['online'], offline: ['offline'] }, 'contains #'],
    [{ pattern: 'a+/status', online: ['online'], offline: ['offline'] }, 'exactly one + for the device id and no #, for example +/status'],
    [{ pattern: '+/status', online: [], offline: ['offline'] }, 'at least one online payload'],
    [{ pattern: '+/status', online: ['on'], offline: ['ON'] }, 'both online and offline'],
  ])('refuses %j with a message', (rule, message) => {
    expect(presenceRuleProblem(rule)).toContain(message);
  });
});
