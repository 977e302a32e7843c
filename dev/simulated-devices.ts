/**
 * Simulated devices that behave like real ones, for `npm start`: real MQTT clients over TCP with a
 * retained birth message, a retained Last Will, retained measurements, and commands on `<device>/commande`.
 * Over MQTT 5 they answer requests: a command with a response topic gets a reply there (`ok` or
 * `non comprise`), with the same correlation data and the user property `device`.
 */
import mqtt, { type MqttClient } from 'mqtt';

interface DeviceSpec {
  id: string;
  /** A device that drops off now and then (its socket dies, no DISCONNECT), so its Last Will shows. */
  outage?: { everyMs: number; forMs: number };
  /** Called every second while connected; returns topic → payload. */
  measure(state: DeviceState): Record<string, string>;
  /** Applies a command payload; returns false when it is not understood. */
  command(state: DeviceState, payload: string): boolean;
}

interface DeviceState {
  running: boolean;
  setpoint: number;
  temperature: number;
  /** npm start: the motor overheats now and then (above 75 °C for about 20 s every 3 minutes). */
  overheating?: boolean;
  speed: number;
  flow: number;
}

const drift = (value: number, target: number, inertia: number, noise: number) =>
  value + (target - value) * inertia + (Math.random() - 0.5) * noise;
const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

const moteur: DeviceSpec = {
  id: 'moteur',
  measure(state) {
    state.speed = drift(state.speed, state.running ? state.setpoint : 0, 0.25, state.running ? 8 : 0);
    const load = Math.max(0, state.speed) / 1500;
    state.temperature = state.overheating ? drift(state.temperature, 83, 0.35, 0.3) : drift(state.temperature, 22 + 48 * load, state.temperature > 72 ? 0.3 : 0.03, 0.3);
    return {
      'moteur/température': JSON.stringify({ value: round(state.temperature, 1), unit: '°C' }),
      'moteur/vitesse': String(Math.max(0, Math.round(state.speed))),
      'moteur/état': state.running ? 'en marche' : 'arrêté',
      'moteur/consigne': String(state.setpoint),
    };
  },
  command: startStopSetpoint,
};

const pompe: DeviceSpec = {
  id: 'pompe',
  measure(state) {
    state.flow = drift(state.flow, state.running ? state.setpoint : 0, 0.3, state.running ? 0.6 : 0);
    const flow = Math.max(0, state.flow);
    return {
      'pompe/débit': JSON.stringify({ value: round(flow, 1), unit: 'L/min' }),
      'pompe/pression': (1 + flow * 0.08 + (Math.random() - 0.5) * 0.05).toFixed(2),
      'pompe/état': state.running ? 'en marche' : 'arrêtée',
    };
  },
  command: startStopSetpoint,
};

/** A humidity sensor on flaky Wi-Fi: it vanishes for 15 s every 45 s, and its Last Will says so. */
const capteur: DeviceSpec = {
  id: 'capteur',
  outage: { everyMs: 45_000, forMs: 15_000 },
  measure(state) {
    state.temperature = drift(state.temperature, 48, 0.1, 2);
    return { 'capteur/humidité': JSON.stringify({ value: round(state.temperature, 1), unit: '%' }) };
  },
  command: () => false,
};

/** `start`, `stop`, a number (setpoint), or JSON {"setpoint": n} / {"consigne": n}. */
function startStopSetpoint(state: DeviceState, payload: string): boolean {
  const text = payload.trim().toLowerCase();
  if (text === 'start' || text === 'marche') state.running = true;
  else if (text === 'stop' || text === 'arrêt' || text === 'arret') state.running = false;
  else {
    let value = Number(text.replace(/^(setpoint|consigne)\s*[=:]\s*/, ''));
    if (Number.isNaN(value)) {
      try {
        const json = JSON.parse(payload) as { setpoint?: unknown; consigne?: unknown };
        value = Number(json.setpoint ?? json.consigne);
      } catch {
        return false;
      }
    }
    if (!Number.isFinite(value) || value < 0) return false;
    state.setpoint = value;
  }
  return true;
}

export interface SimulatedDevices {
  stop(): Promise<void>;
}

