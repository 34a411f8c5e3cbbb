# Databricks notebook source
# Renders the report: the rows the daily run loaded, and the amount per region in EUR.
rows = dbutils.widgets.get("rows")
totals = spark.sql(
    "select t.region, sum(t.amount * cast(r.to_eur as double)) as eur from main.sales.daily_totals t join main.sales.rates r using (region) group by t.region order by t.region"
).collect()
print(f"rows loaded: {rows}")
for region, eur in totals:
    print(f"{region}: {eur:.2f} EUR")
