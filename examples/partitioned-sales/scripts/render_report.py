"""Renders <out>/report.txt: the rows the daily run loaded, and the amount per region in EUR."""

import csv
import os
from collections import defaultdict

from _args import arguments

args = arguments()
with open(os.path.join(args["out"], "rates.csv"), newline="", encoding="utf-8") as file:
    to_eur = {rate["region"]: float(rate["to_eur"]) for rate in csv.DictReader(file)}
warehouse = os.path.join(args["out"], "warehouse")
totals: dict[str, float] = defaultdict(float)
for name in sorted(os.listdir(warehouse)):
    with open(os.path.join(warehouse, name), newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            totals[row["region"]] += float(row["amount"]) * to_eur[row["region"]]
lines = [f"rows loaded: {args['rows']}"] + [f"{region}: {amount:.2f} EUR" for region, amount in sorted(totals.items())]
with open(os.path.join(args["out"], "report.txt"), "w", encoding="utf-8") as report:
    report.write("\n".join(lines) + "\n")
print("\n".join(lines))
