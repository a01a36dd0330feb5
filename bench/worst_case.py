"""The worst drafts the upload screening accepts: do they parse and save within the limits?

Run from the repository root:  .venv/bin/python bench/worst_case.py [--scale 1.0]
Uses a throw-away test database (SQLite by default, PostgreSQL when DATABASE_URL is set).

Each case is built just under the screening caps of apps.parsing.ParseOptions (the defaults the
settings use: UPLOAD_MAX_TEXT_CHARS characters of text, a word/document.xml just under its cap)
and goes through the real path in a fresh process: stored as an upload, screened, parsed and
saved by apps.drafts.services.draft_parse_run. Printed per case: text size, sections and
placeholders saved, wall time of the whole parse run and the process's peak memory.
Goals (issue 10): every case ends ``parsed`` (or refused with a message), within the worker's
soft time limit (PARSE_SOFT_TIME_LIMIT, 120 s) and 500 MB of memory.
``--scale`` shrinks the cases for a quick look (0.1 = a tenth of the caps).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_SECONDS = 120
GOAL_MB = 500
SENTENCE = "全县生产总值完成XX亿元，同比增长XX%，居全市第XX位；完成固定资产投资亿元，增长%。"


def _caps():
    from apps.parsing import ParseOptions

    return ParseOptions()


def dense_txt(chars: int) -> bytes:
    """Paragraphs of placeholders with a numbered heading every five: many sections and blanks."""
    lines, size, n = [], 0, 0
    while size < chars - 200:
        n += 1
        line = f"（{n % 9 + 1}）第{n}项工作" if n % 6 == 0 else SENTENCE * 3
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines).encode()


def headings_only_txt(chars: int) -> bytes:
    """Every line a heading: the most sections a text of this size can make."""
    lines, size, n = [], 0, 0
    while size < chars - 40:
        n += 1
        line = f"{n % 9 + 1}.第{n}项XX工作"
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines).encode()


def bloated_docx(xml_cap: int, chars: int) -> bytes:
    """One run per character with formatting, as converters write it: the largest XML tree per character."""
    from apps.drafts.tests.hostile.corpus import docx

    run = '<w:r><w:rPr><w:rFonts w:ascii="仿宋" w:eastAsia="仿宋"/><w:sz w:val="32"/></w:rPr><w:t>{}</w:t></w:r>'
    paragraph = "<w:p>" + "".join(run.format(c) for c in SENTENCE) + "</w:p>"
    count = min((xml_cap - 2000) // len(paragraph.encode()), chars // len(SENTENCE))
    return docx(paragraph * count)


def child(path: str) -> None:
    """Run one upload through the real parse service in this fresh process; print a JSON line."""
    import resource

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from apps.accounts.models import Membership, Organization, Role, User
        from apps.drafts.services import draft_parse_run, draft_upload_create
        from apps.parsing import warm_up
        from apps.reports.models import Placeholder, Section

        warm_up()
        org = Organization.objects.create(name="压测县", slug="bench")
        user = User.objects.create_user("bench", password="x")
        Membership.objects.create(user=user, organization=org, role=Role.DRAFTER)
        data = Path(path).read_bytes()
        upload = draft_upload_create(
            organization=org, user=user, uploaded_file=SimpleUploadedFile(Path(path).name, data), enqueue=False
        )
        start = time.perf_counter()
        upload = draft_parse_run(upload_id=upload.pk)
        elapsed = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            json.dumps(
                {
                    "status": upload.status,
                    "error": upload.error_code,
                    "seconds": round(elapsed, 1),
                    "peak_mb": round(peak_mb),
                    "sections": Section.objects.filter(report=upload.report_id).count(),
                    "placeholders": Placeholder.objects.filter(report=upload.report_id).count(),
                }
            )
        )
    finally:
        teardown_databases(old, verbosity=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    caps = _caps()
    chars = int(caps.max_text_chars * args.scale)
    cases = {
        "dense.txt": dense_txt(chars),
        "headings.txt": headings_only_txt(chars),
        "bloated.docx": bloated_docx(int(caps.max_document_xml_bytes * args.scale), chars),
    }
    ok = True
    print(f"caps: {caps.max_text_chars:,} characters, word/document.xml {caps.max_document_xml_bytes / 2**20:g} MB")
    with tempfile.TemporaryDirectory() as folder:
        for name, data in cases.items():
            path = Path(folder) / name
            path.write_bytes(data)
            run = subprocess.run(
                [sys.executable, __file__, "--child", str(path)], capture_output=True, text=True, cwd=ROOT
            )
            lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
            if run.returncode or not lines:
                print(f"{name:14s} CRASHED\n{run.stderr[-2000:]}")
                ok = False
                continue
            r = json.loads(lines[-1])
            good = r["seconds"] <= GOAL_SECONDS and r["peak_mb"] <= GOAL_MB
            ok &= good
            print(
                f"{name:14s} {len(data) / 2**20:6.1f} MB  {r['status']:7s} {r['error']:14s} "
                f"{r['sections']:6d} sections {r['placeholders']:7d} placeholders  "
                f"{r['seconds']:6.1f} s  peak {r['peak_mb']:5d} MB  {'OK' if good else 'MISSED'}"
            )
    print(f"goals: ≤ {GOAL_SECONDS} s and ≤ {GOAL_MB} MB per case: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
