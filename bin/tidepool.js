#!/usr/bin/env node
// The `tidepool` command: runs the built CLI (out/main/cli.js). `npm start` builds first.
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('tidepool: the app is not built yet. Run `npm run build` (or `npm start`, which builds first).');
  process.exit(1);
}
await import(cli.href);
