/**
 * `npm start`: the embedded dev broker, the simulated devices and the dashboard (Vite), then the URL to open.
 * Ports: MQTT_WS_PORT (9001), MQTT_TCP_PORT (1883), DASHBOARD_PORT (5173).
 */
import { createServer } from 'vite';
import { startDevBroker } from './broker';
import { startSimulatedDevices } from './simulated-devices';
import { startSimulatedEdgeNode } from './simulated-edge-node';
import { demoAlarms, demoControls } from './demo-controls';

function port(variable: string, fallback: number): number {
  const text = process.env[variable];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    console.error(`${variable}=${text} is not a port number (0–65535).`);
    process.exit(1);
  }
  return value;
}

async function main(): Promise<void> {
  const broker = await startDevBroker({ wsPort: port('MQTT_WS_PORT', 9001), tcpPort: port('MQTT_TCP_PORT', 1883) });
  const devices = startSimulatedDevices(broker.tcpUrl, { quirks: true });
  const edgeNode = startSimulatedEdgeNode(broker.tcpUrl);
  process.env['VITE_DEFAULT_BROKER'] = broker.wsUrl;
  process.env['VITE_DEMO_LAYOUT'] = JSON.stringify({ controls: demoControls(), alarms: demoAlarms() });
  const dashboardPort = port('DASHBOARD_PORT', 5173);
  const vite = await createServer({ server: { host: '127.0.0.1', port: dashboardPort, strictPort: true } });
  try {
    await vite.listen();
  } catch (error) {
    // The process exits on this error (see below), which also stops the broker and the devices.
    throw new Error(
      `Port ${dashboardPort} on 127.0.0.1 is already in use. Stop the program using it, or choose another port: DASHBOARD_PORT=<port> npm start`,
      { cause: error },
    );
  }
  const base = vite.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/';
  const link = `${base}?broker=${encodeURIComponent(broker.wsUrl)}&sub=%23&qos=1`;
  console.log(`
  MQTT dev broker   ${broker.wsUrl} (WebSocket, for the dashboard)
                    ${broker.tcpUrl} (TCP, for devices and mosquitto_pub)
  Simulated devices moteur, pompe, capteur (capteur drops off for 15 s every 45 s: watch its Last Will)
                    commands on moteur/commande, pompe/commande: start, stop, a setpoint
  Controls          Pompe (switch), Moteur (switch) and Consigne moteur (setpoint 0–1800 rpm), confirmed
                    by what the devices report; pompe acts 3 s late, moteur ignores every 4th command
  Alarms            moteur/température above 75 °C (high) and 85 °C (urgent); capteur offline; pompe/débit
                    silent for 30 s. The motor overheats for about 20 s every 3 minutes
  Sparkplug B       edge node Usine1/Ligne1 with devices Presse and Four (dies for 10 s every 90 s;
                    answers Rebirth requests; write a metric from its tile)

  Open the dashboard: ${link}
  (it connects to the dev broker and subscribes to #; add &kiosk=1 for a read-only wall display)
`);
  const stop = async () => {
    await Promise.all([devices.stop(), edgeNode.stop()]).catch(() => undefined);
    await Promise.all([vite.close(), broker.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
