/**
 * Brokers and Topics against the real embedded cluster (`tidepool start --browser`): the brokers table, then
 * create a 3-partition topic from the UI, find it in the list and its Partitions and Config tabs, and delete
 * it through the typed confirmation. Screenshots of the three screens go to test-results/screenshots/.
 */
import { Kafka, logLevel } from 'kafkajs';
import { expect, saveScreenshot, startServer, test as base, type TidepoolServer } from './fixtures.js';

const test = base.extend<object, { server: TidepoolServer }>({
  server: [async ({}, use) => {
    const server = await startServer(['start', '--browser', '--port', '0']);
    await use(server);
    await server.stop();
  }, { scope: 'worker' }],
});

test('brokers table and health show the embedded broker', async ({ app }) => {
  await app.goto(`${new URL(app.url()).origin}${new URL(app.url()).search}#/brokers`);
  const table = app.getByTestId('brokers-table');
  await expect(table).toBeVisible({ timeout: 20_000 });
  const row = table.locator('tbody tr').first();
  await expect(row).toContainText('controller');
  await expect(row).toContainText(/127\.0\.0\.1:\d+/);
  await expect(app.getByTestId('health-offline')).toHaveText('0');
  await expect(app.getByTestId('health-urp')).toHaveText('0');
  await saveScreenshot(app, 'brokers');
});

test('the Overview shows the active cluster\'s health and brokers', async ({ app }) => {
  await expect(app.getByTestId('cluster-health')).toBeVisible({ timeout: 20_000 });
  await expect(app.getByTestId('health-offline')).toHaveText('0');
  await expect(app.getByTestId('brokers-table').locator('tbody tr')).toHaveCount(1);
  await saveScreenshot(app, 'overview-cluster');
});

test('create a 3-partition topic, see it in the list and its partitions, then delete it with confirmation', async ({ app }) => {
  const name = `e2e-orders-${Date.now()}`;
  const base = `${new URL(app.url()).origin}${new URL(app.url()).search}`;
  // The embedded broker's address, as the Brokers screen shows it: a real client produces there below.
  await app.goto(`${base}#/brokers`);
  const bootstrap = (await app.getByTestId('brokers-table').locator('tbody tr td').nth(1).innerText()).trim();
  await app.goto(`${base}#/topics`);
  await expect(app.getByTestId('topics-page')).toBeVisible({ timeout: 20_000 });

  await app.getByRole('button', { name: 'Create topic' }).click();
  const dlg = app.getByTestId('create-topic-dialog');
  await dlg.getByLabel('Topic name').fill('bad name!');
  await dlg.getByRole('button', { name: 'Create' }).click();
  await expect(dlg.getByTestId('error-name')).toContainText('letters, digits');
  await dlg.getByLabel('Topic name').fill(name);
  await dlg.getByLabel('Partitions').fill('3');
  await dlg.getByLabel('Configs').fill('retention.ms=3600000');
  await dlg.getByRole('button', { name: 'Create' }).click();
  await expect(dlg).toBeHidden();

  await app.getByLabel('Search topics').fill('e2e-orders');
  const row = app.getByTestId(`topic-row-${name}`);
  await expect(row).toBeVisible();
  await expect(row.locator('span').nth(1)).toHaveText('3'); // partitions
  await expect(row.locator('span').nth(2)).toHaveText('1'); // RF
  await expect(app.getByTestId(`messages-${name}`)).toHaveText('0'); // filled for the visible rows
  await saveScreenshot(app, 'topics');

  // Three records to partition 1 from kafkajs, so the detail shows real offsets that came from the broker.
  const producer = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({ topic: name, messages: [{ value: 'a', partition: 1 }, { value: 'b', partition: 1 }, { value: 'c', partition: 1 }] });
  await producer.disconnect();

  await row.click();
  const table = app.getByTestId('partitions-table');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(app.getByTestId('log-end-2')).toHaveText('0');
  await expect(app.getByTestId('log-end-1')).toHaveText('3');
  // The local cluster also shows what its leaders know: HW and leader LEO (all caught up on one broker).
  await expect(app.getByTestId('hw-1')).toHaveText('3');
  await expect(app.getByTestId('leo-1')).toHaveText('3');
  await expect(app.getByTestId('size-1')).toHaveText(/^\d+(\.\d)? (B|KiB)$/);
  await expect(app.getByTestId('size-2')).toHaveText('0 B');
  await expect(app.getByTestId('topic-detail')).toContainText('3 messages');
  await saveScreenshot(app, 'topic-detail-partitions');
  await app.getByRole('tab', { name: 'Config' }).click();
  const retention = app.getByTestId('config-retention.ms');
  await expect(retention).toHaveClass(/row-nondefault/);
  await expect(retention).toContainText('3600000');
  await expect(retention).toContainText('topic');
  await saveScreenshot(app, 'topic-detail-config');

  await app.getByRole('button', { name: 'Delete…' }).click();
  const del = app.getByTestId('delete-topic-dialog');
  const confirm = del.getByRole('button', { name: 'Delete topic' });
  await expect(confirm).toBeDisabled();
  await del.getByLabel('Confirm topic name').fill(name.slice(0, -1));
  await expect(confirm).toBeDisabled();
  await del.getByLabel('Confirm topic name').fill(name);
  await confirm.click();
  await expect(app.getByTestId('topics-page')).toBeVisible();
  await app.getByLabel('Search topics').fill(name);
  await expect(app.getByTestId('no-topics')).toBeVisible();
});
