/**
 * Keeps every tab's view of the outbox the same: a tab that changes the outbox tells the others, through
 * a BroadcastChannel, which records changed (the records themselves, so nobody has to re-read IndexedDB).
 */
import type { OutboxCommand } from '../storage/outbox-command';

type RemoteChange = (commands: readonly OutboxCommand[], deleted: readonly number[]) => void;

interface OutboxMessage {
  commands: OutboxCommand[];
  deleted: number[];
}

export class OutboxSync {
  private readonly _channel: BroadcastChannel | null;
  private _listener: RemoteChange | null = null;
  private _pending: OutboxMessage | null = null;

  constructor(name = 'mqtt-dashboard-outbox') {
    this._channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
    this._channel?.addEventListener('message', (event: MessageEvent<OutboxMessage>) => {
      this._listener?.(event.data.commands, event.data.deleted);
    });
  }

  onRemoteChange(listener: RemoteChange): void {
    this._listener = listener;
  }

  /**
   * Tells the other tabs; changes made within one animation frame travel as one message. `now`: sent at
   * once, with whatever is waiting (a new command: its tab may be closed right after).
   */
  announce(commands: readonly OutboxCommand[], deleted: readonly number[], now = false): void {
    if (!this._channel) return;
    if (!this._pending) {
      this._pending = { commands: [], deleted: [] };
      setTimeout(() => this._flush(), 16);
    }
    this._pending.commands.push(...commands);
    this._pending.deleted.push(...deleted);
    if (now) this._flush();
  }

  private _flush(): void {
    const message = this._pending;
    this._pending = null;
    if (message) this._channel?.postMessage(message);
  }

  close(): void {
    this._channel?.close();
  }
}
