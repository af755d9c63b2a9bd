/** The link to the core: validation errors over the raw wire, token enforcement, and losing the server. */
import WebSocket from 'ws';
import { expect, saveScreenshot, startServer, test } from './fixtures.js';

test('a call with invalid arguments gets a readable validation error and the server keeps serving', async ({ app }) => {
  const samplesBefore = Number(await app.getByTestId('stat-samples').textContent());
  const reply = await app.evaluate(() => new Promise<unknown>((resolve, reject) => {
    const token = sessionStorage.getItem('tidepool.token');
    const ws = new WebSocket(`ws://${location.host}/api?token=${encodeURIComponent(token ?? '')}`);
    ws.onopen = () => ws.send('{"t":"call","id":1,"method":"system.ping","args":{"echo":5}}');
    ws.onmessage = (e) => { resolve(JSON.parse(String(e.data))); ws.close(); };
    ws.onerror = () => reject(new Error('raw WebSocket failed'));
  }));
  expect(reply).toMatchObject({ t: 'result', id: 1, ok: false, error: { code: 'TP_VALIDATION' } });
  const message = (reply as { error: { message: string } }).error.message;
  expect(message).toContain('system.ping');
  expect(message).toMatch(/\becho\b/);

  // The server and the app's own connection keep going: new samples still arrive and calls still answer.
  await expect.poll(async () => Number(await app.getByTestId('stat-samples').textContent()), { timeout: 5_000 }).toBeGreaterThan(samplesBefore);
  await app.getByTestId('core-card').getByRole('button', { name: 'Refresh' }).click();
  await expect(app.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(app.getByTestId('system-info-json')).toContainText('uptimeMs');
});

test('a WebSocket without the token, or with a wrong one, is refused', async ({ server }) => {
  const status = (url: string) => new Promise<number | 'open'>((resolve) => {
    const ws = new WebSocket(url, { headers: { origin: server.origin } });
    ws.on('open', () => { ws.close(); resolve('open'); });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => { /* the status above is the answer */ });
  });
  const base = `ws://127.0.0.1:${server.port}/api`;
  expect(await status(base)).toBe(401);
  expect(await status(`${base}?token=wrong-${server.token}`)).toBe(401);
  expect(await status(`${base}?token=${server.token}`)).toBe('open'); // the control: the same socket with the token opens
});

test('stopping the server flips the status to disconnected', async ({ page, guard }) => {
  const own = await startServer();
  try {
    // Chromium logs each failed reconnect attempt once the server is gone; that is expected here.
    guard.allowConsoleError(/WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/api\?token=.*' failed/);
    // A section without lazy chunks, so stopping the server interrupts no asset download.
    await page.goto(`${own.url}#/topics`);
    await expect(page.getByTestId('empty-topics')).toBeVisible();
    const status = page.getByTestId('connection-status');
    await expect(status).toHaveAttribute('data-state', 'open');
    await own.stop();
    await expect(status).toHaveAttribute('data-state', /closed|connecting/);
    await expect(status).toHaveText(/Disconnected|Connecting/);
    // Between retries it must settle on disconnected, not pretend to be connected.
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 5_000 }).toBe('closed');
    await expect(status).toHaveText(/Disconnected · WebSocket/);
    await expect(page.getByTestId('connection-banner')).toContainText('Lost the connection');
    await saveScreenshot(page, 'disconnected');
  } finally {
    await own.stop();
  }
});

test('a page opened with a stale token says how to fix it', async ({ page, server, guard }) => {
  guard.allowConsoleError(/WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/api\?token=.*' failed/);
  await page.goto(`${server.origin}/?token=stale-token-from-an-old-run`);
  await expect(page.getByTestId('connection-banner')).toContainText('token changes on every run');
  await expect(page.getByTestId('connection-status')).not.toHaveAttribute('data-state', 'open');
});
