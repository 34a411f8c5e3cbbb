#!/usr/bin/env bash
# Provides the real Databricks CLI that test/conformance/databricks checks generated bundles with,
# built from source through the Go module proxy (the only channel this project's machines have to it).
#
#   scripts/provision-databricks-cli.sh     # -> .tools/databricks-cli-<version>/databricks
#
# The version lives in test/conformance/databricks/databricks-cli.version, so this script and the
# vitest helper cannot disagree. Besides the binary, the folder gets bundle-schema.json: the schema
# that exact binary prints (`databricks bundle schema`), which the tests' Ajv check prefers.
#
# The folder is reused while its stamp matches (where the binary came from, Go toolchain, platform),
# so CI can call this unconditionally: a second run prints "up to date" and exits 0 at once.
#
# Go's module and build caches stay at their defaults (`go env GOMODCACHE GOCACHE`, outside the
# work tree), deliberately: CI runs in a fresh clone that has no .tools/, and a warm default build
# cache turns that rebuild into little more than a link step, where caches under .tools/ would be
# gone with the clone and cost another few GB per checkout.
#
# Exit codes: 0 ready, 2 no Go, 3 the module proxy refused the CLI module (see below), other: the
# failing command's.
#
# Env: DATABRICKS_CLI_VERSION (overrides the version file); FORCE=1 (rebuild); DATABRICKS_CLI_BINARY
#      (adopt an already installed `databricks` of exactly that version instead of building one,
#      for machines that can install the CLI some other way).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
version="${DATABRICKS_CLI_VERSION:-$(tr -d ' \n' <"$root/test/conformance/databricks/databricks-cli.version")}"
version="${version#v}"
module="github.com/databricks/cli@v$version"
dest="$root/.tools/databricks-cli-$version"
bin="$dest/databricks"
stamp="$dest/.orchc-provision-stamp"

if [ -n "${DATABRICKS_CLI_BINARY:-}" ]; then
  source_id="binary $(sha256sum "$DATABRICKS_CLI_BINARY" | cut -d' ' -f1)"
else
  if ! command -v go >/dev/null; then
    echo "provision-databricks-cli: Go is not installed (needed to build $module)" >&2
    exit 2
  fi
  source_id="$module $(go env GOVERSION) $(go env GOOS)/$(go env GOARCH)"
fi

mkdir -p "$root/.tools"
# Two callers (parallel CI steps) must not build into the same folder at once.
exec 9>"$dest.lock"
if command -v flock >/dev/null; then flock 9; fi

if [ "${FORCE:-}" != "1" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$source_id" ] \
  && [ -x "$bin" ] && [ -s "$dest/bundle-schema.json" ]; then
  echo "provision-databricks-cli: $dest is up to date (stamp matches), nothing to do"
  exit 0
fi

start=$(date +%s)
rm -rf "$dest"
mkdir -p "$dest"

if [ -n "${DATABRICKS_CLI_BINARY:-}" ]; then
  reported="$("$DATABRICKS_CLI_BINARY" --version)"
  if [ "$reported" != "Databricks CLI v$version" ]; then
    echo "provision-databricks-cli: $DATABRICKS_CLI_BINARY reports '$reported', want 'Databricks CLI v$version'" >&2
    exit 1
  fi
  # A copy, not a link: the stamp's checksum must keep describing what the tests run.
  cp "$DATABRICKS_CLI_BINARY" "$bin"
else
  echo "provision-databricks-cli: building $module with $(go env GOVERSION) into $dest"
  # The flags of the CLI's own release build (.goreleaser.yaml): static (CGO off), -trimpath,
  # stripped, and the version stamped in. Without the stamp the binary calls itself 0.0.0-dev,
  # which is what `bundle.databricks_cli_version` constraints would then be checked against.
  IFS=. read -r major minor patch <<<"$version"
  pkg=github.com/databricks/cli/internal/build
  log="$dest/go-install.log"
  if ! CGO_ENABLED=0 GOBIN="$dest" GOFLAGS="${GOFLAGS:-} -trimpath" go install -ldflags "-s -w \
      -X $pkg.buildVersion=$version -X $pkg.buildTag=v$version \
      -X $pkg.buildMajor=$major -X $pkg.buildMinor=$minor -X $pkg.buildPatch=${patch%%-*}" \
      "$module" 2>&1 | tee "$log"; then
    if grep -q '403 Forbidden' "$log"; then
      # The proxy answering 403 "This module version is not available" is a refusal, not an
      # outage: retrying does not help, and neither does GOFLAGS=-mod=mod or a separate
      # `go mod download` (they fetch the same .mod/.zip). DATABRICKS_CLI_BINARY is the way out.
      echo "provision-databricks-cli: the Go module proxy refuses $module (403); no CLI provisioned." >&2
      echo "provision-databricks-cli: the bundle validate tests will skip (DATABRICKS_CLI_BINARY in this script's header adopts a CLI installed another way)." >&2
      rm -rf "$dest"
      exit 3
    fi
    exit 1
  fi
  mv "$dest/cli" "$bin"
fi

"$bin" --version
"$bin" bundle schema >"$dest/bundle-schema.json.tmp"
mv "$dest/bundle-schema.json.tmp" "$dest/bundle-schema.json"

# The stamp goes only after everything above, so an interrupted run is redone next time.
printf '%s\n' "$source_id" >"$stamp"
echo "provision-databricks-cli: $bin ready in $(( $(date +%s) - start ))s ($(du -h "$bin" | cut -f1), schema $(wc -c <"$dest/bundle-schema.json") bytes)"
