/**
 * Alarms between the tabs of one browser: the tab that judges tells the others the states it changed, and
 * the others ask it to acknowledge or shelve (through a BroadcastChannel).
 */
import type { AlarmState } from '../alarms/alarm-machine';

/** What a person does to alarms: by is the dashboard's name. */
export type AlarmRequest =
  | { kind: 'acknowledge'; ids: string[]; comment: string; by: string }
  | { kind: 'shelve'; ids: string[]; until: number; by: string }
  | { kind: 'unshelve'; ids: string[] };

type AlarmMessage = { states: AlarmState[] } | { request: AlarmRequest };

export class AlarmSync {
  private readonly _channel: BroadcastChannel | null;
  private _statesHeard: (states: AlarmState[]) => void = () => {};
  private _requestHeard: (request: AlarmRequest) => void = () => {};

  constructor(name = 'mqtt-dashboard-alarms') {
    this._channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
    this._channel?.addEventListener('message', (event: MessageEvent<AlarmMessage>) => {
      const data = event.data;
      if ('states' in data) this._statesHeard(data.states);
      else this._requestHeard(data.request);
    });
  }

  onStates(listener: (states: AlarmState[]) => void): void {
    this._statesHeard = listener;
  }

  onRequest(listener: (request: AlarmRequest) => void): void {
    this._requestHeard = listener;
  }

  announce(states: AlarmState[]): void {
    if (states.length > 0) this._channel?.postMessage({ states } satisfies AlarmMessage);
  }

  request(request: AlarmRequest): void {
    this._channel?.postMessage({ request } satisfies AlarmMessage);
  }
}
