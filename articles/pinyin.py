"""Toneless pinyin as pypinyin's `lazy_pinyin` reads it, without pypinyin in this process.

pypinyin keeps its phrase dictionary as nested Python lists and trains a prefix table on it when
imported: about 57 MB, in every web worker that reads a name as pinyin (suggestions, did you
mean, slugs). Only its readings are needed, so a child process imports pypinyin once, reads every
character and every phrase of its dictionaries with `lazy_pinyin`, and hands back two tables:
each character's reading, and the phrases, with a reading only where a phrase is not read
character by character (重庆 chong qing; about 3,400 of 47,000). This process then holds about a
sixth of the memory (see `tables`). A run of characters is cut into the longest phrases from the
left, as pypinyin's segmenter cuts it, so the readings are pypinyin's (tested on place names and
article text).

gunicorn's master loads the tables before forking (config/gunicorn.conf.py), so workers share
them and never start the child.
"""

import array
import base64
import json
import re
import subprocess
import sys
import threading
from pathlib import Path

# The project folder, so the child process can import this module.
_ROOT = Path(__file__).resolve().parents[1]
_CHILD = "import sys; sys.path.insert(0, sys.argv[1]); from articles.pinyin import _dump; _dump()"

_lock = threading.Lock()
_tables = None


def _compute():
    """The tables from pypinyin itself, in a form this process reads without making an object
    per entry: {"first": lowest code point, "syllables": [...], "ids": base64 of an array of
    syllable numbers (1-based, 0 none) by code point from "first", "phrases": "phrase<TAB>syllables
    joined by spaces, empty when read character by character<LF>..."}."""
    from pypinyin import lazy_pinyin
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS

    chars = {chr(code): None for code in PINYIN_DICT if RE_HANS.match(chr(code))}
    for char in chars:
        chars[char] = lazy_pinyin(char)[0]
    names = sorted(set(chars.values()))
    number = {name: i + 1 for i, name in enumerate(names)}
    first = min(map(ord, chars))
    ids = array.array("H", bytes(2 * (max(map(ord, chars)) - first + 1)))
    for char, read in chars.items():
        ids[ord(char) - first] = number[read]
    lines = []
    for phrase in PHRASES_DICT:
        read = lazy_pinyin(phrase)
        default = [chars.get(char, char) for char in phrase]
        lines.append(f"{phrase}\t{' '.join(read) if read != default else ''}\n")
    return {
        "first": first,
        "syllables": names,
        "ids": base64.b64encode(ids.tobytes()).decode("ascii"),
        "phrases": "".join(lines),
    }


def _dump():
    """The child's side: the tables as JSON on stdout."""
    sys.stdout.write(json.dumps(_compute(), ensure_ascii=False))


def _load():
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(_ROOT)],
            capture_output=True,
            check=True,
            timeout=120,
        )
        data = json.loads(done.stdout.decode("utf-8"))
        del done
    except (OSError, subprocess.SubprocessError, ValueError):
        # No child process possible here: read pypinyin in this process (the same readings).
        data = _compute()
    return _Tables(data)


_PHRASE_LINE = re.compile(r"([^\t\n]+)\t([^\n]*)\n")


class _Tables:
    """Characters' readings as an array over their code points (a few hundred kB, where a dict
    of 42,000 characters takes several MB), the phrases as a dict."""

    def __init__(self, data):
        self.first = data["first"]
        self.syllables = ("", *data["syllables"])
        self.ids = array.array("H")
        self.ids.frombytes(base64.b64decode(data["ids"]))
        # One string object per syllable, however many phrases share it.
        known = {s: s for s in self.syllables}
        self.phrases = {}
        for m in _PHRASE_LINE.finditer(data["phrases"]):
            read = m.group(2)
            self.phrases[m.group(1)] = tuple(known.setdefault(s, s) for s in read.split()) if read else None
        self.longest = max(map(len, self.phrases), default=1)

    def char(self, char):
        """The character's syllable, or "" when it has none."""
        at = ord(char) - self.first
        return self.syllables[self.ids[at]] if 0 <= at < len(self.ids) else ""


def tables():
    """The reading tables (_Tables), loaded once a process."""
    global _tables
    if _tables is None:
        with _lock:
            if _tables is None:
                _tables = _load()
    return _tables


def lazy_pinyin(text):
    """pypinyin.lazy_pinyin(text): a toneless syllable per Chinese character (ü as v), every run
    of other characters kept whole."""
    found = tables()
    phrases, longest = found.phrases, found.longest
    out, other = [], []
    i = 0
    while i < len(text):
        read = found.char(text[i])
        if not read:
            other.append(text[i])
            i += 1
            continue
        if other:
            out.append("".join(other))
            other = []
        for n in range(min(longest, len(text) - i), 1, -1):
            piece = text[i : i + n]
            if piece in phrases:
                read = phrases[piece]
                out.extend(read if read is not None else (found.char(c) or c for c in piece))
                i += n
                break
        else:
            out.append(read)
            i += 1
    if other:
        out.append("".join(other))
    return out
