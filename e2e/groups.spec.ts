/**
 * Consumer groups against the embedded local cluster in browser mode: kcat produces and a kcat consumer group
 * commits; the group shows up with its lag, the lag changes on the chart when kcat produces more, and a reset
 * to earliest through the dialog moves the lag again. Screenshots of the list and the detail are kept.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, saveScreenshot, startServer, test as base, type TidepoolServer } from './fixtures.js';

const run = promisify(execFile);
const TOPIC = 'e2e-lag';
const GROUP = 'e2e-kcat-group';

// This file's server runs the embedded cluster (`tidepool start --browser`), unlike the default fixture.
const test = base.extend<object, { server: TidepoolServer }>({
  server: [async ({}, use) => {
    const server = await startServer(['start', '--browser', '--port', '0']);
    await use(server);
    await server.stop();
  }, { scope: 'worker' }],
});

async function bootstrapOf(server: TidepoolServer): Promise<string> {
  await expect.poll(() => /bootstrap\.servers=(\S+)/.exec(server.output())?.[1], { timeout: 20_000 }).toBeTruthy();
  return /bootstrap\.servers=(\S+)/.exec(server.output())![1]!;
}

async function kcatProduce(bootstrap: string, from: number, n: number): Promise<void> {
  const lines = Array.from({ length: n }, (_, i) => `k${from + i}:v${from + i}`).join('\n');
  const child = execFile('kcat', ['-P', '-b', bootstrap, '-t', TOPIC, '-K:']);
  child.stdin!.end(`${lines}\n`);
  await new Promise<void>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kcat -P exited ${code}`)))));
}

test('a kcat consumer group commits; its lag appears and changes on the chart; reset offsets moves it', async ({ app, server }) => {
  test.setTimeout(150_000);
  const bootstrap = await bootstrapOf(server);
  await kcatProduce(bootstrap, 0, 20);
  // A balanced kcat consumer: reads everything from the beginning, commits, and exits at the end of the topic.
  await run('kcat', ['-b', bootstrap, '-G', GROUP, '-X', 'auto.offset.reset=earliest', '-X', 'auto.commit.interval.ms=100', '-e', '-q', TOPIC],
    { timeout: 60_000 });

  await app.setViewportSize({ width: 1360, height: 900 });
  await app.goto(`${server.url}#/groups`);
  const row = app.getByTestId(`group-row-${GROUP}`);
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row.getByTestId('group-lag')).toHaveText('0', { timeout: 20_000 });
  await expect(row.getByTestId('group-state')).toHaveText('Empty');
  await expect(row).toContainText(TOPIC);
  await saveScreenshot(app, 'groups-list');

  await row.getByRole('button', { name: GROUP }).click();
  const chart = app.getByTestId('lag-chart');
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  await expect(app.getByTestId('detail-total-lag')).toHaveText('0');

  // More records, no consumer: the sampled lag rises to 15 on the chart and in the partition table.
  await kcatProduce(bootstrap, 20, 15);
  await expect(app.getByTestId('detail-total-lag')).toHaveText('15', { timeout: 20_000 });
  const lagCells = app.getByTestId('partitions-table').getByTestId('partition-lag');
  await expect.poll(async () => (await lagCells.allInnerTexts()).reduce((a, t) => a + Number(t), 0), { timeout: 15_000 }).toBe(15);
  await expect(chart.locator('path.recharts-line-curve')).toHaveCount(1);
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  await saveScreenshot(app, 'groups-detail');

  // Reset to earliest through the dialog: preview, confirm, and the lag becomes the whole topic.
  await app.getByRole('button', { name: 'Reset offsets…' }).click();
  const dlg = app.getByTestId('reset-dialog');
  await dlg.getByRole('button', { name: 'Preview' }).click();
  await expect(dlg.getByTestId('reset-plan')).toBeVisible();
  await saveScreenshot(app, 'groups-reset-dialog');
  await dlg.getByRole('button', { name: /^Reset \d+ partitions?$/ }).click();
  await expect(dlg).toBeHidden({ timeout: 60_000 });
  await expect(app.getByTestId('detail-total-lag')).toHaveText('35', { timeout: 20_000 });

  // The topic's side: its size in the list, and the Consumers tab naming the group with the same lag; the
  // group link leads back to the group's detail.
  await app.getByTestId('nav-topics').click();
  await app.getByLabel('Search topics').fill(TOPIC);
  await expect(app.getByTestId(`size-${TOPIC}`)).toHaveText(/^\d+(\.\d+)? (B|KiB)$/, { timeout: 20_000 });
  await expect(app.getByTestId(`messages-${TOPIC}`)).toHaveText('35');
  await app.getByTestId(`topic-row-${TOPIC}`).click();
  await app.getByRole('tab', { name: 'Consumers' }).click();
  await expect(app.getByTestId(`consumer-lag-${GROUP}`)).toHaveText('35', { timeout: 20_000 });
  await saveScreenshot(app, 'topic-consumers');
  await app.getByTestId(`consumer-link-${GROUP}`).click();
  await expect(app.getByTestId('detail-total-lag')).toHaveText('35', { timeout: 20_000 });

  // A live kcat consumer joins: the reset is refused with the reason, and so is deleting the group.
  const live = spawn('kcat', ['-b', bootstrap, '-G', GROUP, '-X', 'auto.commit.interval.ms=100', '-q', TOPIC], { stdio: 'ignore' });
  try {
    await expect(app.getByTestId('members-table')).toContainText('rdkafka', { timeout: 30_000 });
    await expect(app.getByTestId('detail-total-lag')).toHaveText('0', { timeout: 30_000 });
    await app.getByRole('button', { name: 'Reset offsets…' }).click();
    await expect(dlg).toContainText('1 active member');
    await dlg.getByRole('button', { name: 'Preview' }).click();
    await dlg.getByRole('button', { name: /^Reset \d+ partitions?$/ }).click();
    await expect(dlg.getByTestId('reset-error')).toContainText(/TP_CONFLICT: .*active member.*Stop its consumers/);
    await saveScreenshot(app, 'groups-reset-refused');
    await dlg.getByRole('button', { name: 'Cancel' }).click();
  } finally {
    live.kill('SIGTERM');
  }

  // Once it left, the group can be deleted (typed confirmation), and the list no longer shows it.
  await expect(app.getByTestId('no-members')).toBeVisible({ timeout: 30_000 });
  await app.getByRole('button', { name: 'Delete group…' }).click();
  const del = app.getByTestId('delete-dialog');
  await del.getByLabel('Confirm group id').fill(GROUP);
  await del.getByRole('button', { name: 'Delete group' }).click();
  await expect(app.getByTestId('groups-list')).toBeVisible({ timeout: 20_000 });
  await expect(app.getByTestId(`group-row-${GROUP}`)).toHaveCount(0, { timeout: 20_000 });
});
