# Databricks notebook source
# Generates synthetic CDC and transactional data into /Volumes/{catalog}/raw/olist/.
catalog = dbutils.widgets.get("catalog")  # noqa: F821
