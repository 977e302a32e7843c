/** The engine's Worker: stores report changes at once (nothing is painted here), and the engine is exposed to the page. */
import * as Comlink from 'comlink';
import { scheduleEveryStoreWith } from '../state/notifier';
import { Engine } from './engine';

scheduleEveryStoreWith((flush) => queueMicrotask(flush));
Comlink.expose(new Engine());
