# Databricks notebook source
# ingest_customers: the Workflow Orchestrator notebook this task runs.
print("ingest_customers")
