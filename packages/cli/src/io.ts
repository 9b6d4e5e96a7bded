// The CLI's window on the world (files, stdin, stdout, stderr) as an interface, so every
// command runs the same in tests (in memory) and in the real process. `-` means stdin for
// inputs and stdout for outputs.
import { readFileSync, writeFileSync } from 'node:fs';
import { BpfError } from '@bpfkit/ir';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Bytes of a file, or of stdin for `-`. Throws BpfError('IO') when unreadable. */
  readFile(path: string): Uint8Array;
  /** Write bytes to a file, or to stdout for `-`. */
  writeFile(path: string, data: Uint8Array): void;
}

let epipeHandled = false;

/** A closed pipe on stdout (`bpfkit … | head`) ends the process quietly, as Unix tools do. */
function exitQuietlyOnEpipe(): void {
  if (epipeHandled) return;
  epipeHandled = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

export function nodeIo(): CliIo {
  exitQuietlyOnEpipe();
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readFile(path) {
      try {
        return new Uint8Array(readFileSync(path === '-' ? 0 : path));
      } catch (e) {
        throw new BpfError('IO', `cannot read ${path === '-' ? 'stdin' : path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
      }
    },
    writeFile(path, data) {
      try {
        if (path === '-') process.stdout.write(data);
        else writeFileSync(path, data);
      } catch (e) {
        throw new BpfError('IO', `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
      }
    },
  };
}
