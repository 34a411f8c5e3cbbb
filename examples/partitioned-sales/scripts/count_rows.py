"""Counts the rows loaded into <out>/warehouse as the `rows` output."""

import csv
import os

from _args import arguments, write_output

warehouse = os.path.join(arguments()["out"], "warehouse")
rows = 0
for name in sorted(os.listdir(warehouse)):
    with open(os.path.join(warehouse, name), newline="", encoding="utf-8") as file:
        rows += sum(1 for _ in csv.DictReader(file))
print(f"{rows} rows in {warehouse}")
write_output("rows", str(rows))
