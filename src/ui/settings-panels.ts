/**
 * The settings panels beside (or below) the values: loaded just after the first screen is drawn, so the
 * values show first. Each element upgrades in place when its definition arrives.
 */
import './connection-panel';
import './subscription-panel';
import './command-composer';
import './outbox-panel';
import './presence-panel';
import './layout-panel';
import './alarms/alarm-settings';
