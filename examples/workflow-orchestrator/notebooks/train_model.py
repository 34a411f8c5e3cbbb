# Databricks notebook source
# train_model: the Workflow Orchestrator notebook this task runs.
print("train_model")
