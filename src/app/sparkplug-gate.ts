/**
 * Inside the engine: where Sparkplug B messages go. Only certificate and data topics under `spBv1.0/`
 * (`spBv1.0/<group>/<NBIRTH|NDATA|…>/<node>[/<device>]`) are Sparkplug: nothing else is ever guessed to be.
 * The host application (the decoder and the model) is loaded with the first such message; messages that
 * arrive meanwhile wait, in order.
 */
import type { InboundMessage } from '../mqtt/connection-types';
import { inSparkplugNamespace, parseSparkplugTopic, type SparkplugTopic } from '../sparkplug/sparkplug-types';
import type { SparkplugHost, SparkplugSinks } from './sparkplug-host';

export class SparkplugGate {
  private _host: SparkplugHost | null = null;
  private _loading: Promise<SparkplugHost> | null = null;
  private _waiting: Array<[InboundMessage, SparkplugTopic]> = [];

  constructor(private readonly _sinks: SparkplugSinks) {}

  /** The parts of a Sparkplug B certificate or data topic, or null for any other (STATE included). */
  topicOf(topic: string): SparkplugTopic | null {
    return inSparkplugNamespace(topic) ? parseSparkplugTopic(topic) : null;
  }

  route(message: InboundMessage, topic: SparkplugTopic): void {
    if (this._host && this._waiting.length === 0) {
      this._host.route(message, topic);
      return;
    }
    this._waiting.push([message, topic]);
    void this.host().catch(() => undefined);
  }

  /** The host application, loaded on first use. */
  host(): Promise<SparkplugHost> {
    this._loading ??= import('./sparkplug-host').then(
      ({ SparkplugHost }) => {
        const host = new SparkplugHost(this._sinks);
        this._host = host;
        this._drain(host);
        return host;
      },
      (error: unknown) => {
        // The decoder could not be loaded (an update half-installed, a storage eviction): the messages are
        // shown as undecodable, and the next Sparkplug message tries again.
        this._loading = null;
        const reason = `the Sparkplug B decoder could not be loaded (${error instanceof Error ? error.message : String(error)}); reload the page`;
        const waiting = this._waiting;
        this._waiting = [];
        for (const [message] of waiting) this._sinks.undecodable(message, reason);
        throw error;
      },
    );
    return this._loading;
  }

  private _drain(host: SparkplugHost): void {
    while (this._waiting.length > 0) {
      const waiting = this._waiting;
      this._waiting = [];
      for (const [message, topic] of waiting) host.route(message, topic);
    }
  }
}
