/**
 * The Local Cluster screen against the real embedded cluster (`tidepool start --browser`): restart it with
 * 3 brokers from the UI, create a topic with 3 partitions and RF 3, kill the leader of partition 0 from the
 * brokers table and watch the leader move and the ISR shrink in the timeline and the Partitions tab, then
 * start the broker again and watch the ISR expand, with every acknowledged record still there. Screenshots go
 * to test-results/screenshots/.
 */
import type { Page } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { expect, saveScreenshot, SCREENSHOT_DIR, startServer, test as base, type TidepoolServer } from './fixtures.js';

const test = base.extend<object, { server: TidepoolServer }>({
  server: [async ({}, use) => {
    const server = await startServer(['start', '--browser', '--port', '0']);
    await use(server);
    await server.stop();
  }, { scope: 'worker' }],
});

/** Stops whatever runs and starts `n` brokers from the status card; waits until every broker runs. */
async function restartWith(app: Page, n: number): Promise<void> {
  await app.getByTestId('nav-local-cluster').click();
  const state = app.getByTestId('local-cluster-state');
  await expect(state).toHaveText(/running|stopped|failed/, { timeout: 30_000 });
  if ((await state.innerText()) === 'running') {
    await app.getByRole('button', { name: 'Stop cluster…' }).click();
    await expect(app.getByTestId('confirm-dialog')).toContainText('loses its connection');
    await app.getByRole('button', { name: 'Stop cluster', exact: true }).click();
    await expect(state).toHaveText('stopped', { timeout: 30_000 });
  }
  await app.getByLabel('Broker count').selectOption(String(n));
  await app.getByRole('button', { name: 'Start cluster' }).click();
  await expect(state).toHaveText(/running|failed/, { timeout: 60_000 });
  if ((await state.innerText()) === 'failed') {
    throw new Error(`the local cluster did not start with ${n} brokers: ${await app.getByTestId('action-failure').innerText()}`);
  }
  for (let id = 1; id <= n; id++) {
    await expect(app.getByTestId(`broker-state-${id}`)).toHaveText('running', { timeout: 30_000 });
  }
}

/**
 * Starts a stopped or killed broker from its row. A killed broker comes back on its old port; on this shared
 * test machine other Kafka processes may have taken that port meanwhile, which the screen reports ("already
 * in use"). Only that is retried (up to 12 times, 4 s apart), as a user would; any other failure fails the test.
 */
async function startBroker(app: Page, id: string): Promise<void> {
  const state = app.getByTestId(`broker-state-${id}`);
  const failure = app.getByTestId('action-failure');
  for (let attempt = 1; ; attempt++) {
    await app.getByTestId(`local-broker-${id}`).getByRole('button', { name: 'Start' }).click();
    await expect.poll(async () => ((await failure.isVisible()) ? 'failed' : state.innerText()), { timeout: 60_000 }).toMatch(/running|failed/);
    if (!(await failure.isVisible())) return;
    const why = await failure.innerText();
    if (!/already in use/.test(why) || attempt === 12) throw new Error(`broker ${id} did not start: ${why}`);
    test.info().annotations.push({ type: 'retry', description: `start of broker ${id}, attempt ${attempt}: ${why}` });
    await failure.getByRole('button', { name: 'Dismiss' }).click();
    await app.waitForTimeout(4000);
  }
}

test('the Local Cluster screen shows the running cluster, and a kill that is cancelled kills nothing', async ({ app }) => {
  await app.getByTestId('nav-local-cluster').click();
  await expect(app.getByTestId('local-cluster-state')).toHaveText('running', { timeout: 30_000 });
  await expect(app.getByTestId('local-bootstrap')).toHaveText(/^127\.0\.0\.1:\d+(,127\.0\.0\.1:\d+)*$/);
  const first = app.getByTestId('local-brokers-table').locator('tbody tr').first();
  const id = (await first.locator('td').first().innerText()).trim();
  await first.getByRole('button', { name: 'Kill…' }).click();
  await expect(app.getByTestId('confirm-dialog')).toContainText(`Kill broker ${id}?`);
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('confirm-dialog')).toBeHidden();
  await app.getByRole('button', { name: 'Refresh' }).click();
  await expect(app.getByTestId(`broker-state-${id}`)).toHaveText('running');
  await expect(app.getByTestId('cluster-timeline').locator('[data-kind="broker-fenced"]')).toHaveCount(0);
  await saveScreenshot(app, 'local-cluster');
});

