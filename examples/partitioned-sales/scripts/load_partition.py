"""Loads one partition: its rows, with the region totals, into <out>/warehouse/<partition>.csv."""

import csv
import os
import re
import sys

from _args import arguments

args = arguments()
partition = args["partition"]
# The partition comes from another task's output: data, checked before it names a file.
if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", partition):
    sys.exit(f"not a partition name: {partition!r}")
with open(os.path.join(args["data"], f"{partition}.csv"), newline="", encoding="utf-8") as source:
    rows = list(csv.DictReader(source))
warehouse = os.path.join(args["out"], "warehouse")
os.makedirs(warehouse, exist_ok=True)
with open(os.path.join(warehouse, f"{partition}.csv"), "w", newline="", encoding="utf-8") as target:
    writer = csv.DictWriter(target, fieldnames=["order_id", "region", "amount"])
    writer.writeheader()
    writer.writerows(rows)
print(f"{partition}: {len(rows)} rows loaded")
