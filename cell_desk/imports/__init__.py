"""Readers of files the user brings in: a file in, plain values out. No database session."""
