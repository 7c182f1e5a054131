"""Storage: engines and sessions, the schema's revision, queries and audited mutations."""
