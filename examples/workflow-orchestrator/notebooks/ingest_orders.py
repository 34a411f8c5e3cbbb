# Databricks notebook source
# ingest_orders: the Workflow Orchestrator notebook this task runs.
print("ingest_orders")
