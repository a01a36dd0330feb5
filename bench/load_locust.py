"""One locust phase of bench/load.py, run by it in a process of its own (gevent patches the whole process).

    .venv/bin/python bench/load_locust.py --staff staff.json --port 8765 --warmup 10 --duration 20

Prints ``LOCUST-RESULT {json}``: the elapsed time, users, errors and, per request name, the counts and
response-time percentiles.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from pathlib import Path

from load import PASSWORD  # bench/ is this script's sys.path[0]


def run_locust(args) -> None:
    import gevent
    from locust import HttpUser, between, events, task
    from locust.env import Environment

    staff = json.loads(Path(args.staff).read_text())
    host = f"http://127.0.0.1:{args.port}"
    # Behind the TLS proxy of docs/deployment.md: X-Forwarded-Proto https, and an https Origin.
    proxy_headers = {"X-Forwarded-Proto": "https", "Origin": f"https://127.0.0.1:{args.port}"}
    think = between(0, 0) if args.no_think else between(1, 3)
    accounts = iter(staff * 4)
    field = re.compile(r'name="ph_(\d+)"[^>]*class="[^"]*ph-(number|rank|year|name|text|percent)')

    class Staff(HttpUser):
        wait_time = think
        weight = args.users

        def _send(self, method, url, name, **kwargs):
            # Secure cookies are not sent over plain http by requests: carry them by hand.
            headers = {**proxy_headers, **kwargs.pop("headers", {})}
            with self.client.request(
                method,
                url,
                name=name,
                headers=headers,
                cookies=self.jar,
                allow_redirects=False,
                catch_response=True,
                **kwargs,
            ) as response:
                self.jar.update(response.cookies.get_dict())
                if response.status_code == 0:
                    response.failure(f"connection: {response.error!r}")
                elif response.status_code >= 400 or (method == "GET" and response.status_code != 200):
                    response.failure(f"HTTP {response.status_code}")
                else:
                    response.success()
                return response

        def on_start(self):
            self.jar = {}
            account = next(accounts)
            self.report, self.sections = account["report"], account["sections"]
            self._send("GET", "/accounts/login/", "login page")
            token = self.jar.get("csrftoken", "")
            response = self._send(
                "POST",
                "/accounts/login/",
                "login",
                data={"username": account["username"], "password": PASSWORD, "csrfmiddlewaretoken": token},
                headers={"Referer": f"https://127.0.0.1:{args.port}/accounts/login/"},
            )
            if response.status_code != 302:
                raise RuntimeError(f"login of {account['username']} failed: {response.status_code}")
            self.fields = []

        @task(4)
        def open_section(self):
            section = self.sections[int(time.time() * 1000) % len(self.sections)]
            response = self._send("GET", f"/reports/{self.report}/sections/{section}/", "section page")
            self.fields = field.findall(response.text or "")

        @task(3)
        def save_value(self):
            if not self.fields:
                return self.open_section()
            pk, kind = self.fields[int(time.time() * 1000) % len(self.fields)]
            value = {"number": "123.4", "percent": "7.2", "rank": "3", "year": "2019"}.get(kind, "县发展改革局")
            self._send(
                "POST",
                f"/reports/{self.report}/placeholders/{pk}/",
                "save value",
                data={f"ph_{pk}": value},
                headers={
                    "X-CSRFToken": self.jar.get("csrftoken", ""),
                    "HX-Request": "true",
                    "Referer": f"https://127.0.0.1:{args.port}/reports/{self.report}/",
                },
            )

        @task(2)
        def read_report(self):
            self._send("GET", f"/reports/{self.report}/", "report page")

        @task(1)
        def report_list(self):
            self._send("GET", "/", "report list")

    class Baseline(HttpUser):
        wait_time = think
        weight = args.baseline_users

        @task
        def healthz(self):
            self.client.get("/healthz", name="healthz (baseline)", headers=proxy_headers)

    classes = {"both": [Staff, Baseline], "staff": [Staff], "baseline": [Baseline]}[args.classes]
    environment = Environment(user_classes=classes, host=host, events=events)
    runner = environment.create_local_runner()
    total = sum(c.weight for c in classes)
    runner.start(total, spawn_rate=args.spawn_rate)
    gevent.sleep(args.warmup)
    environment.stats.reset_all()
    started = time.monotonic()
    gevent.sleep(args.duration)
    elapsed = time.monotonic() - started
    out = {"elapsed": elapsed, "users": runner.user_count, "entries": {}, "load": os.getloadavg()}
    out["errors"] = {f"{e.method} {e.name}: {e.error}"[:200]: e.occurrences for e in environment.stats.errors.values()}
    for (name, method), entry in environment.stats.entries.items():
        out["entries"][f"{method} {name}"] = _entry(entry, elapsed)
    runner.quit()
    print("LOCUST-RESULT " + json.dumps(out), flush=True)


def _entry(entry, elapsed: float) -> dict:
    return {
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "rps": entry.num_requests / elapsed if elapsed else 0,
        "p50": entry.get_response_time_percentile(0.5),
        "p95": entry.get_response_time_percentile(0.95),
        "p99": entry.get_response_time_percentile(0.99),
        "max": entry.max_response_time,
        "times": dict(entry.response_times),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", required=True)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--warmup", type=int, default=60)
    parser.add_argument("--duration", type=int, default=300)
    parser.add_argument("--classes", default="both")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--baseline-users", type=int, default=5)
    parser.add_argument("--spawn-rate", type=float, default=2.0)
    parser.add_argument("--no-think", action="store_true")
    run_locust(parser.parse_args())


if __name__ == "__main__":
    main()
