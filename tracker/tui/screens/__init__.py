"""Screens own data, call the services in workers and handle the widgets' messages."""
