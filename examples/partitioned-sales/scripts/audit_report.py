"""Checks the report: it exists and its row count matches the partitions in the warehouse."""

import csv
import os
import sys

from _args import arguments

out = arguments()["out"]
with open(os.path.join(out, "report.txt"), encoding="utf-8") as report:
    first = report.readline().strip()
warehouse = os.path.join(out, "warehouse")
rows = sum(sum(1 for _ in csv.DictReader(open(os.path.join(warehouse, name), newline="", encoding="utf-8"))) for name in os.listdir(warehouse))
if first != f"rows loaded: {rows}":
    sys.exit(f"report says {first!r}, the warehouse holds {rows} rows")
print(f"report agrees with the warehouse: {rows} rows")
