/**
 * One subscription with the broker's answer in words. A leaf: it shows its entry and raises
 * `subscription-remove` (the ✕ of a subscription the user made); the subscription panel acts on it.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { SubscriptionEntry } from '../state/subscription-store';
import { subscriptionRefusalWords } from './problem-words';
import { controlStyles } from './shared-styles';
import { msg } from '../i18n/words';

export class SubscriptionRemoveEvent extends Event {
  constructor(readonly filter: string) {
    super('subscription-remove', { bubbles: true, composed: true });
  }
}

export class SubscriptionRowElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        justify-content: space-between;
        border: 1px solid var(--border);
        border-radius: 6px;
        padding: 0.25rem 0.25rem 0.25rem 0.6rem;
      }
      :host([state='refused']) {
        border-color: var(--danger);
      }
      .filter {
        font-family: var(--mono);
        overflow-wrap: anywhere;
      }
      .state {
        color: var(--muted);
        font-size: 0.85rem;
      }
      :host([state='refused']) .state {
        color: var(--danger);
      }
    `,
  ];

  static override properties = { entry: { attribute: false } };
  declare entry: SubscriptionEntry | undefined;

  override willUpdate(): void {
    this.setAttribute('role', 'listitem');
    if (!this.entry) return;
    this.setAttribute('aria-label', this.entry.filter);
    this.setAttribute('state', this.entry.state);
  }

  override render() {
    const entry = this.entry;
    if (!entry) return nothing;
    return html`<span><span class="filter">${entry.filter}</span><br /><span class="state">${describeEntry(entry)}</span></span>
      ${entry.automatic
        ? nothing
        : html`<button type="button" aria-label=${msg('Remove {0}', entry.filter)} @click=${() => this.dispatchEvent(new SubscriptionRemoveEvent(entry.filter))}>✕</button>`}`;
  }
}

export function describeEntry(entry: SubscriptionEntry): string {
  const requested = `${entry.automatic === 'controls' ? `${msg('for a control')} · ` : entry.automatic === 'alarms' ? `${msg('for shared alarms')} · ` : entry.automatic ? `${msg('for device presence')} · ` : ''}${msg('requested QoS {0}', entry.requestedQos)}`;
  switch (entry.state) {
    case 'waiting':
      return `${requested} · ${msg('sent when connected')}`;
    case 'pending':
      return `${requested} · ${msg('waiting for the broker')}`;
    case 'active':
      return `${requested} · ${msg('granted QoS {0}', entry.grantedQos ?? '?')}`;
    case 'refused':
      return msg('refused: {0}', entry.refusal ? subscriptionRefusalWords(entry.refusal) : msg('the broker gave no reason'));
  }
}

customElements.define('subscription-row', SubscriptionRowElement);

declare global {
  interface HTMLElementTagNameMap {
    'subscription-row': SubscriptionRowElement;
  }
}
