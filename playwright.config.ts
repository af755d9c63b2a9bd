import { defineConfig } from '@playwright/test';

// Browser mode is how this machine runs the app: the e2e suite drives Debian's Chromium
// against `tidepool serve`, started by the fixture in e2e/fixtures.ts (one server per worker).
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  workers: 1,
  outputDir: 'test-results/e2e',
  use: {
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
});
