"""Legacy .doc/.wps/.rtf to .docx with LibreOffice, when the caller allows it."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from .types import ParseError, ParseOptions

NEEDS_CONVERSION = "这是旧版 Word（.doc）、WPS 或 RTF 格式的文件，请在 Word 或 WPS 中“另存为” .docx 格式后重新上传。"


def convert_to_docx(data: bytes, options: ParseOptions, suffix: str = ".doc") -> bytes:
    """Convert a legacy word-processor file to .docx bytes.

    LibreOffice runs headless with a throw-away user profile (a shared
    profile is locked by concurrent runs and keeps state between uploads)
    and is killed after ``options.conversion_timeout`` seconds.

    Args:
        data: the legacy file content.
        options: must carry ``soffice_path``.
        suffix: file extension that tells LibreOffice the input filter.

    Returns:
        The converted .docx content.

    Raises:
        ParseError: ``doc_needs_conversion`` when no converter is configured,
            ``conversion_failed`` when LibreOffice fails or times out.
    """
    if not options.soffice_path:
        raise ParseError("doc_needs_conversion", NEEDS_CONVERSION)
    with tempfile.TemporaryDirectory(prefix="draft-convert-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        outdir = Path(tmp) / "out"
        profile = Path(tmp) / "profile"
        cmd = [
            options.soffice_path,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            "docx",
            "--outdir",
            str(outdir),
            str(src),
        ]
        env = dict(os.environ, HOME=tmp)
        try:
            subprocess.run(
                cmd,
                check=True,
                capture_output=True,
                timeout=options.conversion_timeout,
                env=env,
            )
        except subprocess.TimeoutExpired:
            raise ParseError("conversion_failed", "文档格式转换超时，请另存为 .docx 后重新上传。") from None
        except (OSError, subprocess.CalledProcessError):
            raise ParseError("conversion_failed", "文档格式转换失败，请另存为 .docx 后重新上传。") from None
        out = outdir / "input.docx"
        if not out.exists():
            raise ParseError("conversion_failed", "文档格式转换失败，请另存为 .docx 后重新上传。")
        return out.read_bytes()
