import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Custom source dirs (src-main, src-renderer) need explicit entries.
export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          main: resolve('src-main/app/main.ts'),
          cli: resolve('src-main/app/cli.ts'),
          // The embedded cluster's worker thread (cluster/worker-host/cluster-host.ts finds it beside the entries).
          'cluster-worker': resolve('src-main/cluster/worker-host/cluster-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { preload: resolve('src-main/transports/ipc/preload.ts') },
        // A sandboxed preload must be CommonJS even though the package is "type": "module".
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    base: './',
    build: { minify: true, rolldownOptions: { input: { index: resolve('src-renderer/index.html') } } },
    plugins: [react()],
  },
});
