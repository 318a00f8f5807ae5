"""Database upkeep the code does itself.

After a bulk load (seed_demo, an Excel import) the planner's statistics describe tables a
fraction of their new size until autovacuum gets round to them, and PostgreSQL picks plans for
the old sizes: the work summary took 3.8 s right after seeding and 1.1 s after ANALYZE. So the
code that loads many rows refreshes the statistics of the tables it filled, once its
transaction has committed (ANALYZE sees committed rows; it takes milliseconds to seconds)."""

from __future__ import annotations

from django.db import connection, transaction


def analyze(*models) -> None:
    """ANALYZE the tables of `models` (all tables when none is given) once the current
    transaction commits (at once outside one). PostgreSQL and SQLite; nothing elsewhere."""
    tables = [connection.ops.quote_name(model._meta.db_table) for model in models]

    def run():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {', '.join(tables)}" if tables else "ANALYZE")
            elif connection.vendor == "sqlite":  # one table a statement
                for table in tables or [""]:
                    cursor.execute(f"ANALYZE {table}".strip())

    transaction.on_commit(run)
