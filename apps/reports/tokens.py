"""Section text with its placeholders as visible tokens, for editing and for history snapshots.

``【#3】`` stands for the section's third placeholder (by order). Users edit the text around the
tokens; the tokens tell where each placeholder now sits, so offsets survive any edit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

# At most nine digits: a token of thousands of digits would overflow int() (and is no token of ours).
TOKEN_RE = re.compile(r"【#(\d{1,9})】")


class TokenError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def token(index: int) -> str:
    return f"【#{index}】"


def tokenize(text: str, placeholders: Sequence[Any]) -> str:
    """``text`` with each placeholder (sorted by ``order``) replaced by its token."""
    numbered = {id(p): i + 1 for i, p in enumerate(sorted(placeholders, key=lambda p: p.order))}
    out, pos = [], 0
    for ph in sorted(placeholders, key=lambda p: (p.offset, p.order)):
        start = max(ph.offset, pos)
        out.append(text[pos:start])
        out.append(token(numbered[id(ph)]))
        pos = start + len(ph.raw)
    out.append(text[pos:])
    return "".join(out)


def untokenize(tokenized: str, placeholders: Sequence[Any]) -> tuple[str, dict[int, int]]:
    """Back from tokens: the plain text (placeholders as their raw text) and each placeholder's new offset.

    Returns (text, {placeholder index in order → offset}). Raises TokenError (Chinese message) when a token
    is missing, repeated or unknown, or when the user typed 【# 】 brackets of their own.
    """
    ordered = sorted(placeholders, key=lambda p: p.order)
    found = [int(n) for n in TOKEN_RE.findall(tokenized)]
    unknown = sorted({n for n in found if not 1 <= n <= len(ordered)})
    if unknown:
        raise TokenError(f"标记 {'、'.join(token(n) for n in unknown)} 不存在，请不要自行添加标记。")
    counts = Counter(found)  # found.count(n) per token was quadratic in a body of pasted tokens
    repeated = sorted(n for n, count in counts.items() if count > 1)
    if repeated:
        raise TokenError(f"标记 {'、'.join(token(n) for n in repeated)} 出现了多次，每个待填项只能出现一次。")
    missing = [n for n in range(1, len(ordered) + 1) if n not in counts]
    if missing:
        raise TokenError(
            f"待填项标记 {'、'.join(token(n) for n in missing)} 被删除了。"
            "请保留标记；不需要的待填项可以填写后再删改文字。"
        )
    out, offsets, pos, length = [], {}, 0, 0
    for match in TOKEN_RE.finditer(tokenized):
        chunk = tokenized[pos : match.start()]
        out.append(chunk)
        length += len(chunk)
        index = int(match.group(1)) - 1
        offsets[index] = length
        raw = ordered[index].raw
        out.append(raw)
        length += len(raw)
        pos = match.end()
    out.append(tokenized[pos:])
    return "".join(out), offsets


def render_tokens(tokenized: str, placeholders: Sequence[Any], value_of: Callable[[Any], str]) -> str:
    """The tokenized text with each token replaced by ``value_of(placeholder)``."""
    ordered = sorted(placeholders, key=lambda p: p.order)

    def replace(match):
        index = int(match.group(1)) - 1
        return value_of(ordered[index]) if 0 <= index < len(ordered) else match.group(0)

    return TOKEN_RE.sub(replace, tokenized)
