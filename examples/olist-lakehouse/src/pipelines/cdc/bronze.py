from pyspark import pipelines as dp


@dp.table
def bronze_cdc_customers():
    return spark.read.table("raw_cdc_customers")  # noqa: F821
