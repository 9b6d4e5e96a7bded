#!/bin/sh
# Rebuild every examples/*.o from examples/c/*.c with clang 19 (BPF target, -O2 -g so the
# objects carry .BTF and .BTF.ext). Flags are fixed, sources are compiled from the repository
# root by relative path (clang copies each source line into .BTF.ext line_info, so it must be
# able to open them), and the root is mapped to "." so no absolute path leaks into the objects.
# Usage: examples/build.sh   (CLANG=/path/to/clang to override)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
clang=${CLANG:-clang-19}
command -v "$clang" >/dev/null 2>&1 || { echo "build.sh: $clang not found" >&2; exit 1; }
cd "$root"
for src in examples/c/*.c; do
  name=$(basename "$src" .c)
  "$clang" -target bpf -mcpu=v3 -O2 -g \
    -ffile-prefix-map="$root=." \
    -fno-ident -Wall -Werror \
    -c "$src" -o "examples/$name.o"
  echo "built examples/$name.o"
done
