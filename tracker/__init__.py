"""tracker: indicator store, TUI and CLI for Liaoning's regional-development coordinators."""

__version__ = "0.1.0"
