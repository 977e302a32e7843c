/**
 * The detail of a tile (chart, recent messages) and its settings, for the container that draws tiles:
 * a tile raises `tile-open`; the container renders `render()` where its dialogs go. One dialog at a time.
 * The dialogs' code is loaded on first use: the first screen does not need it.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { TileOpenEvent } from './tile-view';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class TileDetailController implements ReactiveController {
  private _topic: string | null = null;
  private _dialog: 'detail' | 'settings' | null = null;

  constructor(private readonly _host: Host) {
    _host.addController(this);
  }

  private readonly _onOpen = (event: Event): void => {
    if (!(event instanceof TileOpenEvent)) return;
    event.stopPropagation(); // the nearest container opens it
    void this._openDetail(event.topic);
  };

  hostConnected(): void {
    this._host.addEventListener('tile-open', this._onOpen);
  }

  hostDisconnected(): void {
    this._host.removeEventListener('tile-open', this._onOpen);
  }

  private async _openDetail(topic: string): Promise<void> {
    await import('./topic-messages');
    this._show(topic, 'detail');
    await this._host.updateComplete;
    await this._host.renderRoot.querySelector('topic-messages')?.open();
  }

  private async _customize(topic: string): Promise<void> {
    await import('./tile-settings');
    this._show(topic, 'settings');
    await this._host.updateComplete;
    this._host.renderRoot.querySelector('tile-settings')?.open();
  }

  private _show(topic: string | null, dialog: 'detail' | 'settings' | null): void {
    this._topic = topic;
    this._dialog = dialog;
    this._host.requestUpdate();
  }

  render() {
    const topic = this._topic;
    if (topic === null || this._dialog === null) return nothing;
    return this._dialog === 'settings'
      ? html`<tile-settings .topic=${topic} @close=${() => this._show(null, null)}></tile-settings>`
      : html`<topic-messages .topic=${topic} @customize=${() => void this._customize(topic)} @close=${() => this._show(null, null)}></topic-messages>`;
  }
}
