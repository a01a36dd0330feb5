"""Render an export to PDF and PNG with LibreOffice: the PDF download, the page previews, the rendering tests.

LibreOffice (``soffice --headless``) and poppler (``pdfinfo``, ``pdftotext``,
``pdftoppm``) do the work; :data:`FONTS_CONF` maps the Windows / 方正 font
names to Debian's CJK fonts. Each conversion runs with its own throw-away
LibreOffice profile, so parallel calls never share (or lock) one, and under a
timeout.

The delivered .docx is converted as it is: its line grid plus character
spacing (:mod:`apps.exporting.portable_grid`, docs/adr/0051) lays out the
same 28 × 22 page in LibreOffice as in Word and WPS.

No Django import.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

FONTS_CONF = Path(__file__).resolve().with_name("fonts.conf")


class RenderError(Exception):
    """A conversion that failed, timed out (``timed_out``) or produced no output."""

    def __init__(self, message: str, *, timed_out: bool = False):
        super().__init__(message)
        self.timed_out = timed_out


def convert_to_pdf(
    data: bytes,
    *,
    soffice: str = "soffice",
    timeout: float = 120,
    fontconfig_file: Path | None = FONTS_CONF,
) -> bytes:
    """Convert a .docx to PDF with LibreOffice.

    Args:
        data: the bytes of the .docx, as delivered.
        soffice: the LibreOffice binary.
        timeout: seconds before the conversion is killed.
        fontconfig_file: the fontconfig file with our aliases, or None for the system's.

    Returns:
        The bytes of the PDF.

    Raises:
        RenderError: LibreOffice failed, timed out or wrote no PDF.
    """
    with tempfile.TemporaryDirectory(prefix="export-render-") as tmp:
        root = Path(tmp)
        source = root / "export.docx"
        source.write_bytes(data)
        env = {**os.environ, "HOME": str(root)}
        if fontconfig_file is not None:
            env["FONTCONFIG_FILE"] = str(fontconfig_file)
        command = [
            soffice,
            f"-env:UserInstallation={(root / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(root / "out"),
            str(source),
        ]
        try:
            result = subprocess.run(command, env=env, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise RenderError(f"LibreOffice took longer than {timeout:g} s", timed_out=True) from None
        except OSError as exc:
            raise RenderError(f"LibreOffice could not start: {exc}") from None
        pdf = root / "out" / "export.pdf"
        if result.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            stderr = result.stderr.decode(errors="replace").strip()[-500:]
            raise RenderError(f"LibreOffice wrote no PDF (exit {result.returncode}): {stderr}")
        return pdf.read_bytes()


def _poppler(command: list[str], pdf: bytes, timeout: float) -> bytes:
    with tempfile.TemporaryDirectory(prefix="export-pdf-") as tmp:
        path = Path(tmp) / "in.pdf"
        path.write_bytes(pdf)
        try:
            result = subprocess.run(
                [*command, str(path), *(["-"] if command[0] == "pdftotext" else [])],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise RenderError(f"{command[0]} failed: {exc}", timed_out=True) from None
        except OSError as exc:
            raise RenderError(f"{command[0]} failed: {exc}") from None
        if result.returncode != 0:
            raise RenderError(f"{command[0]} failed: {result.stderr.decode(errors='replace')[-300:]}")
        return result.stdout


def pdf_page_count(pdf: bytes, *, timeout: float = 30) -> int:
    """Number of pages of a PDF (``pdfinfo``)."""
    for line in _poppler(["pdfinfo"], pdf, timeout).decode(errors="replace").splitlines():
        if line.startswith("Pages:"):
            return int(line.split(":", 1)[1])
    raise RenderError("pdfinfo reported no page count")


def pdf_page_text(pdf: bytes, page: int, *, timeout: float = 30) -> str:
    """Text of one page (1-based), in reading order (``pdftotext``)."""
    return _poppler(["pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8"], pdf, timeout).decode()


def pdf_bbox(pdf: bytes, *, timeout: float = 120) -> str:
    """Every word of every page with its box (``pdftotext -bbox``), read by :mod:`apps.exporting.page_metrics`."""
    return _poppler(["pdftotext", "-bbox", "-enc", "UTF-8"], pdf, timeout).decode()


def pdf_page_png(pdf: bytes, page: int, *, dpi: int = 60, timeout: float = 30) -> bytes:
    """One page (1-based) as a PNG (``pdftoppm``)."""
    command = ["pdftoppm", "-png", "-singlefile", "-r", str(dpi), "-f", str(page), "-l", str(page)]
    return _poppler(command, pdf, timeout)


def pdf_fonts(pdf: bytes, *, timeout: float = 30) -> list[tuple[str, bool]]:
    """(font name, embedded) of every font a PDF uses (``pdffonts``); subset prefixes (``ABCDEF+``) removed."""
    fonts = []
    lines = _poppler(["pdffonts"], pdf, timeout).decode(errors="replace").splitlines()
    for line in lines[2:]:
        parts = line.split()
        # name type [encoding...] emb sub uni object ID: "yes"/"no" columns counted from the end.
        if len(parts) >= 7:
            fonts.append((parts[0].split("+", 1)[-1], parts[-5] == "yes"))
    return fonts
