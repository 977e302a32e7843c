/**
 * Sparkplug B states in words: why a node or device is offline, why a node is out of sync, why a message
 * was ignored. The one place these sentences are written, for the device cards and the message log.
 */
import type { IgnoredDeath, MemberNote, SyncFault } from '../sparkplug/sparkplug-types';
import { msg } from '../i18n/words';

export function syncFaultWords(fault: SyncFault): string {
  switch (fault.kind) {
    case 'seq-gap':
      return msg('a seq gap: expected {0}, got {1} ({2})', fault.expected, fault.got, fault.message);
    case 'seq-repeat':
      return msg('a repeated seq: expected {0}, got {1} ({2})', fault.expected, fault.got, fault.message);
    case 'no-seq':
      return fault.message === 'NBIRTH' ? msg('its NBIRTH has no seq') : msg('{0} without seq', fault.message);
    case 'before-birth':
      return msg("{0} before the node's NBIRTH", fault.message);
    case 'device-before-birth':
      return msg('DDATA from device {0} before its DBIRTH', fault.device);
    case 'undeclared-metric':
      return msg('a metric its birth did not declare ({0})', fault.metric);
  }
}

export function memberNoteWords(note: MemberNote): string {
  switch (note.kind) {
    case 'node-death':
      return note.bdSeq === null ? 'NDEATH' : `NDEATH, bdSeq ${note.bdSeq}`;
    case 'device-death':
      return 'DDEATH';
    case 'node-died':
      return msg('its node died');
    case 'node-reborn':
      return msg('its node was born again');
    case 'out-of-sync':
      return msg('out of sync: {0}', syncFaultWords(note.fault));
  }
}

export function ignoredWords(reason: IgnoredDeath): string {
  return reason.kind === 'not-online'
    ? msg('NDEATH for a node that is not online')
    : msg("NDEATH with bdSeq {0} of an earlier session (the node's birth has bdSeq {1})", reason.deathSeq ?? msg('missing'), reason.birthSeq);
}
