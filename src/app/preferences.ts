/**
 * What the user arranges and keeps: quick commands, pinned filters, the message log's size. Each change
 * is applied at once and saved with the settings.
 */
import type { ValueStore } from '../state/notifier';
import type { MessageLog } from '../state/message-log';
import type { SavedCommand, StoredSettings } from '../storage/settings';

export class Preferences {
  constructor(
    private readonly _settings: ValueStore<StoredSettings>,
    private readonly _save: () => void,
    private readonly _log: MessageLog,
  ) {}

  /** How many recent messages the log keeps (older ones are dropped at once when it shrinks). */
  setLogCapacity(capacity: number): void {
    if (!Number.isInteger(capacity) || capacity < 100 || capacity > 1_000_000) return;
    this._log.resize(capacity);
    this._change({ logCapacity: capacity });
  }

  /** Shows the tiles of topics matching `filter` first on the dashboard. */
  pin(filter: string): void {
    if (this._settings.state.pinned.includes(filter)) return;
    this._change({ pinned: [...this._settings.state.pinned, filter] });
  }

  unpin(filter: string): void {
    this._change({ pinned: this._settings.state.pinned.filter((pinned) => pinned !== filter) });
  }

  /** Keeps a command for one-tap sending (replacing the same topic and payload). */
  saveCommand(command: SavedCommand): void {
    this._change({ savedCommands: [...this._others(command), command] });
  }

  forgetCommand(command: SavedCommand): void {
    this._change({ savedCommands: this._others(command) });
  }

  private _others(command: SavedCommand): SavedCommand[] {
    return this._settings.state.savedCommands.filter((saved) => saved.topic !== command.topic || saved.payload !== command.payload);
  }

  private _change(patch: Partial<StoredSettings>): void {
    this._settings.set(patch);
    this._save();
  }
}