test('kill the leader of partition 0 from the UI: the leader moves and the ISR shrinks, then expands after a restart', async ({ app }) => {
  test.setTimeout(180_000);
  await restartWith(app, 3);

  const name = `e2e-repl-${Date.now()}`;
  await app.getByTestId('nav-topics').click();
  await expect(app.getByTestId('topics-page')).toBeVisible({ timeout: 30_000 });
  await app.getByRole('button', { name: 'Create topic' }).click();
  const dlg = app.getByTestId('create-topic-dialog');
  await dlg.getByLabel('Topic name').fill(name);
  await dlg.getByLabel('Partitions').fill('3');
  await dlg.getByLabel('Replication factor').fill('3');
  await dlg.getByRole('button', { name: 'Create' }).click();
  await expect(dlg).toBeHidden({ timeout: 30_000 });
  await app.getByLabel('Search topics').fill(name);
  await app.getByTestId(`topic-row-${name}`).click();

  // Real records first (acks=all through a real client), so offsets, HW and sizes have something to show.
  await app.getByTestId('nav-local-cluster').click();
  const bootstrap = (await app.getByTestId('local-bootstrap').innerText()).trim().split(',');
  const kafka = new Kafka({ brokers: bootstrap, logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: name, acks: -1, messages: Array.from({ length: 20 }, (_, i) => ({ value: `record-${i}`, partition: i % 3 })) });
  await producer.disconnect();
  await app.getByTestId('nav-topics').click();

  // Every replica in sync before the fault.
  const isr0 = app.getByTestId('isr-0');
  await expect(app.getByTestId('log-end-0')).toHaveText('7', { timeout: 30_000 });
  await expect(isr0.locator('.replica')).toHaveCount(3, { timeout: 30_000 });
  const leader = (await app.getByTestId('leader-0').innerText()).trim();
  expect(leader).toMatch(/^\d+$/);
  // A topic whose only replica lives on that broker: it goes offline with the kill, and every view must say so
  // instead of failing (kafkajs's metadata call throws LEADER_NOT_AVAILABLE for the whole cluster then).
  const solo = `${name}-solo`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: solo, replicaAssignment: [{ partition: 0, replicas: [Number(leader)] }] }] });
  await admin.disconnect();

  await app.getByTestId('nav-local-cluster').click();
  const row = app.getByTestId(`local-broker-${leader}`);
  await row.getByRole('button', { name: 'Kill…' }).click();
  await expect(app.getByTestId('confirm-dialog')).toContainText('abrupt crash');
  await app.getByRole('button', { name: 'Kill broker' }).click();
  await expect(app.getByTestId(`broker-state-${leader}`)).toHaveText('killed', { timeout: 30_000 });

  const timeline = app.getByTestId('cluster-timeline');
  await timeline.getByLabel('Filter events by topic').fill(name);
  await expect(timeline.locator('[data-kind="leader-change"]').filter({ hasText: `${name}-0` }).first()).toBeVisible({ timeout: 60_000 });
  await expect(timeline.locator(`[data-kind="isr-shrink"]`).filter({ hasText: `${name}-0` }).first()).toBeVisible({ timeout: 60_000 });
  await saveScreenshot(app, 'local-cluster-after-kill');

  // Replication internals as the leaders see them: the killed replica is out of the ISR, with the reason.
  const repl = app.getByTestId('replication-view');
  await repl.getByLabel('Replication topic').selectOption(name);
  const killedReplica = repl.getByTestId(`repl-0-${leader}`);
  await expect(killedReplica).toHaveClass(/row-out-of-sync/, { timeout: 30_000 });
  await expect(killedReplica.locator('td.why')).not.toHaveText('—');
  await repl.scrollIntoViewIfNeeded();
  await repl.screenshot({ path: `${SCREENSHOT_DIR}/local-cluster-replication-after-kill.png` });

  // The health card (Brokers section, also on the Overview) counts and lists the under-replicated partitions.
  await app.getByTestId('nav-brokers').click();
  await expect(app.getByTestId('health-urp')).not.toHaveText('0', { timeout: 30_000 });
  await expect(app.getByTestId(`problem-${name}-0`)).toContainText('under-replicated');
  await expect(app.getByTestId('health-offline')).not.toHaveText('0', { timeout: 30_000 });
  await expect(app.getByTestId(`problem-${solo}-0`)).toContainText('offline');
  await expect(app.getByTestId('cluster-health')).not.toContainText('LEADER_NOT_AVAILABLE');
  await expect(app.getByTestId(`broker-${leader}`)).toContainText('killed');
  await saveScreenshot(app, 'brokers-under-replicated');
  await app.getByTestId('nav-local-cluster').click();

  await app.getByTestId('nav-topics').click();
  const newLeader = app.getByTestId('leader-0');
  await expect(newLeader).not.toHaveText(leader, { timeout: 30_000 });
  await expect(newLeader).toHaveText(/^\d+$/);
  await expect(isr0.locator('.replica')).toHaveCount(2, { timeout: 30_000 });
  await expect(isr0).not.toContainText(leader);
  await expect(app.getByTestId('oos-0')).toHaveText(leader);
  await saveScreenshot(app, 'topic-partitions-after-kill');

  await app.getByTestId('nav-local-cluster').click();
  await startBroker(app, leader);
  await expect(timeline.locator(`[data-kind="isr-expand"]`).filter({ hasText: `${name}-0` }).first()).toBeVisible({ timeout: 90_000 });
  await saveScreenshot(app, 'local-cluster-after-restart');

  await app.getByTestId('nav-topics').click();
  await expect(isr0.locator('.replica')).toHaveCount(3, { timeout: 60_000 });
  await expect(app.getByTestId('oos-0')).toHaveText('—');
  // Nothing acknowledged was lost across the failover and the restart.
  await expect(app.getByTestId('log-end-0')).toHaveText('7');
  await expect(app.getByTestId('hw-0')).toHaveText('7');
  await saveScreenshot(app, 'topic-partitions-after-restart');
});

