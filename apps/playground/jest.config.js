import base from '../../jest.base.js';
// Unit tests next to the sources (node); end-to-end tests in test/ drive the built site in
// headless Chromium (see test/e2e.test.ts).
export default {
  ...base,
  displayName: 'playground',
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  // Vite's `?raw` text imports (examples shared with the repository's examples/ folder).
  moduleNameMapper: { '^(.+\\.s)\\?raw$': '$1', ...base.moduleNameMapper },
  transform: { ...base.transform, '\\.s$': '<rootDir>/test/raw-text-transform.cjs' },
};
