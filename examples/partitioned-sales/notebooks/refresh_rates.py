# Databricks notebook source
# Refreshes the exchange rates the report converts with, into main.sales.rates.
rates = spark.read.option("header", True).csv(dbutils.widgets.get("data"))
if rates.filter("cast(to_eur as double) <= 0").count() > 0:
    raise ValueError("a rate is not positive")
rates.write.mode("overwrite").saveAsTable("main.sales.rates")
print(f"{rates.count()} rates refreshed")
