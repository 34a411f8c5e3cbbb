#!/usr/bin/env bash
# The oldest Node.js the standalone runner file promises to run on (see provision-node.sh).
exec bash "$(dirname "$0")/provision-node.sh" 18.3.0
