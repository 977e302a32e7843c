import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { dashboardContext } from './dashboard-context';
import { controlStyles } from './shared-styles';
import { StoreController } from './store-controller';
import { formatNumber } from './value-format';
import { msg } from '../i18n/words';

const MB = 1024 * 1024;

/**
 * Display and layout › "Keep trends on this device": what is kept (a day in full, a week thinned), the
 * budget and what it takes now. Turned off, what was kept is erased and charts start when the page opens.
 */
export class TrendStorageSettingElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: grid;
        gap: 0.25rem;
      }
      .note {
        margin: 0;
      }
    `,
  ];

  static override properties = { _bytes: { state: true } };
  declare private _bytes: number | null;

  private readonly _service = new ContextConsumer(this, { context: dashboardContext });

  constructor() {
    super();
    this._bytes = null;
    new StoreController(this, () => this._service.value?.settings);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.measure();
  }

  /** Asks the engine again what the trends take (the panel was opened). */
  async measure(): Promise<void> {
    this._bytes = (await this._service.value?.trendBytes()) ?? null;
  }

  override render() {
    const service = this._service.value;
    if (!service) return nothing;
    const keeping = service.settings.state.keepTrends;
    const used = this._bytes === null ? msg('measured a minute after start') : msg('now {0} MB', formatNumber(this._bytes / MB, 1));
    return html`<label class="inline"
        ><input
          type="checkbox"
          aria-describedby="trend-note"
          .checked=${keeping}
          @change=${(event: Event) => {
            const wanted = (event.target as HTMLInputElement).checked;
            void service.preferences().then(async (preferences) => {
              preferences.setKeepTrends(wanted);
              await this.measure();
            });
          }}
        />
        ${msg('Keep trends on this device')}</label
      >
      <p class="note" id="trend-note">
        ${keeping
          ? msg('Charts and text changes survive a reload: the last 24 h at up to one point a second, then a week at one point a minute with its low and high; at most about 100 MB ({0}).', used)
          : msg('Charts start when the page opens. Turning it off erased what was kept.')}
      </p>`;
  }
}

customElements.define('trend-storage-setting', TrendStorageSettingElement);

declare global {
  interface HTMLElementTagNameMap {
    'trend-storage-setting': TrendStorageSettingElement;
  }
}
