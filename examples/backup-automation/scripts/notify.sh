#!/usr/bin/env bash
# Notification: name the newest archive in VAULT; post it to NOTIFY_WEBHOOK when one is set.
set -euo pipefail
. "$(dirname "$0")/expand-home.sh"
vault=$(expand_home "$1")

newest=$(ls -1 "$vault" | grep -E '^backup-.*\.tar\.gz$' | sort | tail -n 1 || true)
[ -n "$newest" ] || { echo "notification: no archive in $vault" >&2; exit 1; }
message="Backup complete: $newest is in secure storage ($(wc -c < "$vault/$newest") bytes)."
echo "$message"
if [ -n "${NOTIFY_WEBHOOK:-}" ]; then
  body=$(printf '%s' "$message" | python3 -c 'import json, sys; print(json.dumps({"text": sys.stdin.read()}))')
  curl --fail --silent --show-error --max-time 30 -H 'Content-Type: application/json' -d "$body" "$NOTIFY_WEBHOOK"
fi
