// Public API of @bpfkit/cli: the command runner, usable programmatically and in tests.
export { runCli, VERSION, type CliContext } from './run-cli.js';
export { loadPlugins, extractPlugins } from './plugins.js';
export { main } from './main.js';
export { nodeIo, type CliIo } from './io.js';
export { loadProgram, guessFormat, PROGRAM_FORMATS, type ProgramFormat, type LoadedProgram } from './read-program.js';
