"""Load test: 50 staff logging in, opening sections, saving values, reading the report, against
gunicorn with PostgreSQL and Redis on 127.0.0.1, with a trivial-view baseline in the same run.

    .venv/bin/pip install -r requirements-bench.txt
    .venv/bin/python bench/load.py                          # 1 min warm-up + 5 min measured
    .venv/bin/python bench/load.py --warmup 10 --duration 20   # smoke run

What it does, all by itself:
1. creates (drops first) the PostgreSQL database ``bench_load`` (BENCH_DATABASE_URL),
2. migrates, collects static files, loads the demo, creates the staff users (bench01…) and one
   report per user from the demo draft (so that two users never save the same value),
3. starts gunicorn (production settings behind a simulated TLS proxy) and a Celery worker on
   Redis DB 5 (BENCH_REDIS_URL), and waits for /healthz,
4. runs locust headless: ``--users`` Staff users with 1–3 s think time, plus ``--baseline-users``
   users who GET /healthz with the same think time; statistics are reset after the warm-up,
5. then a short capacity probe (no think time) of /healthz and of the real mix, for information,
6. prints the figures and checks the goals: 0 errors, p95 ≤ 300 ms, p99 ≤ 800 ms, and the real
   mix's per-user throughput ≥ 50 % of the baseline's. Exit code 1 when a goal is missed.

Only 127.0.0.1 is ever contacted; every phase is bounded in time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-pass-2026"
GOALS = {"p95_ms": 300, "p99_ms": 800, "ratio": 0.5}


def _env(args) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "bench-only-secret-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"{args.database_url}?conn_max_age=60&conn_health_checks=true",
        "REDIS_URL": args.redis_url,
        "CELERY_QUEUE": f"bench-load-{os.getpid()}",
        "APP_VAR_DIR": str(Path(args.workdir)),
        "DJANGO_STATIC_ROOT": str(Path(args.workdir) / "static"),
        "DEMO_PASSWORD": PASSWORD,
        "LOG_LEVEL": "WARNING",
        "NOTIFICATION_EMAIL_ASYNC": "true",
    }


def _run(cmd, env, what):
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"bench: {what} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def create_database(url: str) -> None:
    import psycopg

    match = re.match(r"postgres(?:ql)?://(?P<auth>[^@]*@)?(?P<host>[^:/]+)(?::(?P<port>\d+))?/(?P<name>\w+)$", url)
    if not match:
        sys.exit(f"bench: cannot read BENCH_DATABASE_URL {url!r}")
    name = match["name"]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    print(f"bench: database {name} created", flush=True)


def setup_data(users: int, out: str) -> None:
    """Runs in its own process (Django, no gevent): staff users and one report each."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    from apps.accounts.models import Membership, Organization, Role, User
    from apps.parsing import parse_draft
    from apps.reports.services import report_create_from_parse

    organization = Organization.objects.get(slug="demo-county")
    draft = Path(settings.BASE_DIR) / "fixtures" / "demo" / "000.styled.docx"
    result = parse_draft(draft.read_bytes(), filename=draft.name)
    hashed = User(username="x")
    hashed.set_password(PASSWORD)  # hashed once: PBKDF2 is deliberately slow
    staff = []
    for i in range(1, users + 1):
        user, _ = User.objects.get_or_create(username=f"bench{i:02d}", defaults={"password": hashed.password})
        Membership.objects.get_or_create(user=user, defaults={"organization": organization, "role": Role.DRAFTER})
        report = report_create_from_parse(organization=organization, user=user, result=result, title=f"基准报告{i:02d}")
        sections = list(report.sections.filter(placeholders__isnull=False).distinct().values_list("pk", flat=True))
        staff.append({"username": user.username, "report": report.pk, "sections": sections})
    Path(out).write_text(json.dumps(staff))


def _wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"bench: {url} did not answer within {timeout:.0f} s")


# --- the locust phase (its own process: gevent patches the standard library) --------------


def _percentile(times: dict, q: float) -> float:
    total = sum(times.values())
    if not total:
        return 0.0
    seen = 0
    for value in sorted(times, key=float):
        seen += times[value]
        if seen >= q * total:
            return float(value)
    return float(max(times, key=float))


