/**
 * A tablet that calls for attention while alarms wait to be acknowledged: a sound per priority (Web Audio,
 * made here, no file), a system notification per alarm through the service worker (its tag is the alarm's,
 * urgent ones stay until touched, an Acknowledge action), a vibration when one is raised, and the installed
 * app's badge counting them. Each says whether this browser allows it (see `abilities`). One per page,
 * loaded with the alarms.
 */
import type { AlarmDefinition, AlarmPriority } from '../../alarms/alarm-definition';
import { needsAcknowledging, type AlarmState } from '../../alarms/alarm-machine';
import type { Dashboard } from '../../mirror/dashboard';
import { ValueStore } from '../../state/notifier';
import { msg } from '../../i18n/words';
import { actingName, alarmTitle, conditionWords, priorityWord, valueWords } from './alarm-words';

/** How long Mute silences the sounds. */
export const MUTE_MS = 5 * 60_000;
/** Between two calls of a sound, by priority: urgent often, high less; medium and low are not sounded. */
const REPEAT_MS: Partial<Record<AlarmPriority, number>> = { urgent: 2000, high: 5000 };
/** Tones (Hz) and beeps per call: urgent high-pitched and triple, high lower and double. */
const TONES: Partial<Record<AlarmPriority, { hz: number; beeps: number }>> = { urgent: { hz: 988, beeps: 3 }, high: { hz: 659, beeps: 2 } };

export interface AnnunciatorState {
  /** The browser waits for a tap before it plays sound. */
  soundBlocked: boolean;
  /** Sounds muted until then (epoch ms), or null. */
  mutedUntil: number | null;
  notifications: NotificationPermission | 'unsupported';
}

type Row = { alarm: AlarmDefinition; state: AlarmState };

/** What this browser allows, as the Alarms settings say it. */
export function abilities(): { vibration: boolean; badge: boolean; notifications: boolean; sound: boolean; installed: boolean } {
  return {
    vibration: typeof navigator.vibrate === 'function',
    badge: 'setAppBadge' in navigator,
    notifications: typeof Notification !== 'undefined' && 'serviceWorker' in navigator,
    sound: typeof AudioContext !== 'undefined',
    installed: matchMedia('(display-mode: standalone)').matches,
  };
}

export class AlarmAnnunciator {
  readonly state = new ValueStore<AnnunciatorState>({
    // Until a tap makes the audio context (the browser's rule): then as the context says.
    soundBlocked: true,
    mutedUntil: null,
    notifications: typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  });
  private _audio: AudioContext | null = null;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  /** When each alarm was last raised, as seen here: a new raise notifies and vibrates once. */
  private readonly _announced = new Map<string, number>();
  private _waiting: Row[] = [];
  /** The count the badge shows (-1: not set yet). */
  private _badged = -1;

