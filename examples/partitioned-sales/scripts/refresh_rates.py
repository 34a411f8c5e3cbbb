"""Refreshes the exchange rates the report converts with: <data> into <out>/rates.csv, checked."""

import csv
import os
import sys

from _args import arguments

args = arguments()
with open(args["data"], newline="", encoding="utf-8") as source:
    rates = list(csv.DictReader(source))
for rate in rates:
    if float(rate["to_eur"]) <= 0:
        sys.exit(f"rate for {rate['region']} is not positive: {rate['to_eur']}")
os.makedirs(args["out"], exist_ok=True)
with open(os.path.join(args["out"], "rates.csv"), "w", newline="", encoding="utf-8") as target:
    writer = csv.DictWriter(target, fieldnames=["region", "currency", "to_eur"])
    writer.writeheader()
    writer.writerows(rates)
print(f"{len(rates)} rates refreshed")
