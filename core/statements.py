"""How the site's SQL statements are sent to PostgreSQL."""

import contextlib

from django.db import connection


@contextlib.contextmanager
def planned_for_their_values():
    """Send the block's statements unprepared, so that PostgreSQL plans each
    one for the values it is given.

    With DATABASE_PREPARED_STATEMENTS on, a statement run five times on a
    connection is prepared, and PostgreSQL soon plans it once for any values
    (a generic plan). That suits listings, whose values change little what
    the query reads; it does not suit a full-text search, where the words
    decide how many rows match: "park" took 5.1 ms on the generic plan
    against 3.7 ms planned afresh. Elsewhere (SQLite, or preparing off) this
    changes nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    psycopg_connection = connection.connection
    threshold = psycopg_connection.prepare_threshold
    psycopg_connection.prepare_threshold = None
    try:
        yield
    finally:
        psycopg_connection.prepare_threshold = threshold
