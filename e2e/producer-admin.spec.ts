/**
 * Producer and topic/group admin against the embedded cluster in browser mode: produce a keyed record from
 * the Producer screen and see its partition (murmur2, as the Java client) and offset; bulk-produce from a
 * template; change a topic config and see it back with its source (and the broker's error for a bad value);
 * a kcat consumer group reads and stops, its offsets are reset to earliest and the lag changes; purge; delete
 * the topic. Screenshots of the producer screen and the topic config tab are kept.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { partitionForKey } from '../src-main/clients/murmur2.js';
import { expect, saveScreenshot, startServer, test as base, type TidepoolServer } from './fixtures.js';

const run = promisify(execFile);
const TOPIC = 'e2e-producer';
const GROUP = 'e2e-producer-readers';
const KEY = 'customer-42';

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

test('produce from the UI, edit a config, reset a kcat group, purge and delete the topic', async ({ app, server }) => {
  test.setTimeout(180_000);
  const bootstrap = await bootstrapOf(server);
  const base = `${new URL(app.url()).origin}${new URL(app.url()).search}`;
  await app.setViewportSize({ width: 1360, height: 900 });

  // A 3-partition topic, created from the UI.
  await app.goto(`${base}#/topics`);
  await app.getByRole('button', { name: 'Create topic' }).click();
  const create = app.getByTestId('create-topic-dialog');
  await create.getByLabel('Topic name').fill(TOPIC);
  await create.getByLabel('Partitions').fill('3');
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(create).toBeHidden();

  // Producer: a keyed JSON record lands on murmur2(key) % 3 at offset 0.
  await app.goto(`${base}#/producer`);
  await expect(app.getByTestId('producer-page')).toBeVisible();
  await app.getByTestId('producer-topic').selectOption(TOPIC);
  const keyEditor = app.getByTestId('key-editor').locator('.monaco-editor');
  await expect(keyEditor).toBeVisible({ timeout: 20_000 });
  await keyEditor.click();
  await app.keyboard.type(KEY);
  await app.getByTestId('add-header').click();
  await app.getByLabel('Header 1 key').fill('trace-id');
  await app.getByLabel('Header 1 value').fill('abc-123');
  await app.getByLabel('Compression').selectOption('zstd');
  await app.getByTestId('producer-send').click();
  const expected = partitionForKey(new TextEncoder().encode(KEY), 3);
  await expect(app.getByTestId('result-offset')).toHaveText('0', { timeout: 20_000 });
  await expect(app.getByTestId('result-partition')).toHaveText(String(expected));
  await expect(app.getByTestId('result-latest')).toContainText('murmur2');
  await app.getByTestId('producer-send').click();
  await expect(app.getByTestId('result-offset')).toHaveText('1', { timeout: 20_000 });

  // Broken JSON is caught before sending, with its position.
  const valueEditor = app.getByTestId('value-editor').locator('.monaco-editor');
  await valueEditor.click();
  await app.keyboard.press('ControlOrMeta+a');
  await app.keyboard.type('{"n": ');
  await expect(app.getByTestId('error-value')).toContainText(/Not valid JSON \(line 1, column/);
  await app.keyboard.press('ControlOrMeta+a');
  await app.keyboard.type('{"n": {{i}}');
  // Bulk: 500 records from the template, to the end.
  await app.getByLabel('Value format').selectOption('string');
  await app.getByLabel('Record count').fill('500');
  await app.getByTestId('bulk-start').click();
  await expect(app.getByTestId('bulk-status')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(app.getByTestId('bulk-status')).toContainText('500 / 500');
  await saveScreenshot(app, 'producer');

  // A kcat consumer group reads all 502 records, commits and exits.
  await run('kcat', ['-b', bootstrap, '-G', GROUP, '-X', 'auto.offset.reset=earliest', '-X', 'auto.commit.interval.ms=100', '-e', '-q', TOPIC], { timeout: 60_000 });

  // Config: set retention.ms, see it back with source "topic"; a bad value shows the broker's error.
  await app.goto(`${base}#/topics`);
  await app.getByLabel('Search topics').fill(TOPIC);
  await app.getByTestId(`topic-row-${TOPIC}`).click();
  await expect(app.getByTestId('topic-detail')).toContainText('502 messages', { timeout: 20_000 });
  await app.getByRole('tab', { name: 'Config' }).click();
  await app.getByRole('button', { name: 'Edit retention.ms' }).click();
  await app.getByLabel('Value of retention.ms').fill('soon');
  await app.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByTestId('config-error-retention.ms')).toContainText(/TP_VALIDATION: .*soon/);
  await app.getByLabel('Value of retention.ms').fill('3600000');
  await app.getByRole('button', { name: 'Save' }).click();
  const retention = app.getByTestId('config-retention.ms');
  await expect(retention).toHaveAttribute('data-source', 'topic', { timeout: 20_000 });
  await expect(retention).toContainText('3600000');
  await expect(retention).toHaveClass(/row-nondefault/);
  await saveScreenshot(app, 'topic-config-edit');

  // The group, stopped, has lag 0 (the two partitions the keyed records never reached have no commit from
  // kcat); a reset to earliest through the dialog makes the lag the whole topic.
  await app.goto(`${base}#/groups`);
  const row = app.getByTestId(`group-row-${GROUP}`);
  await expect(row.getByTestId('group-lag')).toHaveText(/^0\b/, { timeout: 30_000 });
  await row.getByRole('button', { name: GROUP }).click();
  await app.getByRole('button', { name: 'Reset offsets…' }).click();
  const reset = app.getByTestId('reset-dialog');
  await reset.getByRole('button', { name: 'Preview' }).click();
  await reset.getByRole('button', { name: /^Reset \d+ partitions?$/ }).click();
  await expect(reset).toBeHidden({ timeout: 20_000 });
  await expect(app.getByTestId('detail-total-lag')).toHaveText('502', { timeout: 20_000 });

  // Purge every partition (confirmed): the topic keeps its offsets but no records.
  // The Topics section remembers the open topic, so it comes back on its detail.
  await app.goto(`${base}#/topics`);
  await expect(app.getByTestId('topic-detail')).toContainText(TOPIC);
  await app.getByTestId('purge-open').click();
  await expect(app.getByTestId('purge-summary')).toContainText('3 partitions, about 502 records');
  await app.getByTestId('purge-confirm').click();
  await expect(app.getByTestId('purge-result')).toContainText('Purged 3 partitions');
  await expect(app.getByTestId('topic-detail')).toContainText('0 messages', { timeout: 20_000 });

  // Delete the topic with the typed confirmation.
  await app.getByRole('button', { name: 'Delete…' }).click();
  const del = app.getByTestId('delete-topic-dialog');
  await del.getByLabel('Confirm topic name').fill(TOPIC);
  await del.getByRole('button', { name: 'Delete topic' }).click();
  await expect(app.getByTestId('topics-page')).toBeVisible();
  await app.getByLabel('Search topics').fill(TOPIC);
  await expect(app.getByTestId('no-topics')).toBeVisible({ timeout: 20_000 });
});
