// Jest transform for files imported with Vite's `?raw` suffix (mapped to the bare path in
// jest.config.js): the module is the file's text, which an ESM import sees as its default
// export, as Vite makes it. The cache key covers this file, so editing it re-transforms.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

const self = readFileSync(__filename);

module.exports = {
  process(sourceText) {
    return { code: `module.exports = ${JSON.stringify(sourceText)};` };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha1').update(self).update(sourcePath).update(sourceText).digest('hex');
  },
};
