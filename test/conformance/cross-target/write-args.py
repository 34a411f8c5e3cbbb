"""Writes its arguments after the first, joined by `|`, to the file the first names: what a task was handed, byte for byte."""

import sys

with open(sys.argv[1], "w", encoding="utf-8", newline="") as file:
    file.write("|".join(sys.argv[2:]))
