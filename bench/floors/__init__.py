"""Floors: the least a program doing the same job could do, measured on the same data."""
