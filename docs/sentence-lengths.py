#!/usr/bin/env python3
"""Sentence lengths of the course's prose, to keep chapters readable.

    docs/sentence-lengths.py                       every page: sentences, median and longest length in words
    docs/sentence-lengths.py stage08-step10-snapshots   one page (its name or its path), with its sentences of more
                                                        than 40 words

Only prose counts: code and literal blocks, tables, attribute lines, includes, images, block titles and headings are
left out, inline code counts as one word, and a list item ends a sentence even without a full stop.
"""
import re
import statistics
import sys
from pathlib import Path

PAGES = Path(__file__).resolve().parent / "src" / "docs" / "asciidoc"
LONG = 40
DELIMITERS = re.compile(r"^(-{4,}|\.{4,}|={4,}|\+{4,}|_{4,}|\*{4,}|\|===|,===|:===)\s*$")


def prose(text):
    """The page's prose paragraphs (list items as paragraphs of their own)."""
    paragraphs, current, fence = [], [], None
    for line in text.splitlines():
        stripped = line.strip()
        if fence:
            if stripped == fence:
                fence = None
            continue
        match = DELIMITERS.match(stripped)
        # Example blocks (====) hold prose (hints, answers); every other delimited block is code, a table or a quote.
        if match and not stripped.startswith("===="):
            fence = stripped
            continue
        skip = (not stripped or stripped.startswith(("//", ":", "include::", "image::", "[", "=", "toc::"))
                or re.match(r"^\.[A-Za-z`*_\"']", stripped) or stripped in ("+", "====") or stripped.startswith("<"))
        item = re.match(r"^(\*+|\.+|-)\s+(.*)", stripped)
        if skip or item:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            if item:
                current.append(item.group(2))
            continue
        current.append(stripped)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def sentences(paragraph):
    text = re.sub(r"`[^`]*`", "CODE", paragraph)              # inline code is one word
    text = re.sub(r"(xref|link|https?):\S*?\[([^\]]*)\]", r"\2", text)
    text = re.sub(r"<<[^,>]*,?([^>]*)>>", r"\1", text)
    text = re.sub(r"\b(e\.g|i\.e|etc|vs|cf)\.", r"\1", text)
    parts = re.split(r"(?<=[.!?])[\"')\]*_]*\s+(?=[A-Z0-9\"'(`*_])", text)
    return [p for p in (s.strip() for s in parts) if re.search(r"[A-Za-z]", p)]


def words(sentence):
    return len(re.findall(r"[\w'’%.,-]+", sentence))


def measure(page):
    lengths = []
    long = []
    for paragraph in prose(page.read_text(encoding="utf-8")):
        for sentence in sentences(paragraph):
            n = words(sentence)
            lengths.append(n)
            if n > LONG:
                long.append((n, sentence))
    return lengths, long


def main():
    names = sys.argv[1:]
    # a page by its name (stage08-step10-snapshots) or by its path
    pages = [PAGES / f"{Path(n).name.removesuffix('.adoc')}.adoc" for n in names] if names else sorted(PAGES.glob("*.adoc"))
    print(f"{'page':28} {'sentences':>9} {'median':>6} {'longest':>7} {'>' + str(LONG) + ' words':>9}")
    for page in pages:
        lengths, long = measure(page)
        if not lengths:
            continue
        print(f"{page.stem:28} {len(lengths):9} {statistics.median(lengths):6.1f} {max(lengths):7} {len(long):9}")
        if names:
            for n, sentence in long:
                print(f"    {n:3}: {sentence[:160]}{'...' if len(sentence) > 160 else ''}")


if __name__ == "__main__":
    main()
