"""Pure domain: tables, vocabularies, value and period parsing, the status engine."""
