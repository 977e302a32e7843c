import { connectDevice } from '../support/devices';
import { expect, status, test, tile } from '../support/fixtures';

test.describe('settings persist across reloads', () => {
  test('the connection panel and subscriptions come back after a reload, and the dashboard reconnects', async ({ page, mosquitto }) => {
    await page.goto('/');
    const clientId = await page.getByLabel('Client ID').inputValue();
    expect(clientId).toMatch(/^dashboard-[0-9a-f]{8}$/);
    await page.getByLabel('Broker URL').fill(mosquitto.wsUrl);
    await page.getByLabel('Username').fill('tech');
    await page.getByLabel('Password', { exact: true }).fill('not-kept');
    await page.getByLabel('Keep-alive (seconds)').fill('20');
    await page.getByLabel('MQTT version').selectOption('5');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(status(page)).toContainText('Connected');
    await page.getByLabel('Topic filter').fill('moteur/#');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect(page.getByRole('listitem', { name: 'moteur/#' })).toContainText('granted QoS 1');

    await page.reload();
    await expect(page.getByLabel('Broker URL')).toHaveValue(mosquitto.wsUrl);
    await expect(page.getByLabel('Client ID')).toHaveValue(clientId);
    await expect(page.getByLabel('Username')).toHaveValue('tech');
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('Keep-alive (seconds)')).toHaveValue('20');
    await expect(page.getByLabel('MQTT version')).toHaveValue('5');
    await expect(status(page)).toContainText('Connected');
    await expect(page.getByRole('listitem', { name: 'moteur/#' })).toContainText('granted QoS 1');
  });

  test('the password is kept only when "Remember password" is ticked; Disconnect is remembered too', async ({ page, mosquitto }) => {
    await page.goto('/');
    await page.getByLabel('Broker URL').fill(mosquitto.wsUrl);
    await page.getByLabel('Username').fill('tech');
    await page.getByLabel('Password', { exact: true }).fill('kept');
    await page.getByLabel('Remember password').check();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(status(page)).toContainText('Connected');
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect(status(page)).toContainText('Disconnected');
    await page.reload();
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('kept');
    await expect(page.getByLabel('Remember password')).toBeChecked();
    await expect(status(page)).toContainText('Disconnected');
  });

  test('a removed subscription takes its tiles away and stays removed after a reload', async ({ page, mosquitto }) => {
    await page.goto(`/?broker=${encodeURIComponent(mosquitto.wsUrl)}&sub=a/%23&sub=b/%23&qos=1`);
    await expect(page.getByRole('listitem', { name: 'b/#' })).toContainText('granted');
    const device = await connectDevice(mosquitto.tcpUrl);
    await device.publishAsync('a/x', '1', { qos: 1 });
    await device.publishAsync('b/x', '2', { qos: 1 });
    await expect(tile(page, 'b/x')).toContainText('2');
    await page.getByRole('button', { name: 'Remove b/#' }).click();
    await expect(page.getByRole('listitem', { name: 'b/#' })).toHaveCount(0);
    await expect(tile(page, 'b/x')).toHaveCount(0);
    await expect(tile(page, 'a/x')).toContainText('1');
    await device.publishAsync('b/x', '3', { qos: 1 });
    await device.publishAsync('a/x', '4', { qos: 1 });
    await expect(tile(page, 'a/x')).toContainText('4');
    await expect(tile(page, 'b/x')).toHaveCount(0);
    await page.goto('/');
    await expect(page.getByRole('listitem', { name: 'a/#' })).toContainText('granted');
    await expect(page.getByRole('listitem', { name: 'b/#' })).toHaveCount(0);
  });
});
