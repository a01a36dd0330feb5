"""Bytes of a plain-text draft to clean Unicode text.

Drafts arrive as UTF-8, GB18030/GBK (Chinese Windows default) or UTF-16
with a BOM (Notepad's "Unicode"). Detection is ordered from the most to the
least certain evidence: a BOM, then strict UTF-8, then strict GB18030, and
only then a statistical guess, which is never trusted on short inputs.
"""

from __future__ import annotations

import codecs
import logging
import re

from .types import ParseError

logger = logging.getLogger(__name__)

# Below this size a statistical guess is noise: refuse rather than guess.
MIN_BYTES_FOR_GUESS = 40

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0/C1 control characters other than the whitespace ones we normalise.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Invisible characters that only get in the way of matching.
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# Every kind of horizontal space becomes an ASCII space.
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")

# Characters we expect in a Chinese report; used to judge a guessed decoding.
_PLAUSIBLE = re.compile(
    r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u206f\u0020-\u007e\n\r\t"
    r"\u00b7\u00d7\u00b0\u2460-\u24ff\u25a0-\u25ff\u3400-\u4dbf]"
)


def _plausibility(text: str) -> float:
    if not text:
        return 0.0
    return len(_PLAUSIBLE.findall(text)) / len(text)


def _bomless_utf16(data: bytes) -> str | None:
    """Return the codec of BOM-less UTF-16 text, or None.

    ASCII in UTF-16 puts a NUL in every other byte, and CJK characters of the form U+xx00
    (``一`` is U+4E00) put one on the other side, so NULs alone do not tell the byte order.
    A strict decode in each order must succeed without producing a NUL, and the result must
    read like a Chinese report; the more plausible order wins.
    """
    if len(data) < MIN_BYTES_FOR_GUESS or len(data) % 2:
        return None
    best: tuple[float, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            continue
        plausibility = _plausibility(text)
        if plausibility >= 0.97 and (best is None or plausibility > best[0]):
            best = (plausibility, codec)
    return best[1] if best else None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a plain-text draft.

    Args:
        data: the raw file content.

    Returns:
        ``(text, encoding)`` where ``text`` still has its original line
        breaks and spaces (see :func:`normalise_text`) and ``encoding`` is
        the codec name used (``utf-8``, ``gb18030``, ``utf-16-le`` ...).

    Raises:
        ParseError: ``binary`` for non-text content (NUL bytes, control
            characters), ``undecodable`` when no encoding fits.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise ParseError(
                    "undecodable", "文件开头标明了编码，但内容无法按该编码读取，请另存为 UTF-8 后重新上传。"
                ) from None
            return _check_control(text), codec

    if b"\x00" in data:
        codec = _bomless_utf16(data)
        if codec is not None:
            return _check_control(data.decode(codec)), codec
        # Not UTF-16: a few stray NULs in 8-bit text are dropped below, many mean binary.

    try:
        return _check_control(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    # GB18030 accepts many byte soups; insist the result reads like Chinese.
    if text is not None and _plausibility(text) >= 0.9:
        return _check_control(text), "gb18030"

    if len(data) >= MIN_BYTES_FOR_GUESS:
        guess = _guess(data)
        if guess is not None:
            return guess
    controls = len(_CONTROL_BYTES.findall(data))
    if (text is not None and _CONTROL.search(text) is None) or (controls <= 8 and controls <= len(data) * 0.01):
        raise ParseError("undecodable", "无法识别文件的文字编码，请另存为 UTF-8 编码的 .txt 或 .docx 后重新上传。")
    raise ParseError("binary", "文件内容不是文字（含有二进制数据），请上传 .txt 或 .docx 格式的文稿。")


def _guess(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - dependency is pinned
        return None
    try:
        best = from_bytes(data).best()
    except Exception:  # charset_normalizer on hostile bytes: no guess is the safe answer
        logger.warning("charset_normalizer failed on %d bytes; refusing to guess", len(data), exc_info=True)
        return None
    if best is None:
        return None
    text = str(best)
    if _plausibility(text) < 0.9:
        return None
    return _check_control(text), str(best.encoding)


def _check_control(text: str) -> str:
    """Reject text that is mostly control characters; drop a few strays."""
    bad = len(_CONTROL.findall(text))
    if bad:
        if bad > 8 and bad > len(text) * 0.01:
            raise ParseError("binary", "文件内容不是文字（含有大量控制字符），请上传 .txt 或 .docx 格式的文稿。")
        text = _CONTROL.sub("", text)
    return text


def normalise_text(text: str) -> str:
    """Normalise line breaks and spaces without touching anything else.

    CRLF/CR and other separators become ``\\n``; tabs, NBSP, U+3000 and the
    other Unicode spaces become an ASCII space; zero-width characters and
    stray control characters are dropped. Full-width letters and digits are
    kept as written (placeholders such as ``ＸＸ`` are reported raw).
    """
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    return _CONTROL.sub("", text)
