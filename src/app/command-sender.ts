/** The connection as the outbox sees it: whether it can send now, how much at once, and where replies go. */
import type { MqttConnection } from '../mqtt/connection';
import type { CommandSender } from './outbox-service';

export function commandSender(connection: MqttConnection, replyTopic: string): CommandSender {
  return {
    replyTopic,
    get canAskForReplies() {
      return connection.status.protocol !== '3.1.1';
    },
    get acksCarryReasons() {
      return connection.status.protocol === '5';
    },
    get connected() {
      return connection.status.phase === 'connected';
    },
    get receiveMaximum() {
      return connection.status.receiveMaximum;
    },
    sendCommand: (command) => connection.commands.send(command),
    resumeCommands: (unfinished) => connection.commands.resume(unfinished),
    abandon: (commandId) => connection.commands.abandon(commandId),
  };
}
