/**
 * The message browser against the real embedded cluster (`tidepool start --browser`): kcat produces keyed records
 * with headers into a 3-partition topic; the Messages tab finds them with Newest-N, Offset and Timestamp seeks,
 * decodes a 64-bit JSON number losslessly, Live tail shows a record kcat produces afterwards, and Re-produce sends
 * it again through the Producer. Screenshot of the Messages tab in test-results/screenshots/messages.png.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { expect, saveScreenshot, startServer, test as base, type TidepoolServer } from './fixtures.js';

const test = base.extend<object, { server: TidepoolServer }>({
  server: [async ({}, use) => {
    const server = await startServer(['start', '--browser', '--port', '0']);
    await use(server);
    await server.stop();
  }, { scope: 'worker' }],
});

/** kcat -P: one record per line "key:value", to one partition, with a header. */
function kcatProduce(bootstrap: string, topic: string, partition: number, lines: string[], header: string): void {
  const r = spawnSync('kcat', ['-P', '-b', bootstrap, '-t', topic, '-p', String(partition), '-K', ':', '-H', header], {
    input: `${lines.join('\n')}\n`, encoding: 'utf8', timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`kcat -P exited ${r.status}: ${r.stderr}`);
}

test('kcat-produced records are found with Newest, Offset and Timestamp seeks, decoded, live-tailed and re-produced', async ({ app }) => {
  const topic = `e2e-messages-${Date.now()}`;
  const base = `${new URL(app.url()).origin}${new URL(app.url()).search}`;
  await app.goto(`${base}#/brokers`);
  const bootstrap = (await app.getByTestId('brokers-table').locator('tbody tr td').nth(1).innerText()).trim();

  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
  for (let p = 0; p < 3; p++) {
    kcatProduce(bootstrap, topic, p, Array.from({ length: 5 }, (_, i) => `key-${p}-${i}:{"order":${p * 10 + i},"id":9007199254740993}`), `source=kcat-${p}`);
  }

  await app.goto(`${base}#/topics`);
  await app.getByLabel('Search topics').fill(topic);
  await app.getByTestId(`topic-row-${topic}`).click();
  await app.getByRole('tab', { name: 'Messages' }).click();

  // Newest 100 (the default): all 15 records.
  const table = app.getByTestId('message-table');
  await expect(table).toHaveAttribute('data-count', '15', { timeout: 20_000 });
  await expect(app.getByTestId('messages-status')).toContainText('15 records shown');

  // Newest 2 of partition 1: offsets 3 and 4.
  await app.getByTestId('seek-count').fill('2');
  await app.getByTestId('partition').selectOption('1');
  await app.getByTestId('load-messages').click();
  await expect(table).toHaveAttribute('data-count', '2');
  const rows = app.getByTestId('message-row');
  await expect(rows.nth(0)).toHaveAttribute('data-offset', '3');
  await expect(rows.nth(1)).toHaveAttribute('data-offset', '4');
  await expect(rows.nth(1)).toContainText('key-1-4');

  // Offset 3 on every partition: 2 records each.
  await app.getByTestId('seek-mode').selectOption('offset');
  await app.getByTestId('seek-offset').fill('3');
  await app.getByTestId('partition').selectOption('all');
  await app.getByTestId('load-messages').click();
  await expect(table).toHaveAttribute('data-count', '6');
  for (let i = 0; i < 6; i++) expect(Number(await rows.nth(i).getAttribute('data-offset'))).toBeGreaterThanOrEqual(3);

  // Timestamp seek: from an hour ago finds all 15; from an hour ahead finds none.
  const local = (ms: number) => {
    const d = new Date(ms);
    const p2 = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}T${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;
  };
  await app.getByTestId('seek-mode').selectOption('timestamp');
  await app.getByTestId('seek-time').fill(local(Date.now() - 3_600_000));
  await app.getByTestId('load-messages').click();
  await expect(table).toHaveAttribute('data-count', '15');
  await app.getByTestId('seek-time').fill(local(Date.now() + 3_600_000));
  await app.getByTestId('load-messages').click();
  await expect(app.getByTestId('messages-empty')).toBeVisible();
  await app.getByTestId('seek-mode').selectOption('offset');
  await app.getByTestId('load-messages').click();
  await expect(table).toHaveAttribute('data-count', '6');

  // Export the same seek as CSV: a download with a header row and the 6 records.
  await app.getByTestId('export-format').selectOption('csv');
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByTestId('export-start').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${topic}-.*\\.csv$`));
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe('topic,partition,offset,timestamp,time,key,value,headers');
  expect(csv.slice(1).map((l) => l.split(',').slice(1, 3).join(':')).sort()).toEqual(['0:3', '0:4', '1:3', '1:4', '2:3', '2:4']);
  await expect(app.getByTestId('export-result')).toContainText('Exported 6 records');

  // The selected value as lossless JSON, its header, in the Monaco viewer.
  await app.getByTestId('decode-mode').selectOption('json');
  await rows.filter({ hasText: 'key-2-4' }).click();
  const viewer = app.getByTestId('message-viewer');
  await expect(viewer.getByTestId('viewer-key')).toHaveText('key-2-4');
  await expect(viewer).toContainText('source');
  await expect(viewer).toContainText('kcat-2');
  await expect(viewer.getByTestId('value-viewer')).toContainText('9007199254740993', { timeout: 20_000 });
  await saveScreenshot(app, 'messages');

  // A JSONPath filter narrows to one record.
  await app.getByTestId('filter-jsonpath').fill('$[?@.order == 13]');
  await app.getByTestId('load-messages').click();
  await expect(table).toHaveAttribute('data-count', '1');
  await expect(rows.first()).toContainText('key-1-3');
  await app.getByTestId('filter-jsonpath').fill('');

  // Live tail: a record kcat produces after turning it on shows up.
  await app.getByTestId('live-tail').check();
  await expect(app.getByTestId('messages-status')).toContainText('Live tail');
  // The tail starts at the end offsets it reads when subscribing; give it a moment to be in place.
  await app.waitForTimeout(1000);
  kcatProduce(bootstrap, topic, 0, ['tail-key:{"live":true}'], 'source=kcat-tail');
  await expect(rows.filter({ hasText: 'tail-key' })).toHaveCount(1, { timeout: 20_000 });
  await expect(app.getByTestId('messages-status')).toContainText('new record');
  await saveScreenshot(app, 'messages-live-tail');
  await app.getByTestId('live-tail').uncheck();

  // Re-produce: the record opens in the Producer, is sent again, and lands at the next offset of its partition.
  await rows.filter({ hasText: 'tail-key' }).click();
  await app.getByTestId('reproduce').click();
  await expect(app.getByTestId('producer-page')).toBeVisible();
  await app.getByTestId('producer-send').click();
  await expect(app.getByTestId('result-partition')).toHaveText('0', { timeout: 20_000 });
  await expect(app.getByTestId('result-offset')).toHaveText('6');
});

test('a bad JSONPath and a bad offset say what is wrong', async ({ app }) => {
  const topic = `e2e-messages-err-${Date.now()}`;
  const base = `${new URL(app.url()).origin}${new URL(app.url()).search}`;
  await app.goto(`${base}#/brokers`);
  const bootstrap = (await app.getByTestId('brokers-table').locator('tbody tr td').nth(1).innerText()).trim();
  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  await app.goto(`${base}#/topics`);
  await app.getByLabel('Search topics').fill(topic);
  await app.getByTestId(`topic-row-${topic}`).click();
  await app.getByRole('tab', { name: 'Messages' }).click();
  await expect(app.getByTestId('messages-empty')).toBeVisible({ timeout: 20_000 });
  await app.getByTestId('filter-jsonpath').fill('$[?(');
  await app.getByTestId('load-messages').click();
  await expect(app.getByTestId('messages-error')).toContainText('TP_VALIDATION');
  await expect(app.getByTestId('messages-error')).toContainText('RFC 9535');
  await app.getByTestId('filter-jsonpath').fill('');
  await app.getByTestId('seek-mode').selectOption('offset');
  await app.getByTestId('seek-offset').fill('abc');
  await app.getByTestId('load-messages').click();
  await expect(app.getByTestId('messages-error')).toContainText('offset must be a whole number');
});

test('the Overview throughput card shows a kcat producer\'s topic and its broker live, with sparklines', async ({ app }) => {
  test.setTimeout(90_000);
  const topic = `e2e-rate-${Date.now()}`;
  const base = `${new URL(app.url()).origin}${new URL(app.url()).search}`;
  await app.goto(`${base}#/brokers`);
  const bootstrap = (await app.getByTestId('brokers-table').locator('tbody tr td').nth(1).innerText()).trim();
  // Log size per broker, next to partitions and leaders.
  await expect(app.getByTestId('brokers-table').locator('tbody tr').first()).toContainText(/\d+(\.\d+)? (B|KiB|MiB)/);
  // A steady producer: kcat reading one record every 20 ms from its stdin for as long as the test runs.
  const kcat = spawn('kcat', ['-P', '-b', bootstrap, '-t', topic, '-X', 'linger.ms=0'], { stdio: ['pipe', 'ignore', 'ignore'] });
  let n = 0;
  const feed = setInterval(() => kcat.stdin!.write(`rate-${n++}\n`), 20);
  try {
    await app.goto(`${base}#/overview`);
    const card = app.getByTestId('throughput-card');
    const row = card.getByTestId(`tp-topic-${topic}`);
    await expect(row).toBeVisible({ timeout: 45_000 });
    await expect(row.locator('td').nth(1)).not.toHaveText('0', { timeout: 20_000 });
    await expect.poll(async () => Number(await row.locator('.sparkline-cell').getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await expect(card.getByTestId('tp-broker-1').locator('td').nth(1)).not.toHaveText('0');
    await card.scrollIntoViewIfNeeded();
    await saveScreenshot(app, 'overview-throughput');
  } finally {
    clearInterval(feed);
    kcat.stdin!.end();
    await new Promise((r) => kcat.once('exit', r));
  }
});
