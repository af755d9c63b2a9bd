/** The guard every test relies on is not vacuous: it sees foreign requests and console errors. */
import { expect, test } from './fixtures.js';

test('the guard records a console error, and the app CSP refuses a foreign image', async ({ app, guard }) => {
  await app.route('http://198.51.100.7/**', (route) => route.abort()); // never actually sent
  await app.evaluate(() => { console.error('guard self-test'); });
  await app.evaluate(() => { const img = new Image(); img.src = 'http://198.51.100.7/pixel.png'; document.body.append(img); });
  await expect.poll(() => guard.consoleErrors.some((e) => e.includes('guard self-test'))).toBe(true);
  // img-src is 'self' data:, so Chromium refuses it and says so on the console.
  await expect.poll(() => guard.consoleErrors.some((e) => /Content Security Policy/.test(e) && e.includes('198.51.100.7'))).toBe(true);
  // Even an attempt the CSP refuses is reported as a request, so the guard cannot miss one.
  expect(guard.foreignRequests).toEqual(['http://198.51.100.7/pixel.png']);
  guard.foreignRequests.length = 0;
  guard.consoleErrors.length = 0;
});

test('the guard records a request that leaves 127.0.0.1', async ({ page, guard }) => {
  await page.route('http://198.51.100.7/**', (route) => route.abort()); // never actually sent
  await page.setContent('<img src="http://198.51.100.7/pixel.png">');
  await expect.poll(() => guard.foreignRequests).toEqual(['http://198.51.100.7/pixel.png']);
  guard.foreignRequests.length = 0;
  guard.consoleErrors.length = 0; // the aborted load is logged too
});
