# Databricks notebook source
# clean_orders: the Workflow Orchestrator notebook this task runs.
print("clean_orders")
