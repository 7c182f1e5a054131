"""Importers: CSV/xlsx files into validated rows plus row errors; they never write or print."""
