"""The test suite's private PostgreSQL server really starts, serves databases and goes away again."""

import socket
import time
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text

from tests.support.postgres import PostgresServer, find_pg_bindir

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_pg_bindir() is None, reason="PostgreSQL server programs are not installed"),
]


def _port_is_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_server_starts_serves_databases_and_cleans_up() -> None:
    server = PostgresServer()
    started = time.monotonic()
    with server:
        startup = time.monotonic() - started
        port = server.port
        base_dir = server.base_dir
        assert port is not None and base_dir is not None
        assert base_dir.is_dir() and _port_is_open(port)
        assert startup < 60

        url = server.create_database("barium_one")
        other_url = server.create_database("barium_two")
        assert url == f"postgresql+psycopg://barium@127.0.0.1:{port}/barium_one"
        assert other_url.endswith("/barium_two")

        engine = create_engine(url)
        try:
            with engine.begin() as conn:
                version = conn.execute(text("select version()")).scalar_one()
                assert version.startswith("PostgreSQL 15"), version
                assert conn.execute(text("select current_database()")).scalar_one() == "barium_one"
                assert conn.execute(text("show server_encoding")).scalar_one() == "UTF8"
                conn.execute(text("create table dose (id serial primary key, volume_ml numeric(6, 2) not null)"))
                conn.execute(text("insert into dose (volume_ml) values (:v)"), {"v": Decimal("2.70")})
            with engine.connect() as conn:
                value = conn.execute(text("select volume_ml from dose")).scalar_one()
            assert isinstance(value, Decimal)
            assert value == Decimal("2.70") and str(value) == "2.70"

            other = create_engine(other_url)
            try:
                with other.connect() as conn:
                    assert conn.execute(text("select to_regclass('dose')")).scalar_one() is None
            finally:
                other.dispose()

            # The pool still holds a connection: dropping must end it rather than fail.
            server.drop_database("barium_one")
        finally:
            engine.dispose()
        with pytest.raises(Exception, match="barium_two"):
            server.create_database("barium_two")  # it already exists
        server.drop_database("barium_one")  # dropping a missing database is fine

    assert server.port is None and server.base_dir is None
    assert not _port_is_open(port)
    assert not base_dir.exists()
    server.stop()  # idempotent
