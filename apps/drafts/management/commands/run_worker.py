"""`manage.py run_worker`: the Celery worker (with embedded beat) that `make run` starts, kept alive.

A worker whose main process dies (kill -9, out of memory) is started again within a second; the
new incarnation's start-up sweep re-enqueues at once the parse its predecessor was running
(apps.drafts.services.draft_sweep_run), so an upload never waits for a lease to run out.
Ctrl-C or SIGTERM asks the worker for a warm shutdown and kills its process group if it has
not exited after ``--grace`` seconds, so that no worker is left behind.

Production runs workers and beat under systemd (or another supervisor) instead: docs/deployment.md.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

# A worker that dies this soon after starting is broken, not killed: back off instead of spinning.
QUICK_DEATH = 5.0


class Command(BaseCommand):
    help = "Start the Celery worker with embedded beat and restart it whenever it dies."

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", type=int, default=1)
        parser.add_argument("--queues", default="", help="comma-separated queues (default: the default queue)")
        parser.add_argument("--name", default="", help="Celery node name (default: celery@<host>)")
        parser.add_argument("--schedule", default="", help="beat's schedule file (default: var/celery/beat-schedule)")
        parser.add_argument("--grace", type=float, default=20.0, help="seconds a warm shutdown may take")

    def handle(self, *args, **options):
        schedule = options["schedule"] or str(settings.VAR_DIR / "celery" / "beat-schedule")
        os.makedirs(os.path.dirname(schedule), exist_ok=True)
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--loglevel=INFO",
            f"--concurrency={options['concurrency']}",
            "-B",
            "--schedule",
            schedule,
        ]
        if options["queues"]:
            command += ["-Q", options["queues"]]
        if options["name"]:
            command += ["-n", options["name"]]
        self.stopping = False
        self.child: subprocess.Popen | None = None
        signal.signal(signal.SIGINT, self._stop)
        signal.signal(signal.SIGTERM, self._stop)
        backoff = 1.0
        while not self.stopping:
            started = time.monotonic()
            self.child = subprocess.Popen(command, start_new_session=True)
            self._say(f"run_worker: worker started (pid {self.child.pid})")
            code = self.child.wait()
            if self.stopping:
                break
            lived = time.monotonic() - started
            backoff = 1.0 if lived > QUICK_DEATH else min(backoff * 2, 30.0)
            self._say(f"run_worker: worker pid {self.child.pid} exited with {code}; restarting in {backoff:g} s")
            time.sleep(backoff)
        self._reap(options["grace"])

    def _say(self, line: str) -> None:
        # Shares its output with the worker (a terminal, or a log file when redirected): flush at once.
        self.stdout.write(line)
        self.stdout.flush()

    def _stop(self, signum, _frame):
        self.stopping = True
        child = self.child
        if child is not None and child.poll() is None:
            try:  # warm shutdown: the running task finishes or is handed back to the queue
                os.kill(child.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def _reap(self, grace: float) -> None:
        child = self.child
        if child is None:
            return
        try:
            child.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self._say(f"run_worker: worker pid {child.pid} still running after {grace:g} s; killing it")
        try:  # the pool and beat processes too, whatever state they are in
            os.killpg(child.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        child.wait()
