#!/usr/bin/env bash
# Backup generation: archive SOURCE into STAGING as backup-<UTC time>.tar.gz plus its .sha256.
set -euo pipefail
. "$(dirname "$0")/expand-home.sh"
source_dir=$(expand_home "$1")
staging=$(expand_home "$2")

[ -d "$source_dir" ] || { echo "backup_generation: source folder $source_dir does not exist" >&2; exit 1; }
mkdir -p "$staging"
name="backup-$(date -u +%Y%m%dT%H%M%SZ).tar.gz"
tar -czf "$staging/$name.partial" -C "$source_dir" .
mv "$staging/$name.partial" "$staging/$name"
(cd "$staging" && sha256sum "$name" > "$name.sha256")
echo "backup_generation: $staging/$name ($(wc -c < "$staging/$name") bytes)"
