"""The benchmark results as the report reads them: the CSV files of bench/run.sh, a row per round of a stage's
matrix, merged into one Result per matrix line; the stages and steps they belong to; the small helpers that every
table and chart shares. bench/report.py and bench/chapters.py draw from it; it imports neither.
"""
import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "src" / "docs" / "asciidoc" / "results"

MEASURES = ("rps", "avg_ms", "p50_ms", "p99_ms", "max_ms", "p999_ms")


# --- Data -----------------------------------------------------------------------------------------------------------

def read_rows(path):
    with open(path, newline="") as f:
        return normalize(list(csv.DictReader(f)))


def normalize(rows):
    """Types and defaults, for rows read from a CSV file (of any age: the first ones had no round) or made by
    bench.py."""
    for row in rows:
        row["clients"], row["pipeline"] = int(row["clients"]), int(row["pipeline"])
        row["round"] = int(row.get("round") or 1)
        for field in ("options", "note", "beside"):
            row[field] = row.get(field) or ""
        row["ours"] = row["server"] != "redis-server"
    return rows


def is_stage_csv(path):
    """A stage's benchmark CSV (bench/run.sh), as opposed to a JMH run or a chapter's own measurement."""
    with open(path, newline="") as f:
        header = f.readline().strip().split(",")
    return {"stage", "server", "variant", "rps"} <= set(header)


def stage_csvs(results):
    return sorted(p for p in results.glob("stage*.csv") if is_stage_csv(p))


STEP = re.compile(r"stage(\d\d)-step(\d\d)-(.+)")


def reactor_stages():
    """The stage modules of the reactor, in order (the overview lists a stage even before it is measured), a step
    by the name its results have: stage08-final/steps/01-event-loop is stage08-step01-event-loop."""
    pom = (ROOT / "pom.xml").read_text()
    names = []
    for module in re.findall(r"<module>(stage\d\d[^<]*)</module>", pom):
        step = re.fullmatch(r"(stage\d\d)-[^/]+/steps/(\d\d-.+)", module)
        names.append(f"{step.group(1)}-step{step.group(2)}" if step else module)
    return names


def steps_on_disk():
    """Every step of a stage, by the name its results have, in the reactor or not yet: each folder
    stageNN-*/steps/MM-name with a pom.xml (bench/run.sh builds one outside the reactor with -f)."""
    return sorted(f"{p.parent.parent.parent.name[:7]}-step{p.parent.name}"
                  for p in ROOT.glob("stage[0-9][0-9]-*/steps/[0-9][0-9]-*/pom.xml"))


def run_id(stage):
    """What bench/run.sh takes to measure a stage: 07, or 08.01 for a step."""
    step = STEP.fullmatch(stage)
    return f"{step.group(1)}.{step.group(2)}" if step else stage[5:7]


def predecessor(stage, measured):
    """The measured stage whose numbers a stage's are compared with: the last one before it, steps aside; for a step,
    the step before it, and for step 01 the last stage before its own."""
    step = STEP.fullmatch(stage)
    if step and int(step.group(2)) > 1:
        wanted = f"stage{step.group(1)}-step{int(step.group(2)) - 1:02d}-"
        return next((s for s in measured if s.startswith(wanted)), None)
    earlier = sorted(s for s in measured if not STEP.fullmatch(s)
                     and (s[5:7] < step.group(1) if step else s < stage))
    return earlier[-1] if earlier else None


def ok(row):
    return row is not None and row["status"] == "ok" and row.get("rps")


def rate(row):
    if row is None:
        return "not run"
    return f"{float(row['rps']):,.0f}" if ok(row) else row["status"]


def ratio(ours, redis):
    if ok(ours) and ok(redis) and float(redis["rps"]) > 0:
        return float(ours["rps"]) / float(redis["rps"])
    return None


