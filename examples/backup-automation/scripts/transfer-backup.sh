#!/usr/bin/env bash
# Transfer: check every staged archive against its checksum, copy it into VAULT, then drop it from
# staging. Safe to run again: an archive already in the vault with the same checksum is skipped.
set -euo pipefail
. "$(dirname "$0")/expand-home.sh"
staging=$(expand_home "$1")
vault=$(expand_home "$2")

shopt -s nullglob
archives=("$staging"/backup-*.tar.gz)
[ ${#archives[@]} -gt 0 ] || { echo "backup_transfer: nothing staged in $staging" >&2; exit 1; }
mkdir -p "$vault"
for archive in "${archives[@]}"; do
  name=$(basename "$archive")
  (cd "$staging" && sha256sum --check --quiet "$name.sha256")
  cp "$archive" "$vault/$name.partial"
  cp "$archive.sha256" "$vault/$name.sha256"
  mv "$vault/$name.partial" "$vault/$name"
  (cd "$vault" && sha256sum --check --quiet "$name.sha256")
  rm "$archive" "$archive.sha256"
  echo "backup_transfer: $vault/$name"
done
