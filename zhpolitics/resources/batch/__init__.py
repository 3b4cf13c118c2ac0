"""Batch-run data: error kinds for the run summary."""
