"""Persistence: SQLAlchemy models, engine set-up (SQLite default, PostgreSQL by URL), migrations and backups."""
