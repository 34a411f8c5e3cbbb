from pyspark import pipelines as dp


@dp.table
def bronze_orders():
    return spark.read.table("raw_orders")  # noqa: F821