test('faults from the Faults menu: slow and isolate a broker, see them in its row and the timeline, then heal it', async ({ app }) => {
  test.setTimeout(120_000);
  await app.getByTestId('nav-local-cluster').click();
  await expect(app.getByTestId('local-cluster-state')).toHaveText('running', { timeout: 30_000 });
  const rows = app.getByTestId('local-brokers-table').locator('tbody tr');
  const id = (await rows.last().locator('td').first().innerText()).trim();
  const row = app.getByTestId(`local-broker-${id}`);
  await expect(app.getByTestId(`broker-state-${id}`)).toHaveText('running', { timeout: 30_000 });

  await row.getByRole('button', { name: `Faults for broker ${id}` }).click();
  await app.getByRole('menuitem', { name: 'Slow…' }).click();
  await app.getByLabel('Delay (ms)').fill('0');
  await app.getByRole('button', { name: 'Slow down' }).click();
  await expect(app.getByTestId('error-delay')).toContainText('Use 1 to 60000 ms');
  await app.getByLabel('Delay (ms)').fill('1500');
  await app.getByRole('button', { name: 'Slow down' }).click();
  await expect(row.locator('td').nth(6)).toHaveText('1500', { timeout: 30_000 });

  await row.getByRole('button', { name: `Faults for broker ${id}` }).click();
  await app.getByRole('menuitem', { name: 'Isolate…' }).click();
  await app.getByLabel('Isolate from').selectOption('clients');
  await app.getByRole('button', { name: 'Isolate', exact: true }).click();
  await expect(row.locator('td').nth(5)).toHaveText('clients', { timeout: 30_000 });
  const faults = app.getByTestId('cluster-timeline').locator('[data-kind="fault"]');
  await expect(faults.first()).toBeVisible({ timeout: 30_000 });
  await saveScreenshot(app, 'local-cluster-faults');

  await row.getByRole('button', { name: `Faults for broker ${id}` }).click();
  await app.getByRole('menuitem', { name: 'Heal' }).click();
  await expect(row.locator('td').nth(5)).toHaveText('none', { timeout: 30_000 });
  await expect(row.locator('td').nth(6)).toHaveText('—', { timeout: 30_000 });
  await row.getByRole('button', { name: `Faults for broker ${id}` }).click();
  await expect(app.getByRole('menuitem', { name: 'Heal' })).toBeDisabled();
});
