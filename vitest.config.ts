import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['src-main/**/*.test.ts', 'src-renderer/src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    environment: 'node',
    // Child processes the tests start (CLI, browser mode) get a throwaway user-data folder.
    env: { TIDEPOOL_HOME: mkdtempSync(join(tmpdir(), 'tidepool-test-home-')) },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
