#!/usr/bin/env python3
"""Kept for scripts that still call it: prints a stage's table (and writes its charts) with bench/report.py.

    bench/table.py docs/src/docs/asciidoc/results/stage02-resp-parser.csv > .../_stage02-resp-parser.adoc
"""
import sys
from pathlib import Path

sys.dont_write_bytecode = True
import report  # noqa: E402

if __name__ == "__main__":
    csv_path = Path(sys.argv[1])
    files = report.stage_files(csv_path.parent, csv_path.stem)
    report.write(csv_path.parent, {name: text for name, text in files.items() if not name.startswith("_")})
    sys.stdout.write(files[f"_{csv_path.stem}.adoc"])
