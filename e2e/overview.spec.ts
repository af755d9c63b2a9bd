/** The Overview: system.info from the core in Monaco, and a recharts line drawn from the core's metrics. */
import { expect, saveScreenshot, test } from './fixtures.js';

test('Monaco shows the system.info JSON that came from the core, with local workers', async ({ page, server }) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(server.url);
  const viewer = page.getByTestId('system-info-json');
  await expect(viewer.locator('.monaco-editor')).toBeVisible();
  const lines = viewer.locator('.view-lines');
  // The pid is the server process we started: only the real core can know it.
  await expect(lines).toContainText(`"pid":\u00a0${server.pid}`);
  await expect(lines).toContainText('"transport":\u00a0"websocket"');
  // hrStartNs arrives as a bigint and is written as an exact integer literal, not a rounded float or a string.
  const text = (await lines.innerText()).replace(/\u00a0/g, ' ');
  expect(text).toMatch(/"hrStartNs": \d+,?/);
  const hr = /"hrStartNs": (\d+)/.exec(text)![1]!;
  await expect(page.getByTestId('core-card').locator('dd.mono').last()).toHaveText(hr);
  // JSON is highlighted by Monaco's tokenizer (more than one token colour on screen). Tokenizing is
  // asynchronous, so poll rather than sample once.
  const colours = () => viewer.locator('.view-lines span span').evaluateAll((els) => new Set(els.map((e) => getComputedStyle(e).color)).size);
  await expect.poll(colours, { timeout: 15_000 }).toBeGreaterThan(1);
  await expect.poll(() => workers.filter((u) => u.startsWith(server.origin)).length).toBeGreaterThan(0);
});

test('recharts draws lines from the core metrics history and keeps them live', async ({ app }) => {
  const chart = app.getByTestId('metrics-chart');
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  const curves = chart.locator('path.recharts-line-curve');
  await expect(curves).toHaveCount(3);
  const d = await curves.first().getAttribute('d');
  expect(d).toMatch(/^M[\d.]+,[\d.]+/);
  expect((d ?? '').match(/[LC]/g)?.length ?? 0).toBeGreaterThan(0);
  const before = Number(await chart.getAttribute('data-points'));
  // The live system.metrics stream arrives once a second.
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 5_000 }).toBeGreaterThan(before);
  await expect(app.getByTestId('stat-rss')).toHaveText(/\d+(\.\d)? MiB/);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshot: Overview in the ${scheme} theme`, async ({ page, server }) => {
    await page.setViewportSize({ width: 1360, height: 820 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(server.url);
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await expect(page.getByTestId('system-info-json').locator('.view-lines')).toContainText('hrStartNs');
    await expect.poll(async () => Number(await page.getByTestId('metrics-chart').getAttribute('data-points'))).toBeGreaterThanOrEqual(3);
    await saveScreenshot(page, `overview-${scheme}`);
  });
}

test('Ctrl+K opens the palette even with the focus inside Monaco', async ({ app }) => {
  const editor = app.getByTestId('system-info-json').locator('.monaco-editor');
  await expect(editor).toBeVisible();
  await editor.locator('.view-lines').click();
  await app.keyboard.press('Control+k');
  await expect(app.getByTestId('command-palette')).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('command-palette')).toBeHidden();
});
