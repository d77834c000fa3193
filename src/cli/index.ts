#!/usr/bin/env node
/** The `santa` executable. */
import { runCli } from './main.js';

const code = await runCli(process.argv);
process.exitCode = code;

// A provider client may keep a connection pool open; the command is done, so do not wait for it.
setTimeout(() => process.exit(code), 2000).unref();
