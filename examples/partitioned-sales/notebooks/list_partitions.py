# Databricks notebook source
# Lists the day files of the sales feed (a volume folder) and sets them as the `parts` task value,
# which the for_each_task of `load_partition` iterates over.
data = dbutils.widgets.get("data")
parts = sorted(entry.name[: -len(".csv")] for entry in dbutils.fs.ls(data) if entry.name.endswith(".csv"))
print(f"{len(parts)} partitions in {data}: {', '.join(parts)}")
dbutils.jobs.taskValues.set(key="parts", value=parts)
