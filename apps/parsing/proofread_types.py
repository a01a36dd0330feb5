"""The data :mod:`apps.parsing.proofread` returns: suggestion kinds, :class:`Suggestion`, :class:`Profile`.

Pure Python, no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

KIND_CONVERTER = "converter"
KIND_HALFWIDTH = "halfwidth"
KIND_UNPAIRED = "unpaired"
KIND_PERCENT = "percent"
KIND_DOUBLED = "doubled"
KIND_SPACE = "space"
KIND_GLUED = "glued"
PROOF_KINDS = (KIND_CONVERTER, KIND_HALFWIDTH, KIND_UNPAIRED, KIND_PERCENT, KIND_DOUBLED, KIND_SPACE, KIND_GLUED)
KIND_LABELS = {
    KIND_CONVERTER: "疑似格式转换错词",
    KIND_HALFWIDTH: "中文中的半角标点",
    KIND_UNPAIRED: "标点不成对",
    KIND_PERCENT: "百分号全角半角混用",
    KIND_DOUBLED: "重复字词",
    KIND_SPACE: "中文中的多余空格",
    KIND_GLUED: "待填项与数字相连",
}


HAN = "\u4e00-\u9fff"
CLAUSE_END = "，,。；;：:！？!?\n"


@dataclass(frozen=True)
class Suggestion:
    """One proposed correction of ``text[start:end]`` (``original``).

    ``replacement`` is ``None`` when the slip is only flagged (no correction can be proposed
    safely, e.g. an opening quote whose end the sentence does not make clear).
    """

    original: str
    replacement: str | None
    kind: str
    reason: str
    start: int
    end: int
    confidence: float

    def to_dict(self) -> dict:
        return {
            "original": self.original,
            "replacement": self.replacement,
            "kind": self.kind,
            "reason": self.reason,
            "start": self.start,
            "end": self.end,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Profile:
    """What the whole document says about how to read one of its parts."""

    converted: bool = False
    signs: int = 0
    # The percent sign most of the document uses, or None when it uses only one (or none).
    percent_majority: str | None = None
