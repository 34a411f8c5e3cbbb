# Databricks notebook source
# Counts the rows loaded and sets them as the `rows` task value.
rows = spark.table("main.sales.daily_totals").count()
print(f"{rows} rows in main.sales.daily_totals")
dbutils.jobs.taskValues.set(key="rows", value=rows)
