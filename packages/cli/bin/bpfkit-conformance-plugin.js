#!/usr/bin/env node
// Standalone bpf_conformance plugin (for the upstream runner's --plugin_path): program hex on
// stdin, memory hex as the first argument, --plugin_options after it; prints R0 in hex.
import { pluginMain } from '../dist/main.js';

process.exitCode = await pluginMain(process.argv.slice(2));
