/** The topics the dashboard itself publishes and listens on, derived from its client id. */

/** Where the dashboard announces its own presence (birth `online`, Will `offline`). */
export function dashboardPresenceTopic(clientId: string): string {
  return `dashboard/${topicLevel(clientId)}/status`;
}

/** Where devices reply to the dashboard's requests (MQTT 5 response topic). */
export function dashboardReplyTopic(clientId: string): string {
  return `dashboard/${topicLevel(clientId)}/reply`;
}

/** A client id as one topic level: no wildcard, no separator, no NUL. */
const topicLevel = (clientId: string) => clientId.replace(/[+#/\u0000]/g, '_') || 'unnamed';
