"""The seed data, shipped inside the package as tracker.seed_data."""
