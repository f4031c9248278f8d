"""The schema revisions this version knows, so start-up can skip Alembic when nothing changes."""

# Oldest first. A test checks this against the Alembic scripts in migrations/versions.
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")
HEAD_REVISION = KNOWN_REVISIONS[-1]