export interface SimulatedDevicesOptions {
  /** How often `capteur` drops off, and for how long (default every 45 s, for 15 s). */
  outage?: { everyMs: number; forMs: number };
  /** MQTT version the devices speak: 4 (3.1.1, the default, what Aedes speaks) or 5. */
  protocolVersion?: 4 | 5;
  /**
   * Devices as they are in a plant (npm start): pompe acts on a command 3 s late, moteur ignores every
   * 4th command, so that a control's waiting and `no answer` can be seen. Off by default.
   */
  quirks?: boolean;
}

export function startSimulatedDevices(brokerUrl: string, options: SimulatedDevicesOptions = {}): SimulatedDevices {
  const specs: Array<[DeviceSpec, DeviceState]> = [
    [moteur, { running: true, setpoint: 1450, temperature: 64, speed: 1450, flow: 0 }],
    [pompe, { running: true, setpoint: 18, temperature: 0, speed: 0, flow: 18 }],
    [capteur, { running: true, setpoint: 0, temperature: 48, speed: 0, flow: 0 }],
  ];
  const clients: MqttClient[] = [];
  const timers: NodeJS.Timeout[] = []; // intervals and timeouts alike: clearInterval clears both
  for (const [spec, state] of specs) {
    const status = `${spec.id}/status`;
    const client = mqtt.connect(brokerUrl, {
      clientId: `sim-${spec.id}`,
      protocolVersion: options.protocolVersion ?? 4,
      keepalive: 10,
      reconnectPeriod: 1000,
      will: { topic: status, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    clients.push(client);
    client.on('connect', () => {
      client.publish(status, 'online', { qos: 1, retain: true });
      client.subscribe(`${spec.id}/commande`, { qos: 1 });
    });
    let received = 0;
    client.on('message', (_topic, payload, packet) => {
      received++;
      if (options.quirks && spec.id === 'moteur' && received % 4 === 0) return; // lost on the device's side
      if (options.quirks && spec.id === 'pompe') {
        timers.push(setTimeout(() => act(payload, packet.properties), 3000));
        return;
      }
      act(payload, packet.properties);
    });
    const act = (payload: Buffer, properties: { responseTopic?: string; correlationData?: Buffer } | undefined) => {
      const understood = spec.command(state, payload.toString('utf8'));
      const responseTopic = properties?.responseTopic;
      if (responseTopic) {
        const replyProperties = { userProperties: { device: spec.id }, ...(properties?.correlationData ? { correlationData: properties.correlationData } : {}) };
        client.publish(responseTopic, understood ? 'ok' : 'non comprise', { qos: 1, properties: replyProperties });
      }
      client.publish(`${spec.id}/dernière-commande`, `${understood ? 'ok' : 'non comprise'}: ${payload.toString('utf8')}`, {
        qos: 1,
        retain: true,
      });
      publishMeasures(client, spec, state);
    };
    client.on('error', (error) => console.error(`[${spec.id}] ${error.message}`));
    timers.push(setInterval(() => client.connected && publishMeasures(client, spec, state), 1000));
    if (options.quirks && spec.id === 'moteur') {
      // Overheats for about 20 s every 3 minutes (the first a minute after start): the demo's alarms go off.
      const overheat = () => {
        state.overheating = true;
        timers.push(setTimeout(() => (state.overheating = false), 17_000));
      };
      timers.push(setTimeout(overheat, 60_000), setInterval(overheat, 180_000));
    }
    const outage = spec.outage && (options.outage ?? spec.outage);
    if (outage) {
      timers.push(
        setInterval(() => {
          client.end(true); // forced: the socket is destroyed without DISCONNECT, so the broker publishes the Will
          timers.push(setTimeout(() => client.reconnect(), outage.forMs));
        }, outage.everyMs),
      );
    }
  }
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(
        clients.map(async (client, index) => {
          const id = specs[index]?.[0].id ?? '';
          if (client.connected) await client.publishAsync(`${id}/status`, 'offline', { qos: 1, retain: true });
          await client.endAsync();
        }),
      );
    },
  };
}

function publishMeasures(client: MqttClient, spec: DeviceSpec, state: DeviceState): void {
  for (const [topic, payload] of Object.entries(spec.measure(state))) client.publish(topic, payload, { qos: 0, retain: true });
}
