/**
 * Sparkplug B states in words: why a node or device is offline, why a node is out of sync, why a message
 * was ignored. The one place these sentences are written, for the device cards and the message log.
 */
import type { IgnoredDeath, MemberNote, SyncFault } from '../sparkplug/sparkplug-types';

export function syncFaultWords(fault: SyncFault): string {
  switch (fault.kind) {
    case 'seq-gap':
      return `a seq gap: expected ${fault.expected}, got ${fault.got} (${fault.message})`;
    case 'seq-repeat':
      return `a repeated seq: expected ${fault.expected}, got ${fault.got} (${fault.message})`;
    case 'no-seq':
      return fault.message === 'NBIRTH' ? 'its NBIRTH has no seq' : `${fault.message} without seq`;
    case 'before-birth':
      return `${fault.message} before the node's NBIRTH`;
    case 'device-before-birth':
      return `DDATA from device ${fault.device} before its DBIRTH`;
    case 'undeclared-metric':
      return `a metric its birth did not declare (${fault.metric})`;
  }
}

export function memberNoteWords(note: MemberNote): string {
  switch (note.kind) {
    case 'node-death':
      return note.bdSeq === null ? 'NDEATH' : `NDEATH, bdSeq ${note.bdSeq}`;
    case 'device-death':
      return 'DDEATH';
    case 'node-died':
      return 'its node died';
    case 'node-reborn':
      return 'its node was born again';
    case 'out-of-sync':
      return `out of sync: ${syncFaultWords(note.fault)}`;
  }
}

export function ignoredWords(reason: IgnoredDeath): string {
  return reason.kind === 'not-online'
    ? 'NDEATH for a node that is not online'
    : `NDEATH with bdSeq ${reason.deathSeq ?? 'missing'} of an earlier session (the node's birth has bdSeq ${reason.birthSeq})`;
}
