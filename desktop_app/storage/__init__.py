"""Storage: SQLAlchemy 2.0 typed ORM over a local SQLite file, with Alembic migrations."""
