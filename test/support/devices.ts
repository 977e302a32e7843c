/** Real MQTT device clients (mqtt.js over TCP) for end-to-end tests. */
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

const opened = new Set<MqttClient>();

export async function connectDevice(brokerUrl: string, options: IClientOptions = {}): Promise<MqttClient> {
  const client = await mqtt.connectAsync(brokerUrl, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
  opened.add(client);
  return client;
}

/** Closes every device a test opened. */
export async function closeDevices(): Promise<void> {
  await Promise.all([...opened].map((client) => client.endAsync(true)));
  opened.clear();
}
