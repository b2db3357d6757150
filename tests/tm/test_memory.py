"""The translation memory: exact pairs first, else the most similar reviewed text."""

from __future__ import annotations

import subprocess
import sys

from bulletin_i18n.tm.memory import Memory


def test_a_similar_text_is_found_and_an_empty_memory_finds_nothing():
    memory = Memory()
    assert memory.lookup("Regional dialogue boosts cooperation") is None
    memory.add("Regional dialogue boosts cooperation", "El diálogo regional impulsa la cooperación", "a.po")
    hit = memory.lookup("Regional dialogue boosts cooperation.")
    assert hit is not None and not hit.exact and hit.msgstr == "El diálogo regional impulsa la cooperación"
    assert memory.lookup("Regional dialogue boosts cooperation").exact


def test_an_empty_memory_does_not_read_the_fuzzy_matcher():
    """A project with nothing translated yet (an archive just taken in) looks up
    every new text: rapidfuzz (about 10 ms to import) is not read for it."""
    script = ("import sys\nfrom bulletin_i18n.tm.memory import Memory\n"
              "print(Memory().lookup('Some text'), 'rapidfuzz' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["None", "False"]
