"""Render an export to PDF and PNG with LibreOffice, for previews and the rendering tests.

LibreOffice (``soffice --headless``) and poppler (``pdfinfo``, ``pdftotext``,
``pdftoppm``) do the work; :data:`FONTS_CONF` maps the Windows / 方正 font
names to Debian's CJK fonts. Each conversion runs with its own throw-away
LibreOffice profile, so parallel calls never share (or lock) one, and under a
timeout.

LibreOffice 7.4 lays out Word's ``linesAndChars`` document grid with two grid
cells per 16 pt character (about 14 characters a line instead of 28), so
previews are made from :func:`preview_copy`, which switches the grid to
``lines`` and condenses characters by the grid's own character pitch. The
exported document itself keeps the grid Word and WPS need (docs/adr/0020).

No Django import.
"""

from __future__ import annotations

import io
import math
import os
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from apps.exporting.docx_xml import w

FONTS_CONF = Path(__file__).resolve().with_name("fonts.conf")

# CT_RPr children that come after w:spacing (ECMA-376 17.3.2.28 order).
_AFTER_SPACING = frozenset(
    w(name)
    for name in (
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    )
)


class RenderError(Exception):
    """A conversion that failed, timed out or produced no output."""


def preview_copy(data: bytes) -> bytes:
    """A copy of a .docx that LibreOffice lays out like Word does.

    Every ``w:docGrid type="linesAndChars"`` becomes ``type="lines"`` (lines
    stay on the pitch, characters no longer snap to cells), and the
    document's default character spacing is reduced by the grid's
    ``w:charSpace`` so that 16 pt characters still fit 28 to a line.

    Args:
        data: the bytes of a .docx.

    Returns:
        The bytes of the preview copy; other parts are copied unchanged.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    document = etree.fromstring(src.read("word/document.xml"))
    condense = 0
    for grid in document.iter(w("docGrid")):
        if grid.get(w("type")) == "linesAndChars":
            grid.set(w("type"), "lines")
            char_space = int(grid.attrib.pop(w("charSpace"), "0") or 0)
            # charSpace is in 1/4096 pt, w:spacing in 1/20 pt; round towards
            # narrower so that 28 characters fit rather than 27.
            condense = min(condense, math.floor(char_space * 20 / 4096))
    replaced = {"word/document.xml": etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)}
    if condense and "word/styles.xml" in src.namelist():
        styles = etree.fromstring(src.read("word/styles.xml"))
        rpr = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        if rpr is not None:
            _set_spacing(rpr, condense)
            replaced["word/styles.xml"] = etree.tostring(
                styles, xml_declaration=True, encoding="UTF-8", standalone=True
            )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, replaced.get(info.filename, src.read(info)))
    return out.getvalue()


def _set_spacing(rpr: etree._Element, twentieths: int) -> None:
    old = rpr.find(w("spacing"))
    if old is not None:
        rpr.remove(old)
    spacing = etree.Element(w("spacing"))
    spacing.set(w("val"), str(twentieths))
    for index, child in enumerate(rpr):
        if child.tag in _AFTER_SPACING:
            rpr.insert(index, spacing)
            return
    rpr.append(spacing)


def convert_to_pdf(
    data: bytes,
    *,
    soffice: str = "soffice",
    timeout: float = 120,
    fontconfig_file: Path | None = FONTS_CONF,
) -> bytes:
    """Convert a .docx to PDF with LibreOffice.

    Args:
        data: the bytes of the .docx (pass :func:`preview_copy` output for a preview).
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
            raise RenderError(f"LibreOffice took longer than {timeout:g} s") from None
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
        except (subprocess.TimeoutExpired, OSError) as exc:
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
