# Databricks notebook source
# Runs when main.sales.daily_totals is updated: every partition holds rows.
empty = spark.sql("select partition from main.sales.daily_totals group by partition having count(*) = 0").collect()
if empty:
    raise ValueError(f"partitions without rows: {[row.partition for row in empty]}")
print("every partition holds rows")
