/**
 * The controls on the values screen, for <value-grid>: where each control goes (its device's card, or the
 * controls of no known device), what each card needs (the reported value, the last answer, its latest
 * command, why it cannot send), which tiles they fold, and the editor dialog. Loaded when the first
 * control exists or is being made: a screen without controls does not pay for them.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { coveredTopics, type ControlDefinition } from '../../controls/control-definition';
import { guessControl } from '../../controls/control-guess';
import { readReported } from '../../controls/control-payload';
import type { Dashboard } from '../../mirror/dashboard';
import { staleSince } from '../../state/staleness';
import type { TopicValue } from '../../state/topic-store';
import type { OutboxCommand } from '../../storage/outbox-command';
import { randomId } from '../../storage/settings';
import { msg } from '../../i18n/words';
import { formatTime } from '../format';
import type { ControlMakeDetail } from './control-events';
import { StoreController } from '../store-controller';
import './control-card';

/** What one control's card is given. */
export interface ControlEntry {
  control: ControlDefinition;
  reported: TopicValue | undefined;
  answer: TopicValue | undefined;
  command: OutboxCommand | undefined;
  blocked: string | null;
}

export interface ControlPlacement {
  /** Topics whose own tiles the controls replace. */
  covered: ReadonlySet<string>;
  /** The cards of each device's controls, for its card. */
  byDevice: ReadonlyMap<string, TemplateResult>;
  /** The section of the controls whose topics belong to no known device, or nothing. */
  loose: TemplateResult | typeof nothing;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class ControlsLayer {
  private _editing: { control: ControlDefinition; isNew: boolean } | null = null;
  private _latest: Map<string, OutboxCommand> = new Map();
  /** The outbox changed since `_latest` was worked out (its list is one array, changed in place). */
  private _outboxChanged = true;
  private _outboxWatched: Dashboard | null = null;

  constructor(
    private readonly _host: Host,
    private readonly _service: () => Dashboard | undefined,
  ) {
    // With controls, the screen follows the outbox (each one's last command), the tab's role and the link.
    const withControls = () => (_service()?.settings.state.controls.length ? _service() : undefined);
    new StoreController(_host, () => withControls()?.outbox.store);
    new StoreController(_host, () => withControls()?.role);
    new StoreController(_host, () => withControls()?.status);
  }

  /** Places every control, with what its card shows. */
  place(now: number): ControlPlacement {
    const service = this._service();
    const covered = new Set<string>();
    const byDevice = new Map<string, ControlEntry[]>();
    const loose: ControlEntry[] = [];
    if (!service) return { covered, byDevice: new Map(), loose: nothing };
    const latest = this._latestCommands(service);
    for (const control of service.settings.state.controls) {
      for (const topic of coveredTopics(control)) covered.add(topic);
      const device = (control.stateTopic === '' ? null : service.deviceOf(control.stateTopic)) ?? service.deviceOf(control.commandTopic);
      const entry: ControlEntry = {
        control,
        reported: control.stateTopic === '' ? undefined : service.topics.get(control.stateTopic),
        answer: control.answerTopic === '' ? undefined : service.topics.get(control.answerTopic),
        command: latest.get(control.id),
        blocked: this._blocked(service, device),
      };
      if (device === null) loose.push(entry);
      else byDevice.set(device, [...(byDevice.get(device) ?? []), entry]);
    }
    return {
      covered,
      byDevice: new Map([...byDevice].map(([device, entries]) => [device, this.renderCards(entries, now)])),
      loose:
        loose.length === 0
          ? nothing
          : html`<div>
              <h2>${msg('Controls')}</h2>
              <section class="tiles" aria-label=${msg('Controls')}>${this.renderCards(loose, now)}</section>
            </div>`,
    };
  }

  /** Opens the editor for a `control-make` or `control-edit` event. */
  open(event: Event): Promise<void> {
    const detail = (event as CustomEvent<ControlMakeDetail | string>).detail;
    return typeof detail === 'string' ? this.edit(detail) : this.make(detail);
  }

  /** Each control's latest command, worked out again only when the outbox changed. */
  private _latestCommands(service: Dashboard): Map<string, OutboxCommand> {
    if (this._outboxWatched !== service) {
      this._outboxWatched = service;
      service.outbox.store.subscribe(() => (this._outboxChanged = true));
    }
    if (!this._outboxChanged) return this._latest;
    const latest = new Map<string, OutboxCommand>();
    for (const command of service.outbox.store.list()) {
      const id = command.control?.id;
      if (id !== undefined && !command.replacedBy) latest.set(id, command);
    }
    this._outboxChanged = false;
    this._latest = latest;
    return latest;
  }

  /** Why a control cannot send now, or null. While the dashboard itself is offline, commands wait in the outbox. */
  private _blocked(service: Dashboard, device: string | null): string | null {
    const { kiosk, kioskCommands } = service.display.state;
    if (kiosk && !kioskCommands) return msg('Read-only screen: its link has no commands=1.');
    if (service.role.state.role === 'viewer') return msg('Another tab of this dashboard sends the commands: use that one.');
    if (device === null) return null;
    const presence = service.presence.get(device);
    if (!presence) return null;
    const name = service.settings.state.deviceNames.find((entry) => entry.device === device)?.name ?? device;
    if (presence.state === 'offline') return msg('{0} is offline: it cannot act on a command.', name);
    const status = service.status.state;
    const stale = staleSince(presence.stateAt, status);
    if (status.phase === 'connected' && stale !== null) return msg('{0} has not reported its state since {1}.', name, formatTime(stale));
    return null;
  }

  /** The cards of a group of controls, for a grid of tiles (a card spans two columns where there is room). */
  renderCards(entries: readonly ControlEntry[], now: number) {
    const service = this._service();
    const { kiosk } = service?.display.state ?? { kiosk: false };
    return html`${repeat(
        entries,
        (entry) => entry.control.id,
        (entry) =>
          html`<control-card
            .control=${entry.control}
            .reported=${entry.reported}
            .answer=${entry.answer}
            .command=${entry.command}
            .blocked=${entry.blocked}
            .now=${now}
            .askAlways=${kiosk}
            .editable=${!kiosk}
          ></control-card>`,
      )}`;
  }

  /** A new control from a tile (its topic is the state topic) or a device card. */
  async make(from: ControlMakeDetail): Promise<void> {
    const service = this._service();
    if (!service) return;
    const stateTopic = from.stateTopic;
    const shown = stateTopic === undefined ? undefined : service.topics.get(stateTopic);
    const draft = guessControl(
      {
        ...(stateTopic === undefined ? {} : { stateTopic }),
        reported: shown ? readReported({ statePath: '' }, shown.payload) : null,
        device: from.device ?? (stateTopic === undefined ? null : service.deviceOf(stateTopic)),
        known: (topic) => service.topics.get(topic) !== undefined,
      },
      `control-${randomId()}`,
    );
    await this._open({ control: draft, isNew: true });
  }

  async edit(controlId: string): Promise<void> {
    const control = this._service()?.settings.state.controls.find((candidate) => candidate.id === controlId);
    if (control) await this._open({ control, isNew: false });
  }

  private async _open(editing: { control: ControlDefinition; isNew: boolean }): Promise<void> {
    await import('./control-editor');
    this._editing = editing;
    this._host.requestUpdate();
    await this._host.updateComplete;
    this._host.renderRoot.querySelector('control-editor')?.open();
  }

  renderEditor() {
    const editing = this._editing;
    if (!editing) return nothing;
    return html`<control-editor
      .control=${editing.control}
      .isNew=${editing.isNew}
      @close=${() => {
        this._editing = null;
        this._host.requestUpdate();
      }}
    ></control-editor>`;
  }
}
