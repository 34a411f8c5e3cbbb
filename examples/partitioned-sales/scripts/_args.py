"""The `--name value` arguments a step gets, and where it writes its outputs (`$ORCHC_OUTPUTS`)."""

import os
import sys


def arguments() -> dict[str, str]:
    args = sys.argv[1:]
    if len(args) % 2 != 0 or not all(name.startswith("--") for name in args[::2]):
        sys.exit(f"expected --name value pairs, got {args!r}")
    return {name[2:]: value for name, value in zip(args[::2], args[1::2])}


def write_output(name: str, text: str) -> None:
    with open(os.path.join(os.environ["ORCHC_OUTPUTS"], name), "w", encoding="utf-8") as file:
        file.write(text)
