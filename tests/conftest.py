"""Fixtures for cross-app tests: a real Celery worker process, and a private Redis server."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def _database_url(db: dict) -> str:
    if "sqlite" in db["ENGINE"]:
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or ''}:{db.get('PORT') or 5432}/{db['NAME']}"


def worker_env(extra_env: dict | None = None) -> dict:
    """The environment of a worker process started by a test: the test database and the test run's queue."""
    from django.db import connection

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        **(extra_env or {}),
    }


def start_worker(
    log_path: Path,
    *,
    extra_env: dict | None = None,
    concurrency: int = 1,
    beat: bool = False,
    name: str | None = None,
) -> subprocess.Popen:
    """Start `celery worker` on the test database and the test run's queue; wait until it is ready.

    ``extra_env`` overrides the environment (e.g. REDIS_URL of a private Redis, the test hooks);
    ``beat`` embeds celery beat (the periodic sweeper); the worker gets its own process group,
    so that ``kill_worker`` can SIGKILL it with its pool children.
    """
    env = worker_env(extra_env)
    log = log_path.open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--loglevel=INFO",
            f"--concurrency={concurrency}",
            "-Q",
            settings.CELERY_TASK_DEFAULT_QUEUE,
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"{name or 'test'}-{os.getpid()}@%h",
            *(["-B", "--schedule", str(log_path.with_suffix(".beat"))] if beat else []),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"celery worker exited with {process.returncode}:\n{log_path.read_text(errors='replace')}"
            )
        if b"ready." in log_path.read_bytes():
            return process
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"celery worker not ready after 90 s:\n{log_path.read_text(errors='replace')}")


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    process = start_worker(tmp_path / "worker.log")
    yield process
    stop_worker(process)


def kill_worker(process: subprocess.Popen, sig=signal.SIGKILL) -> None:
    """Send ``sig`` to the worker and its pool children (its process group), and reap it."""
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def stop_worker(process: subprocess.Popen) -> None:
    """Warm shutdown (SIGTERM), then SIGKILL to the whole group if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
    kill_worker(process)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """A redis-server of our own on a free port, which a test may stop and start again.

    It keeps nothing on disk, so a stop loses every queued message: the worst case a broker
    restart can bring.
    """

    def __init__(self, binary: str, folder: Path):
        self.binary = binary
        self.folder = folder
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        import redis

        log = (self.folder / "redis.log").open("ab")
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
                return
            except redis.RedisError:
                time.sleep(0.1)
        raise RuntimeError(f"private redis-server on port {self.port} did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None


@pytest.fixture
def private_redis(tmp_path):
    """A private redis-server; skipped when the binary is missing, unless REQUIRE_SERVICES=1 (CI)."""
    binary = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None
    )
    if binary is None:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("REQUIRE_SERVICES=1 but redis-server is not installed (apt-get install redis-server)")
        pytest.skip("redis-server is not installed: the worker reliability tests need a private Redis")
    server = PrivateRedis(binary, tmp_path)
    server.start()
    yield server
    server.stop()


@contextmanager
def use_broker(url: str, visibility_timeout: int):
    """Point this process's Celery app (what the upload view publishes with) at another broker."""
    from config.celery import app

    def reset():
        if app._pool is not None:
            app._pool.force_close_all()
            app._pool = None
        app.amqp._producer_pool = None

    saved = (app.conf.broker_url, app.conf.broker_transport_options)
    reset()
    app.conf.broker_url = url
    app.conf.broker_transport_options = {"visibility_timeout": visibility_timeout}
    try:
        yield app
    finally:
        reset()
        app.conf.broker_url, app.conf.broker_transport_options = saved
