#!/usr/bin/env bash
# Builds the real Quartz scheduler's cron evaluator that test/conformance/schedules compares orchc's
# Databricks (Quartz) schedules with:
#
#   scripts/provision-quartz.sh
#     -> .tools/quartz-<version>/classes + lib/*.jar   (test/conformance/schedules/quartz, Maven Central)
#
# Java 17 and Maven must be on PATH. Maven's repository lives in .tools/quartz-<version>/m2, so the
# build never touches ~/.m2 and, once built, nothing is downloaded again: the folder is reused while
# its stamp (the pom, the Java source and `java -version`) matches, so CI can call this unconditionally
# and a warm run works offline.
#
# Exit codes: 0 ready, 2 Java or Maven missing, other: the failing command's.
# Env: FORCE=1 (rebuild).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
project="$root/test/conformance/schedules/quartz"
version="$(sed -n 's:.*<quartz.version>\(.*\)</quartz.version>.*:\1:p' "$project/pom.xml")"
[ -n "$version" ] || { echo "provision-quartz: no <quartz.version> in $project/pom.xml" >&2; exit 1; }
target="$root/.tools/quartz-$version"
say() { echo "provision-quartz: $*"; }

command -v java >/dev/null && command -v mvn >/dev/null || { echo "provision-quartz: java and mvn must be on PATH (Java 17+)" >&2; exit 2; }

mkdir -p "$root/.tools"
exec 9>"$root/.tools/quartz.lock"
if command -v flock >/dev/null; then flock 9; fi

stamp="$(cat "$project/pom.xml" "$project"/src/main/java/orchc/*.java; java -version 2>&1)"
if [ -z "${FORCE:-}" ] && [ -f "$target/stamp" ] && [ "$(cat "$target/stamp")" = "$stamp" ]; then
  say "quartz $version up to date ($target)"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$project/pom.xml" "$project/src" "$work/"
mkdir -p "$target"
start=$(date +%s)
mvn -q -B -f "$work/pom.xml" -Dmaven.repo.local="$target/m2" compile dependency:copy-dependencies -DoutputDirectory="$work/lib" -DincludeScope=runtime
rm -rf "$target/classes" "$target/lib"
mv "$work/target/classes" "$target/classes"
mv "$work/lib" "$target/lib"
printf '%s' "$stamp" >"$target/stamp"
say "quartz $version built in $(( $(date +%s) - start )) s ($target)"
