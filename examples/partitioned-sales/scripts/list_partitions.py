"""Lists the day files of the sales feed as the `parts` output: a JSON array of partition names."""

import json
import os

from _args import arguments, write_output

data = arguments()["data"]
parts = sorted(name[: -len(".csv")] for name in os.listdir(data) if name.endswith(".csv"))
print(f"{len(parts)} partitions in {data}: {', '.join(parts)}")
write_output("parts", json.dumps(parts))
