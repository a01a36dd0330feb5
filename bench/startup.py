"""Start-up cost of ``manage.py parse_draft`` on a one-page draft, beside ``manage.py check``.

Usage (from the repository root)::

    .venv/bin/python bench/startup.py              # 7 runs of each, medians
    .venv/bin/python bench/startup.py --runs 11
    .venv/bin/python bench/startup.py --check      # exit 1 when parse_draft costs > 0.3 s more than check

Both commands start a fresh Python process that loads Django and the
project's settings; ``parse_draft`` also loads jieba's dictionary and parses
a one-page draft (the example of ``docs/parsing.md``, written to a temporary
file). The runs alternate (check, parse, check, parse …) so that load on the
machine hits both alike; the medians and their difference are printed, in
wall-clock time and in CPU time (user + system of the child process: less
disturbed when other jobs share the machine). Target: the wall-clock
difference is at most 0.3 s on an idle machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_EXTRA = 0.3
DRAFT = (
    "XX县2021年政府工作报告\n"
    "各位代表：\n"
    "一、2020年工作回顾\n"
    "（一）经济运行稳中趋好。全县生产总值完成XX亿元，同比增长XX%，居全市第X位；一般公共预算收入完成亿元。"
    "新增市场主体家，竣工项目个，城镇居民人均可支配收入元，农村居民人均可支配收入XX元。\n"
    "（二）民生事业扎实推进。新建学校所，新增就业XX人，改造老旧小区个。\n"
    "二、2021年工作安排\n"
    "全县生产总值增长%左右，固定资产投资增长XX%以上。\n"
)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one ``manage.py`` run."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.dev")}
    cpu = _cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return elapsed, _cpu() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "草稿.txt"
        draft.write_text(DRAFT, encoding="utf-8")
        _run(["check"])  # warm the file cache and jieba's own dictionary cache
        _run(["parse_draft", str(draft)])
        checks, parses = [], []
        for _ in range(args.runs):
            checks.append(_run(["check"]))
            parses.append(_run(["parse_draft", str(draft)]))
    check = statistics.median(w for w, _ in checks)
    parse = statistics.median(w for w, _ in parses)
    check_cpu = statistics.median(c for _, c in checks)
    parse_cpu = statistics.median(c for _, c in parses)
    print(f"runs: {args.runs} of each, alternating; medians (load average now {os.getloadavg()[0]:.1f})")
    print(f"{'':34} {'wall':>8} {'cpu':>8}")
    print(f"manage.py check:                   {check:6.3f} s {check_cpu:6.3f} s")
    print(f"manage.py parse_draft (one page):  {parse:6.3f} s {parse_cpu:6.3f} s")
    extra, extra_cpu = parse - check, parse_cpu - check_cpu
    print(f"difference:                        {extra:6.3f} s {extra_cpu:6.3f} s   (target <= {MAX_EXTRA} s)")
    ok = parse - check <= MAX_EXTRA
    print("result:", "target met" if ok else "TARGET MISSED")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
