"""The SQLite store: models, engine, migrations, bundled data."""
