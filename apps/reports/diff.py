"""Character-level diff: Chinese has no spaces, so words are no unit; a change from XX to 120 is exactly that."""

from difflib import SequenceMatcher


def char_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Return [(op, text)] with op in "equal", "delete", "insert", covering both texts in order."""
    out: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("equal", old[i1:i2]))
        else:
            if i2 > i1:
                out.append(("delete", old[i1:i2]))
            if j2 > j1:
                out.append(("insert", new[j1:j2]))
    return out
