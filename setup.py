"""Packaging: the code under tracker/, with the top-level migrations/ and seed_data/ inside it.

pyproject.toml cannot list found packages beside mapped ones: the folders are listed here (each
subfolder too, so that setuptools takes none for a forgotten package), and pyproject.toml maps
them to tracker.migrations and tracker.seed_data and names their data files.
"""

from setuptools import find_namespace_packages, find_packages, setup

SHIPPED = find_namespace_packages(
    include=["migrations", "migrations.*", "seed_data", "seed_data.*"], exclude=["*__pycache__*"]
)

setup(packages=[*find_packages(include=["tracker*"]), *(f"tracker.{name}" for name in SHIPPED)])