  constructor(private readonly _dashboard: Dashboard) {
    _dashboard.alarms.subscribe(() => this._follow());
    _dashboard.settings.subscribe(() => this._follow());
    navigator.serviceWorker?.addEventListener('message', (event: MessageEvent<unknown>) => {
      const data = event.data as { kind?: string; alarmId?: string } | null;
      if (data?.kind === 'alarm-acknowledge' && typeof data.alarmId === 'string') this._acknowledgeFromNotification(data.alarmId);
    });
    // Any first tap or key allows sound from then on (the browser's rule), not only the button that says so.
    const tapped = (): void => {
      if (this._dashboard.settings.state.alarms.length > 0 && this._audio?.state !== 'running') this.enableSound();
    };
    for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, tapped, { capture: true, passive: true });
    // Allowed or blocked in the browser's settings meanwhile: read again when it changes, not on every pass.
    void navigator.permissions
      ?.query({ name: 'notifications' })
      .then((status) => status.addEventListener('change', () => typeof Notification !== 'undefined' && this.state.set({ notifications: Notification.permission })))
      .catch(() => undefined);
    this._follow();
  }

  /** A tap allows sound (the browser's rule). */
  enableSound(): void {
    const audio = this._context();
    void audio?.resume().then(() => this.state.set({ soundBlocked: audio.state !== 'running' }));
  }

  mute(): void {
    this.state.set({ mutedUntil: Date.now() + MUTE_MS });
    setTimeout(() => this._follow(), MUTE_MS + 100);
  }

  unmute(): void {
    this.state.set({ mutedUntil: null });
    this._follow();
  }

  async askForNotifications(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    const answer = await Notification.requestPermission();
    this.state.set({ notifications: answer });
    this._follow();
  }

  private _context(): AudioContext | null {
    if (this._audio) return this._audio;
    if (typeof AudioContext === 'undefined') return null;
    this._audio = new AudioContext();
    this._audio.addEventListener('statechange', () => this.state.set({ soundBlocked: this._audio?.state !== 'running' }));
    return this._audio;
  }

  private _rows(): Row[] {
    const byId = new Map(this._dashboard.alarms.state.states.map((state) => [state.id, state]));
    return this._dashboard.settings.state.alarms.flatMap((alarm) => {
      const state = byId.get(alarm.id);
      return state && needsAcknowledging(state) ? [{ alarm, state }] : [];
    });
  }

  private _follow(): void {
    const waiting = this._rows();
    this._waiting = waiting;
    const { kiosk, kioskAlarms } = this._dashboard.display.state;
    for (const { alarm, state } of waiting) {
      const raisedAt = state.raisedAt ?? 0;
      if (this._announced.get(alarm.id) === raisedAt) continue;
      this._announced.set(alarm.id, raisedAt);
      if (state.active) {
        if (alarm.priority === 'urgent' || alarm.priority === 'high') navigator.vibrate?.(alarm.priority === 'urgent' ? [300, 150, 300, 150, 300] : [300, 150, 300]);
        void this._notify(alarm, state, !kiosk || kioskAlarms === true);
      }
    }
    // Acknowledged (here or elsewhere), shelved or gone: its notification goes too.
    void this._closeNotifications();
    if (waiting.length !== this._badged) {
      this._badged = waiting.length;
      const badge = navigator as Navigator & { setAppBadge?: (count: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
      void (waiting.length > 0 ? badge.setAppBadge?.(waiting.length) : badge.clearAppBadge?.())?.catch(() => undefined);
    }
    this._sound();
  }

  /** Plays the most urgent waiting priority's call now and again, unless muted or nothing calls. */
  private _sound(): void {
    if (this._timer !== null) return;
    const muted = (this.state.state.mutedUntil ?? 0) > Date.now();
    const priority = (['urgent', 'high'] as const).find((each) => this._waiting.some((row) => row.alarm.priority === each && row.state.active));
    if (!priority || muted) return;
    // The audio context is made only by a tap (see the constructor): made here, under a flood of values, it
    // would hold the page for a synchronous ask of the audio device (over 100 ms measured on a busy machine).
    // Without one, soundBlocked is already true (it starts so; only the context's own state clears it).
    const audio = this._audio;
    if (!audio) return;
    if (audio.state !== 'running') {
      if (!this.state.state.soundBlocked) this.state.set({ soundBlocked: true });
      void audio.resume().catch(() => undefined); // allowed when a tap came before
    } else this._beep(audio, priority);
    this._timer = setTimeout(() => {
      this._timer = null;
      this._sound();
    }, REPEAT_MS[priority]);
  }

  private _beep(audio: AudioContext, priority: AlarmPriority): void {
    const tone = TONES[priority];
    if (!tone) return;
    for (let index = 0; index < tone.beeps; index++) {
      const start = audio.currentTime + index * 0.25;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = tone.hz;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.2);
    }
  }

  private async _registration(): Promise<ServiceWorkerRegistration | null> {
    // The permission as last read (each read of Notification.permission asks the browser, synchronously).
    if (!navigator.serviceWorker || this.state.state.notifications !== 'granted') return null;
    return (await navigator.serviceWorker.getRegistration()) ?? null;
  }

  private async _notify(alarm: AlarmDefinition, state: AlarmState, mayAcknowledge: boolean): Promise<void> {
    const registration = await this._registration();
    if (!registration) return;
    const body = `${priorityWord(alarm.priority)} · ${msg('Value: {0}', valueWords(state.value))} · ${msg('Condition: {0}', conditionWords(alarm))}`;
    const options: NotificationOptions & { actions?: Array<{ action: string; title: string }> } = {
      tag: `alarm-${alarm.id}`,
      body,
      requireInteraction: alarm.priority === 'urgent',
      data: { alarmId: alarm.id },
      ...(mayAcknowledge ? { actions: [{ action: 'acknowledge', title: msg('Acknowledge') }] } : {}),
    };
    await registration.showNotification(alarmTitle(alarm), options).catch(() => undefined);
  }

  private async _closeNotifications(): Promise<void> {
    const registration = await this._registration();
    if (!registration) return;
    const shown = await registration.getNotifications();
    // Which alarms wait is read now, not when this began: a pass begun before a raise must not close its notification.
    const waiting = new Set(this._waiting.map((row) => row.alarm.id));
    for (const notification of shown) {
      const id = (notification.data as { alarmId?: unknown } | null)?.alarmId;
      if (typeof id === 'string' && !waiting.has(id)) notification.close();
    }
  }

  /** The notification's Acknowledge action, relayed by the service worker (the page may be in the background). */
  private _acknowledgeFromNotification(alarmId: string): void {
    const { kiosk, kioskAlarms } = this._dashboard.display.state;
    if (kiosk && kioskAlarms !== true) return;
    this._dashboard.alarmRequest({ kind: 'acknowledge', ids: [alarmId], comment: msg('from the notification'), by: actingName(this._dashboard.settings.state) });
  }
}

let annunciator: AlarmAnnunciator | null = null;

/** The page's annunciator, made with the first alarm. */
export function annunciatorFor(dashboard: Dashboard): AlarmAnnunciator {
  annunciator ??= new AlarmAnnunciator(dashboard);
  return annunciator;
}
