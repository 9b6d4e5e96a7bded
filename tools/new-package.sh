#!/usr/bin/env bash
# Scaffold a workspace package: tools/new-package.sh NAME "description" [dep ...]
# Writes package.json (exact internal deps), tsconfig.json (references), tsconfig.spec.json,
# jest.config.js and a README stub under packages/NAME.
set -euo pipefail
name=$1; desc=$2; shift 2
dir=packages/$name
mkdir -p "$dir/src"
deps=""; refs=""
for d in "$@"; do
  deps="$deps    \"@bpfkit/$d\": \"0.0.0\",\n"
  refs="$refs    { \"path\": \"../$d\" },\n"
done
deps=$(printf "$deps" | sed '$ s/,$//')
refs=$(printf "$refs" | sed '$ s/,$//')
cat > "$dir/package.json" <<JSON
{
  "name": "@bpfkit/$name",
  "version": "0.0.0",
  "description": "$desc",
  "license": "MIT",
  "type": "module",
  "exports": {
    ".": {
      "types": "./dist/index.d.ts",
      "default": "./dist/index.js"
    },
    "./package.json": "./package.json"
  },
  "files": [
    "dist"
  ],
  "scripts": {
    "build": "tsc -b",
    "typecheck": "tsc -b tsconfig.spec.json",
    "test": "NODE_OPTIONS=\"--experimental-vm-modules --disable-warning=ExperimentalWarning\" jest"
  },
  "dependencies": {
$deps
  }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": {
    "rootDir": "src",
    "outDir": "dist",
    "tsBuildInfoFile": "dist/tsconfig.tsbuildinfo"
  },
  "include": ["src"],
  "exclude": ["src/**/*.test.ts"],
  "references": [
$refs
  ]
}
JSON
cat > "$dir/tsconfig.spec.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": {
    "noEmit": true,
    "types": ["node", "jest"],
    "tsBuildInfoFile": "out-tsc/spec.tsbuildinfo"
  },
  "include": ["src"],
  "exclude": [],
  "references": [{ "path": "./tsconfig.json" }]
}
JSON
cat > "$dir/jest.config.js" <<JS
import base from '../../jest.base.js';
export default { ...base, displayName: '$name' };
JS
[ -f "$dir/README.md" ] || printf '# @bpfkit/%s\n\n%s\n' "$name" "$desc" > "$dir/README.md"