def median_low(values):
    """The middle value, or the lower of the two middle ones: always one that was measured."""
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def merge(rounds):
    """One row from a line's rows over the rounds: each measure its median (the row's own text, not reformatted). A
    line that was not "ok" in some round shows that round's status, and in how many rounds it was so."""
    rounds = [r for r in rounds if r is not None]
    if not rounds:
        return None
    bad = [r for r in rounds if not ok(r)]
    if bad:
        row = dict(bad[0])
        if len(bad) < len(rounds):
            row["note"] = (row["note"] + "; " if row["note"] else "") + f"in {len(bad)} of {len(rounds)} rounds"
        return row
    row = dict(rounds[0])
    for field in MEASURES:
        measured = [r for r in rounds if r.get(field)]
        if measured:
            row[field] = sorted(measured, key=lambda r: float(r[field]))[(len(measured) - 1) // 2][field]
    row["note"] = next((r["note"] for r in rounds if r["note"]), "")
    return row


class Result:
    """One test of one matrix line over its rounds: ours and redis-server's medians, and each round's ratio."""

    def __init__(self, key):
        self.key = key      # (variant, test, clients, pipeline, options, beside)
        self.ours_rounds, self.redis_rounds = {}, {}

    def finish(self):
        self.ours = merge(self.ours_rounds.values())
        self.redis = merge(self.redis_rounds.values())
        self.ratios = [r for r in (ratio(self.ours_rounds.get(n), self.redis_rounds.get(n))
                                   for n in sorted(self.ours_rounds)) if r is not None]
        self.ratio = median_low(self.ratios) if self.ratios else None
        return self

    def rounds(self):
        return max(len(self.ours_rounds), len(self.redis_rounds))

    def values(self, side, field):
        """A measure's value in each round that was "ok", for one side ("ours" or "redis")."""
        rows = self.ours_rounds if side == "ours" else self.redis_rounds
        return [float(r[field]) for _, r in sorted(rows.items()) if ok(r) and r.get(field)]

    def spread(self, side, field):
        """Half the range of a measure over the rounds, as a fraction of its median (0 with one round)."""
        values = self.values(side, field)
        if len(values) < 2 or median_low(values) == 0:
            return 0.0
        return (max(values) - min(values)) / 2 / median_low(values)


def results(rows):
    """[Result] in the order the lines ran. Within a round, redis-server's row belongs to the ours row of the same
    line: the newest one with the same variant, test, clients, pipeline and load beside, without a partner."""
    order, found = [], {}
    for round_ in sorted({r["round"] for r in rows}):
        latest = []
        for row in (r for r in rows if r["round"] == round_):
            base = (row["variant"], row["test"], row["clients"], row["pipeline"])
            if row["ours"]:
                key = base + (row["options"], row["beside"])
                latest.append(key)
            else:
                key = next((k for k in reversed(latest) if k[:4] == base and k[5] == row["beside"]
                            and round_ not in found[k].redis_rounds), base + ("", row["beside"]))
            if key not in found:
                found[key] = Result(key)
                order.append(key)
            (found[key].ours_rounds if row["ours"] else found[key].redis_rounds)[round_] = row
    return [found[k].finish() for k in order]


def chapter_link(stage, suffix=""):
    """A link to the stage's chapter, titled, if the site has that chapter (attribute chapter-<stage>, which the
    site build defines from the chapters it finds), else the stage's name: so that this file depends on the CSV
    files only."""
    return (f"ifdef::chapter-{stage}[xref:{stage}.adoc[{{chapter-{stage}}}]{suffix}]\n"
            f"ifndef::chapter-{stage}[{stage}{suffix}]")


def short(test):
    return {"PING_MBULK": "PING", "PING_INLINE": "PING (inline)"}.get(test, test)


def metric(row, field):
    if row is None:
        return "not run"
    if ok(row) and row.get(field):
        return float(row[field])
    return row["status"]


def escape_adoc(text):
    """Literal text in AsciiDoc: special characters escaped, no formatting, attributes or replacements."""
    return "pass:c[" + text.replace("]", "\\]") + "]"


def reply_note(note):
    """A probe's note, with the bytes the server answered in monospace."""
    if note.startswith("answered ") and "+" not in note:
        return f"answered `+{note.removeprefix('answered ')}+`"
    return escape_adoc(note)


def machine_text(results_dir, name):
    path = results_dir / name
    return path.read_text().strip() if path.exists() else ""


def placeholder_warning(machine):
    """A warning for figures that a smoke run wrote in place of a measurement (its machine file says so)."""
    if "PLACEHOLDER" not in machine:
        return ""
    return ("WARNING: Placeholder figures from a smoke run on a busy machine, not a measurement: they only show "
            "the shape of the table and the chart. The commands in this section replace them.\n\n")
