import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { TimelineSpan } from '../state/text-timeline';
import type { TopicValue } from '../state/topic-store';
import { dashboardContext } from './dashboard-context';
import { StoreController } from './store-controller';
import { formatDuration, formatTime, formatTimestamp } from './format';
import { visiblePayload } from './safe-text';
import { msg } from '../i18n/words';

/**
 * A text topic's timeline, in its detail: when it changed and how long each value lasted
 * (`en marche 14:02:10 → 14:20:43 (18 min)`, `arrêtée since 14:20:43`), newest first, kept with the history
 * so that it survives a reload. A span across a time the dashboard was not watching says so.
 */
export class TopicTimelineElement extends LitElement {
  static override styles = css`
    ol {
      list-style: none;
      margin: 0 0 0.75rem;
      padding: 0;
      display: grid;
      gap: 0.25rem;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75rem;
      font-variant-numeric: tabular-nums;
    }
    .text {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .when,
    .unsure {
      color: var(--muted);
    }
    h3 {
      font-size: 0.95rem;
      margin: 0.5rem 0 0.25rem;
    }
  `;

  static override properties = { topic: {}, _spans: { state: true } };
  declare topic: string;
  declare private _spans: TimelineSpan[];
  private _asked: TopicValue | undefined | null = null;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this.topic = '';
    this._spans = [];
    new StoreController(this, () => this._service.value?.topics);
    new StoreController(this, () => this._service.value?.clock); // the current value's duration ticks
  }

  /** Asked again when the topic's value changes. */
  override willUpdate(): void {
    const service = this._service.value;
    const value = service?.topics.get(this.topic);
    if (!service || value === this._asked) return;
    this._asked = value;
    void service.timeline(this.topic).then((spans) => (this._spans = spans)).catch(() => undefined);
  }

  override render() {
    if (this._spans.length === 0) return nothing;
    return html`<h3 id="changes">${msg('Changes')}</h3>
      <ol aria-labelledby="changes">
        ${this._spans.map(
          (span) => html`<li>
            <span class="text" dir="auto">${visiblePayload(span.text)}</span>
            <span class="when" title=${formatTimestamp(span.from)}
              >${span.to === null
                ? msg('since {0} ({1})', formatTime(span.from), formatDuration(Date.now() - span.from))
                : msg('{0} → {1} ({2})', formatTime(span.from), formatTime(span.to), formatDuration(span.to - span.from))}</span
            >
            ${span.broken ? html`<span class="unsure">${msg('the dashboard was not connected for part of it')}</span>` : nothing}
          </li>`,
        )}
      </ol>`;
  }
}

customElements.define('topic-timeline', TopicTimelineElement);

declare global {
  interface HTMLElementTagNameMap {
    'topic-timeline': TopicTimelineElement;
  }
}
