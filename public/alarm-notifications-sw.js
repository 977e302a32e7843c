/*
 * Imported by the generated service worker (vite.config.ts, workbox.importScripts): an alarm notification's
 * Acknowledge action acknowledges from the notification, also while the page is in the background, by
 * telling the open dashboards (their engine does it, in the dashboard's name). A tap on the notification
 * itself brings the dashboard forward, or opens it. Plain JavaScript: the service worker loads it as is.
 */
self.addEventListener('notificationclick', (event) => {
  const data = event.notification.data;
  const alarmId = data && typeof data.alarmId === 'string' ? data.alarmId : null;
  if (alarmId === null) return;
  event.notification.close();
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      if (event.action === 'acknowledge') {
        for (const client of windows) client.postMessage({ kind: 'alarm-acknowledge', alarmId });
        if (windows.length > 0) return;
      }
      if (windows.length > 0) await windows[0].focus();
      else await self.clients.openWindow('/');
    })(),
  );
});
