/**
 * Elements tested alone: a real mirror (the main thread's side of the seam) fed with frames written by the
 * test, in place of the engine's Worker. Calls the elements make into the engine are recorded, not run.
 */
import { ContextProvider } from '@lit/context';
import type { Remote } from 'comlink';
import type { Engine } from '../../src/engine/engine';
import type { EngineFrame } from '../../src/engine/engine-frame';
import { DashboardMirror } from '../../src/mirror/dashboard-mirror';
import type { DecodedPayload } from '../../src/mqtt/payload';
import type { QoS } from '../../src/shared/types';
import type { TopicValue } from '../../src/state/topic-store';
import { defaultSettings } from '../../src/storage/settings';
import { dashboardContext } from '../../src/ui/dashboard-context';
import type { TileView } from '../../src/ui/tile-view';
import type { ConnectionStatus } from '../../src/mqtt/connection-types';
import type { TileFormat } from '../../src/storage/settings';

export interface EngineCall {
  method: string;
  args: unknown[];
}

/** A stand-in for the engine: every method resolves at once (with null: no problem) and is recorded. */
export function recordingEngine(calls: EngineCall[]): Remote<Engine> {
  const engine = new Proxy(
    {},
    {
      get: (_target, method) =>
        method === 'then'
          ? undefined
          : (...args: unknown[]) => {
              calls.push({ method: String(method), args });
              return Promise.resolve(method === 'series' ? { times: new Float64Array(0), values: new Float64Array(0) } : null);
            },
    },
  );
  // A Remote is a proxy of promise-returning methods: this one is, without a Worker behind it.
  return engine as unknown as Remote<Engine>;
}

export function mirrorFixture(): { mirror: DashboardMirror; calls: EngineCall[]; apply(frame: Partial<EngineFrame>): Promise<void> } {
  const calls: EngineCall[] = [];
  const mirror = new DashboardMirror(recordingEngine(calls), defaultSettings('ws://127.0.0.1:9001', () => 'test'));
  return {
    mirror,
    calls,
    async apply(frame) {
      mirror.apply({ ...EMPTY_FRAME, ...frame });
      await nextFrame();
    },
  };
}

const EMPTY_FRAME: EngineFrame = {
  alarms: null,
  topics: null,
  log: null,
  recent: null,
  outbox: null,
  presence: null,
  subscriptions: null,
  status: null,
  settings: null,
  notices: null,
  display: null,
  role: null,
  rate: null,
  session: null,
};

/** Puts an element on the page under a context provider holding the mirror; resolves once drawn. */
export async function mount<E extends HTMLElement>(element: E, mirror: DashboardMirror): Promise<E> {
  const root = document.createElement('div');
  new ContextProvider(root, { context: dashboardContext, initialValue: mirror });
  document.body.replaceChildren(root);
  root.append(element);
  await nextFrame();
  return element;
}

/** Two animation frames: the stores' notifications, then the elements' updates. */
export const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

/** The text a person reads in an element (its shadow root included), with spaces collapsed. */
export function textOf(element: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    node.childNodes.forEach(walk);
  };
  walk(element);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export function numberValue(topic: string, text: string, options: { qos?: QoS; retained?: boolean; receivedAt?: number; whileAway?: boolean } = {}): TopicValue {
  const payload: DecodedPayload = { kind: 'number', text, value: Number(text), bytes: text.length, truncated: false };
  return {
    topic,
    payload,
    qos: options.qos ?? 1,
    retained: options.retained ?? false,
    receivedAt: options.receivedAt ?? Date.now(),
    whileAway: options.whileAway ?? false,
    dup: false,
    count: 1,
    precision: text.includes('.') ? text.length - text.indexOf('.') - 1 : 0,
  };
}

export const connectedStatus = (connectedAt: number): ConnectionStatus => ({
  phase: 'connected',
  brokerUrl: 'ws://broker',
  protocol: '5',
  sessionPresent: false,
  error: null,
  since: connectedAt,
  retryAt: null,
  connectedAt,
  lostAt: null,
  lastDrop: null,
  lastFailedAttempt: null,
  sessionSince: null,
  pingRttMs: null,
  maximumPacketSize: null,
  receiveMaximum: 65_535,
  qos2Downgraded: false,
});

/** What a container hands its tiles: a clock, a status, formats and trends, written by the test. */
export function tileView(options: { status?: ConnectionStatus; now?: number; formats?: TileFormat[]; trends?: Record<string, number[]> } = {}): TileView {
  return {
    now: options.now ?? Date.now(),
    status: options.status ?? connectedStatus(Date.now() - 60_000),
    formats: options.formats ?? [],
    trendOf: (topic) => options.trends?.[topic] ?? [],
    alarmOf: () => undefined,
  };
}

/** Puts a leaf element on the page alone: no context, no mirror; resolves once drawn. */
export async function mountLeaf<E extends HTMLElement>(element: E): Promise<E> {
  document.body.replaceChildren(element);
  await nextFrame();
  return element;
}
