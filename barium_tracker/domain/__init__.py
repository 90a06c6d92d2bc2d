"""Plain-Python clinical core: records, validation, metrics and published rules (no Qt, no SQLAlchemy)."""
