# Databricks notebook source
# Loads one partition (the iteration's item, `{{input}}`) into main.sales.daily_totals.
import re

partition = dbutils.widgets.get("partition")
# The partition comes from another task's value: data, checked before it names a file.
if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", partition):
    raise ValueError(f"not a partition name: {partition!r}")
rows = spark.read.option("header", True).csv(f"{dbutils.widgets.get('data')}/{partition}.csv")
rows.selectExpr("order_id", "region", "cast(amount as double) as amount", f"'{partition}' as partition").write.mode("overwrite").option(
    "replaceWhere", f"partition = '{partition}'"
).saveAsTable("main.sales.daily_totals")
print(f"{partition}: {rows.count()} rows loaded")
