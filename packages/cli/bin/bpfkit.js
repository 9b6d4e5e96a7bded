#!/usr/bin/env node
// The `bpfkit` executable: a committed launcher (so npm can link it before the build runs)
// that starts the compiled CLI.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
