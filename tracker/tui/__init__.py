"""The Textual interface: browse, inspect, update and flag indicators."""