def _locust_phase(args, staff_file, *, warmup, duration, classes, no_think, users, baseline_users, spawn_rate):
    cmd = [
        sys.executable,
        str(ROOT / "bench" / "load_locust.py"),
        "--staff",
        staff_file,
        "--port",
        str(args.port),
        "--warmup",
        str(warmup),
        "--duration",
        str(duration),
        "--classes",
        classes,
        "--users",
        str(users),
        "--baseline-users",
        str(baseline_users),
        "--spawn-rate",
        str(spawn_rate),
    ] + (["--no-think"] if no_think else [])
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=warmup + duration + 120)
    line = next((x for x in result.stdout.splitlines() if x.startswith("LOCUST-RESULT ")), None)
    if line is None:
        sys.exit(f"bench: locust phase failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return json.loads(line.removeprefix("LOCUST-RESULT "))


def summarise(main: dict, capacity: dict, args) -> bool:
    entries = main["entries"]
    mix = {k: v for k, v in entries.items() if "healthz" not in k}
    base = next((v for k, v in entries.items() if "healthz" in k), None)
    times: dict = {}
    for entry in mix.values():
        for value, count in entry["times"].items():
            times[value] = times.get(value, 0) + count
    requests = sum(e["requests"] for e in mix.values())
    failures = sum(e["failures"] for e in entries.values())
    p95, p99 = _percentile(times, 0.95), _percentile(times, 0.99)
    mix_rps = requests / main["elapsed"]
    per_user_mix = mix_rps / args.users
    per_user_base = (base["rps"] / args.baseline_users) if base else 0
    ratio = per_user_mix / per_user_base if per_user_base else 0
    print(
        f"\nMeasured {main['elapsed']:.0f} s after a {args.warmup} s warm-up; {args.users} staff + "
        f"{args.baseline_users} baseline users, think time 1–3 s, gunicorn {args.workers}×{args.threads}"
    )
    print(f"{'request':<26}{'count':>8}{'fail':>6}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}{'max':>8}  (ms)")
    for name, e in sorted(entries.items()):
        print(
            f"{name:<26}{e['requests']:>8}{e['failures']:>6}{e['rps']:>8.1f}{e['p50']:>7.0f}{e['p95']:>7.0f}"
            f"{e['p99']:>7.0f}{e['max']:>8.0f}"
        )
    print(
        f"{'real mix (all but healthz)':<26}{requests:>8}{'':>6}{mix_rps:>8.1f}{_percentile(times, 0.5):>7.0f}"
        f"{p95:>7.0f}{p99:>7.0f}"
    )
    print(
        f"\nper-user throughput: real mix {per_user_mix:.3f} req/s, baseline {per_user_base:.3f} req/s "
        f"→ {ratio:.0%} (goal ≥ {GOALS['ratio']:.0%})"
    )
    if capacity:
        print(
            f"capacity probe (no think time, {args.capacity} s each): /healthz {capacity['baseline']:.0f} req/s, "
            f"real mix {capacity['staff']:.0f} req/s ({capacity['staff'] / capacity['baseline']:.0%})"
        )
    for error, count in sorted(main.get("errors", {}).items()):
        print(f"  error ×{count}: {error}")
    print(
        f"load average at the end of the measured phase: {main['load'][0]:.2f} (1 min), {main['load'][1]:.2f} "
        f"(5 min) on {os.cpu_count()} cores: anything else running on the machine is in these figures"
    )
    ok = failures == 0 and p95 <= GOALS["p95_ms"] and p99 <= GOALS["p99_ms"] and ratio >= GOALS["ratio"]
    print(
        f"\ngoals: errors {failures} (0), p95 {p95:.0f} ms (≤ {GOALS['p95_ms']}), p99 {p99:.0f} ms "
        f"(≤ {GOALS['p99_ms']}), ratio {ratio:.0%} (≥ {GOALS['ratio']:.0%}) → {'MET' if ok else 'MISSED'}"
    )
    return ok


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_setup":
        return setup_data(int(sys.argv[2]), sys.argv[3])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--baseline-users", type=int, default=5)
    parser.add_argument("--spawn-rate", type=float, default=2.0)
    parser.add_argument("--warmup", type=int, default=60, help="seconds before the statistics start")
    parser.add_argument("--duration", type=int, default=300, help="measured seconds")
    parser.add_argument("--capacity", type=int, default=20, help="seconds of each capacity probe (0: none)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_load")
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-load-") as workdir:
        args.workdir = workdir
        idle = os.getloadavg()[0]
        if idle > 0.5:
            print(
                f"bench: warning: load average {idle:.2f} before the run: other processes will skew the figures",
                flush=True,
            )
        env = _env(args)
        create_database(args.database_url)
        print("bench: migrate, collectstatic, demo data …", flush=True)
        _run([sys.executable, "manage.py", "migrate", "--noinput"], env, "migrate")
        _run([sys.executable, "manage.py", "collectstatic", "--noinput"], env, "collectstatic")
        _run([sys.executable, "manage.py", "load_demo"], env, "load_demo")
        staff_file = str(Path(workdir) / "staff.json")
        _run([sys.executable, __file__, "_setup", str(args.users), staff_file], env, "staff users and reports")
        print(f"bench: {args.users} staff users with one report each", flush=True)

        servers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi",
                    "-b",
                    f"127.0.0.1:{args.port}",
                    "-w",
                    str(args.workers),
                    "--threads",
                    str(args.threads),
                    "--worker-class",
                    "gthread",
                    # Longer than any think time: otherwise a client reuses a connection just as the server closes it.
                    "--keep-alive",
                    "10",
                    "--access-logfile",
                    "-",
                    "--error-logfile",
                    "-",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=(Path(workdir) / "gunicorn.log").open("w"),
                start_new_session=True,
            ),
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--concurrency=1",
                    "--loglevel=WARNING",
                    "-Q",
                    env["CELERY_QUEUE"],
                    "-n",
                    f"bench-{os.getpid()}@%h",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            ),
        ]
        try:
            _wait_http(f"http://127.0.0.1:{args.port}/healthz")
            print(
                f"bench: gunicorn up on 127.0.0.1:{args.port}; running {args.warmup} s warm-up + "
                f"{args.duration} s measured",
                flush=True,
            )
            measured = _locust_phase(
                args,
                staff_file,
                warmup=args.warmup,
                duration=args.duration,
                classes="both",
                no_think=False,
                users=args.users,
                baseline_users=args.baseline_users,
                spawn_rate=args.spawn_rate,
            )
            capacity = {}
            if args.capacity:
                print("bench: capacity probes …", flush=True)
                for classes in ("baseline", "staff"):
                    result = _locust_phase(
                        args,
                        staff_file,
                        warmup=5,
                        duration=args.capacity,
                        classes=classes,
                        no_think=True,
                        users=10,
                        baseline_users=10,
                        spawn_rate=10,
                    )
                    capacity[classes] = sum(e["requests"] for e in result["entries"].values()) / result["elapsed"]
        finally:
            for process in servers:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=30)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    os.killpg(process.pid, signal.SIGKILL)
        ok = summarise(measured, capacity, args)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
