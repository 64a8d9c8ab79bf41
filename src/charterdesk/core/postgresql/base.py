"""PostgreSQL whose connection health check costs no round trip.

Connections are kept between requests (`CONN_MAX_AGE`) and checked before each request
reuses one (`CONN_HEALTH_CHECKS`), so a request after a restart of PostgreSQL reconnects
instead of failing. Django checks with `SELECT 1`: one more round trip to the server on
every request (issue #13). An idle connection hears nothing from a healthy server, so
looking at its socket tells as much without asking: when the server has closed it
(a restart, `pg_terminate_backend`, an idle timeout), it sent its farewell and its end
of file, and the socket is readable. Anything to read, or a connection psycopg already
knows to be broken or inside a failed transaction, counts as unusable; Django then closes
it and the request opens a new one.
"""

import select

from django.db.backends.postgresql import base
from psycopg import pq

# Where `SELECT 1` would have answered: idle, or inside a transaction still open.
_ANSWERS = (pq.TransactionStatus.IDLE, pq.TransactionStatus.INTRANS)


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        pgconn = connection.pgconn
        if pgconn.status != pq.ConnStatus.OK or pgconn.transaction_status not in _ANSWERS:
            return False
        try:
            readable, _, _ = select.select([pgconn.socket], [], [], 0)
        except (OSError, ValueError):  # the socket is gone
            return False
        return not readable
