"""Rich rendering for the shell, a module per view: status words with colour, CJK-aware tables
within 80 columns, and the same data as JSON."""
