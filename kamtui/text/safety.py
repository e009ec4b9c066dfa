"""Making user text safe to show in a terminal.

A TOML string may legally hold ``"\\u001b[2J"`` (clear screen), OSC 8 links or OSC 52 clipboard
writes, and bidi overrides that make text read differently than it is. None of that may reach
the terminal raw: every control character becomes a visible placeholder at the display
boundary. (Markup is a separate concern, handled by the TUI: data is never parsed as markup.)

Invisible characters (zero-width space, joiners, the soft hyphen, a byte-order mark inside a
name: Unicode's format characters) are shown by their code, ``Ac⟨U+200B⟩me``: two names that
look the same must look different when they are, and a terminal that draws one of them with a
width (a soft hyphen as ``-``) must not push the columns of a table out of line.
"""

from __future__ import annotations

import re

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLE = (
    "\u00ad\u180e\u200b-\u200d\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
"""The format characters (Unicode category Cf) that draw nothing, bidi controls aside, as a
regular-expression class. The other format characters (U+0600 ARABIC NUMBER SIGN…) draw a
sign."""
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}{INVISIBLE}]")
_CONTROL_WITH_LAYOUT = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}{INVISIBLE}]")
_HIDDEN = re.compile(f"[{BIDI}{INVISIBLE}]")
REPLACEMENT = "\ufffd"


def _picture(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (␛ for ESC)
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F or ch in BIDI:
        return REPLACEMENT
    return f"⟨U+{code:04X}⟩"  # an invisible character, by its code


def invisible_characters(text: str) -> list[str]:
    """The characters of *text* that draw nothing (:data:`INVISIBLE`, bidi controls too), each
    once, in the order they first come."""
    if text.isprintable():
        return []
    return list(dict.fromkeys(_HIDDEN.findall(text)))


def printable(text: str, *, multiline: bool = False) -> str:
    """*text* with control characters replaced by visible placeholders.

    With ``multiline=True`` newlines and tabs are kept; otherwise they become placeholders too
    (a table cell or a title is one line).
    """
    if text.isprintable():  # the usual case: no control, format or bidi characters at all
        return text
    pattern = _CONTROL if multiline else _CONTROL_WITH_LAYOUT
    if multiline and "\r" in text:
        text = text.replace("\r\n", "\n")
    return pattern.sub(_picture, text)


def one_line(text: str) -> str:
    """A single-line rendering: line breaks become `` ⏎ `` and controls become placeholders."""
    if text.isprintable():
        return text
    if "\n" in text or "\r" in text:
        text = " ⏎ ".join(part.strip() for part in text.replace("\r\n", "\n").split("\n"))
    return printable(text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""What makes a spreadsheet read a cell as a formula (with their full-width forms)."""
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d,.' ]*)?\d(?:[eE][+-]?\d+)?%?")


def spreadsheet_cell(text: str, *, raw: bool = False) -> str:
    """A CSV text cell that a spreadsheet will show, never run, and that holds no control
    character. A cell that would start a formula (``=``, ``+``, ``-``, ``@``, tab, CR, even
    after spaces) gets a leading ``'`` (the OWASP rule for CSV injection); a plain number
    (``-12``, ``+3.5``) stays as it is. *raw*: only the control characters are replaced (for
    scripts that read the CSV themselves)."""
    cell = one_line(text)
    if raw or not cell.lstrip(" ").startswith(_FORMULA_START):
        return cell
    if _PLAIN_NUMBER.fullmatch(cell.strip()):
        return cell
    return "'" + cell
