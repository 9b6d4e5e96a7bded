// The runner's own filetests (packages/testing/filetests), run the way every package runs its.
import { runFiletests } from './index.js';
import { testRegistry } from './test-support/passes.js';

runFiletests(new URL('../filetests', import.meta.url), { registry: testRegistry() });
