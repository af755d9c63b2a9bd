/** The shell: live connection, navigation by hash, themes (and their persistence), the command palette. */
import { expect, saveScreenshot, test } from './fixtures.js';

test('the shell loads with a live WebSocket connection to the core', async ({ app }) => {
  const status = app.getByTestId('connection-status');
  await expect(status).toHaveAttribute('data-state', 'open');
  await expect(status).toHaveAttribute('data-transport', 'websocket');
  await expect(status).toHaveText(/Connected · WebSocket/);
  await expect(app.getByTestId('section-title')).toHaveText('Overview');
  // clusters.list is [] until the broker exists: the switcher says so instead of inventing one.
  await expect(app.getByTestId('cluster-switcher')).toContainText('No clusters yet');
});

test('sections live in the URL hash and survive a reload; each shows an honest empty state', async ({ app }) => {
  for (const [id, title] of [['brokers', 'Brokers'], ['topics', 'Topics'], ['groups', 'Consumer Groups'], ['local-cluster', 'Local Cluster']] as const) {
    await app.getByTestId(`nav-${id}`).click();
    await expect(app).toHaveURL(new RegExp(`#/${id}$`));
    await expect(app.getByTestId('section-title')).toHaveText(title);
    await expect(app.getByTestId(`empty-${id}`)).toBeVisible();
    await saveScreenshot(app, `section-${id}`);
  }
  await app.reload();
  await expect(app.getByTestId('section-title')).toHaveText('Local Cluster');
  await expect(app.getByTestId('nav-local-cluster')).toHaveAttribute('aria-current', 'page');
});

test('the theme follows the OS, the toggle overrides it, and the choice survives a reload', async ({ app }) => {
  const html = app.locator('html');
  await app.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await app.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(app.getByTestId('theme-status')).toHaveText('Theme: light (system)');
  const lightBg = await app.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await app.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(app.getByTestId('theme-status')).toHaveText('Theme: dark');
  expect(await app.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(lightBg);
  const stored = JSON.parse((await app.evaluate(() => localStorage.getItem('tidepool.prefs'))) ?? 'null');
  expect(stored).toEqual({ state: { theme: 'dark' }, version: 1 });

  await app.reload();
  await expect(app.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(html).toHaveAttribute('data-theme', 'dark'); // the OS still says light
  await app.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('the command palette opens with Ctrl+K, filters, and navigates with the keyboard', async ({ app }) => {
  await app.keyboard.press('Control+k');
  const palette = app.getByTestId('command-palette');
  await expect(palette).toBeVisible();
  await expect(app.getByTestId('palette-input')).toBeFocused();
  await saveScreenshot(app, 'command-palette');

  await app.keyboard.type('consumer');
  await expect(palette.getByRole('option')).toHaveText([/Go to Consumer Groups/]);
  await app.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(app).toHaveURL(/#\/groups$/);
  await expect(app.getByTestId('section-title')).toHaveText('Consumer Groups');

  // Arrow keys: "go to" lists every section in order; Down twice picks the third (Topics).
  await app.keyboard.press('Control+k');
  await app.keyboard.type('go to');
  await expect(palette.getByRole('option')).toHaveCount(6);
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  await expect(palette.getByRole('option', { selected: true })).toHaveText(/Go to Topics/);
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('section-title')).toHaveText('Topics');

  // Cmd+K (macOS) opens it too; Escape closes without running anything; the palette can also flip the theme.
  await app.keyboard.press('Meta+k');
  await expect(palette).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await app.keyboard.press('Control+k');
  await app.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(app.getByTestId('section-title')).toHaveText('Topics');
  const before = await app.locator('html').getAttribute('data-theme');
  await app.keyboard.press('Control+k');
  await app.keyboard.type('toggle theme');
  await app.keyboard.press('Enter');
  await expect(app.locator('html')).not.toHaveAttribute('data-theme', before ?? '');
});
