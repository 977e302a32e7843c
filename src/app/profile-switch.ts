/**
 * Switching to a saved broker profile: its subscriptions replace the current ones, the values of the
 * broker being left are cleared (they would be stale and misleading), and the dashboard connects to it.
 */
import type { BrokerProfile } from '../storage/settings';
import type { DashboardService } from './dashboard-service';

export async function switchToProfile(service: DashboardService, profile: BrokerProfile): Promise<void> {
  const current = service.settings.state;
  const sameBroker = current.brokerUrl === profile.brokerUrl && current.username === profile.username;
  for (const { filter } of current.subscriptions) {
    if (!profile.subscriptions.some((wanted) => wanted.filter === filter)) await service.unsubscribe(filter);
  }
  if (!sameBroker) {
    service.topics.clear();
    service.history.retain(() => false);
    service.tree.rebuild([]);
  }
  for (const { filter, qos } of profile.subscriptions) service.subscribe(filter, qos);
  const { name: _name, ...connection } = profile;
  service.connect({
    ...service.settings.state,
    ...connection,
    // A password is never kept in a profile: the same broker keeps the one typed, another asks again.
    password: sameBroker ? current.password : '',
    rememberPassword: sameBroker && current.rememberPassword,
    sessionKey: sameBroker && current.clientId === profile.clientId ? current.sessionKey : null,
  });
}
