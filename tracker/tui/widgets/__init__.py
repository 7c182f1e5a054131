"""Widgets display what they are given and post messages; none of them touches storage."""
