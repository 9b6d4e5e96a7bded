// describeUnderQemu(): jest's describe for suites that execute arm64 code. When qemu-aarch64
// or the cross compiler is missing, outside CI the suite is skipped with a loud warning
// naming the Debian packages; under CI (the CI variable set) it runs and fails, because CI
// must install them (.ci/run does).
import { describe } from '@jest/globals';
import { arm64ToolsAvailable } from '../qemu-runner.js';

const available = arm64ToolsAvailable();
const underCi = !!process.env.CI;

export function describeUnderQemu(name: string, body: () => void): void {
  if (available || underCi) {
    describe(name, body);
    return;
  }
  console.warn(
    `SKIPPED "${name}": qemu-aarch64 / aarch64-linux-gnu-gcc are not installed. ` +
      'Install them with: apt-get install -y qemu-user gcc-aarch64-linux-gnu (CI runs these tests).',
  );
  describe.skip(name, body);
}
