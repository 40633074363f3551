#!/usr/bin/env python3
"""Writes the steps of stage 8 from the final server's marked sources, or checks that they are up to date.

Stage 8 is taught in ordered steps, each a complete server in stage08-final/steps/NN-name/, each adding one idea to
the step before. They are not edited by hand: they are cut from one source of truth, so that a fix is made once.

    stage08-final/src/                 the final server (the last step), its lines marked with the step that brings them
    stage08-final/steps/retired/src/   files that only earlier steps have (stage 7's code on its way out)
    stage08-final/steps/steps.txt      the steps in order: number, folder name, title
    stage08-final/steps/pom.xml.in     each step's pom, with @STEP@, @NAME@ and @TITLE@ filled in, and @OWN_TESTS@
                                       with the test classes the step adds or changes (its own group of tests)

Markers (Java line comments, on lines of their own):

    // @step 04                        first lines of a file: the file exists from step 04 on
    // @step 01-03                     ... or only in steps 01 to 03
    //> step 07 transactions           the lines up to the matching //< exist from step 07 on
    //< step 07
    //> step 01-03                     lines that exist only in steps 01 to 03: written //~ and then the line,
    //~        old code();             so that they are comments in every later step
    //< step 01-03

A line is in a step when every range around it (the file's and the blocks') holds the step. In a written step the
markers are gone and "//~" is taken off. Files that are not Java are in every step unless steps/files.txt gives them
a range ("path range", one a line); a .tsv table may have blocks too, marked "#> step", "#< step" and "#~".

    python3 stage08-final/steps/steps.py            write every step
    python3 stage08-final/steps/steps.py --check    fail (exit 1) if a written step is not what the sources give
    python3 stage08-final/steps/steps.py --only 03  write (or check) step 03 alone
    python3 stage08-final/steps/steps.py --renumber 04=06,05=07
                                                    give steps new numbers: every marker in the sources, steps.txt,
                                                    files.txt and pom.xml.in, and the written steps' folders (a branch
                                                    marked before a renumbering is brought up to date the same way)
"""
import filecmp
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FINAL = os.path.dirname(HERE)
FILE_MARK = re.compile(r'^\s*// @step (\d\d)(?:-(\d\d))?\s*$')
OPEN = re.compile(r'^\s*(?://|<!--|#)> step (\d\d)(?:-(\d\d))?\b.*$')
CLOSE = re.compile(r'^\s*(?://|<!--|#)< step (\d\d)(?:-(\d\d))?\b.*$')
RETIRED = '//~'
TABLE_RETIRED = '#~'  # in a .tsv table, whose reader skips lines that start with #


def read_steps():
    steps = []
    with open(os.path.join(HERE, 'steps.txt'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                number, name, title = line.split(None, 2)
                steps.append((int(number), name, title))
    return steps


def span(match, last):
    start = int(match.group(1))
    end = int(match.group(2)) if match.group(2) else last
    return start, end


def cut(path, text, step, last, retired_prefix=True, retired=RETIRED):
    """The file's text in `step`, or None if the file is not in it."""
    lines = text.split('\n')
    ranges = []
    out = []
    cut_here = False
    for number, line in enumerate(lines, 1):
        mark = FILE_MARK.match(line)
        if mark and number <= 3:
            start, end = span(mark, last)
            if not start <= step <= end:
                return None
            continue
        opened = OPEN.match(line)
        if opened:
            ranges.append(span(opened, last))
            cut_here = True
            continue
        closed = CLOSE.match(line)
        if closed:
            if not ranges or ranges[-1] != span(closed, last):
                raise SystemExit(f'{path}:{number}: "{line.strip()}" closes no open block of the same steps')
            ranges.pop()
            cut_here = True
            continue
        inside = all(start <= step <= end for start, end in ranges)
        if retired_prefix and any(end < last for start, end in ranges):
            if not line.startswith(retired):
                raise SystemExit(f'{path}:{number}: a line of a block that ends before the last step must start '
                                 f'with "{retired}"')
            line = line[len(retired):]
        if not inside:
            cut_here = True
        elif cut_here and not line.strip() and out and not out[-1].strip():
            continue  # a blank line on each side of what was cut: keep one
        else:
            out.append(line)
            cut_here = False
    if ranges:
        raise SystemExit(f'{path}: a block opened with "//> step {ranges[-1][0]:02d}" is not closed')
    return '\n'.join(out)


def file_ranges(last):
    ranges = {}
    table = os.path.join(HERE, 'files.txt')
    if os.path.exists(table):
        with open(table, encoding='utf-8') as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith('#'):
                    path, step_range = line.split()
                    start, _, end = step_range.partition('-')
                    ranges[path] = (int(start), int(end) if end else last)
    return ranges


def sources():
    """(relative path under src/, absolute path) of every source: the final's, then the retired ones."""
    for root in (os.path.join(FINAL, 'src'), os.path.join(HERE, 'retired', 'src')):
        for folder, _, names in os.walk(root):
            for name in sorted(names):
                full = os.path.join(folder, name)
                yield os.path.relpath(full, root), full


TEST_CLASS = re.compile(r'(^|/)(Test[^/]*|[^/]*Test|[^/]*Tests|[^/]*TestCase)\.java$')  # surefire's defaults


def own_tests(step, last):
    """The test classes step `step` adds or changes: those whose text differs from the step before's."""
    own = []
    for relative, full in sources():
        if not relative.startswith('test/java/') or not TEST_CLASS.search(relative):
            continue
        with open(full, encoding='utf-8') as f:
            text = f.read()
        here = cut(full, text, step, last)
        if here is not None and (step == 1 or here != cut(full, text, step - 1, last)):
            own.append(relative[len('test/java/'):])
    return sorted(own)


def write_step(out, step, name, title, last, ranges):
    written = {}
    for relative, full in sources():
        if relative.startswith('build') or relative.startswith('jmh'):
            continue  # the final's own build scripts and benchmarks
        with open(full, encoding='utf-8') as f:
            text = f.read()
        if relative.endswith('.java'):
            if not any(FILE_MARK.match(line) for line in text.split('\n')[:3]):
                raise SystemExit(f'{full}: no "// @step NN" in its first lines: say which step brings it')
            text = cut(full, text, step, last)
            if text is None:
                continue
        else:
            start, end = ranges.get(relative, (1, last))
            if not start <= step <= end:
                continue
            if relative.endswith('.tsv'):
                text = cut(full, text, step, last, retired=TABLE_RETIRED)
        if relative in written:
            raise SystemExit(f'{relative} is in step {step:02d} twice: {written[relative]} and {full}')
        written[relative] = full
        target = os.path.join(out, 'src', relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, 'w', encoding='utf-8') as f:
            f.write(text)
    with open(os.path.join(HERE, 'pom.xml.in'), encoding='utf-8') as f:
        pom = cut('pom.xml.in', f.read(), step, last, retired_prefix=False)
    with open(os.path.join(out, 'pom.xml'), 'w', encoding='utf-8') as f:
        includes = ''.join(f'\n                  <include>{test}</include>' for test in own_tests(step, last))
        f.write(pom.replace('@STEP@', f'{step:02d}').replace('@NAME@', name).replace('@TITLE@', title)
                .replace('@OWN_TESTS@', includes))


MARKER_NUMBERS = re.compile(r'^(\s*(?://|<!--|#)(?: @|[<>] )step )(\d\d)(?:-(\d\d))?')


def renumber(mapping):
    """Gives steps new numbers ({old: new}, all at once): markers, the tables, the written folders."""
    def number(old):
        return f'{mapping.get(int(old), int(old)):02d}'

    def last(old):
        # A range's end is "the step before the one that replaces it": it follows that step, so that a step put
        # between them keeps the old version (01-19 becomes 01-20 when 20 moves to 21)
        successor = int(old) + 1
        return f'{mapping.get(successor, successor) - 1:02d}'

    def marker(match):
        end = f'-{last(match.group(3))}' if match.group(3) else ''
        return match.group(1) + number(match.group(2)) + end

    texts = [os.path.join(HERE, 'pom.xml.in')]
    for root in (os.path.join(FINAL, 'src'), os.path.join(HERE, 'retired', 'src')):
        for folder, _, names in os.walk(root):
            texts += [os.path.join(folder, name) for name in names if name.endswith(('.java', '.tsv'))]
    for path in texts:
        with open(path, encoding='utf-8') as f:
            text = f.read()
        changed = '\n'.join(MARKER_NUMBERS.sub(marker, line) for line in text.split('\n'))
        if changed != text:
            with open(path, 'w', encoding='utf-8') as f:
                f.write(changed)
    for table, column in (('steps.txt', 0), ('files.txt', 1)):
        path = os.path.join(HERE, table)
        if not os.path.exists(path):
            continue
        with open(path, encoding='utf-8') as f:
            lines = f.read().split('\n')
        for i, line in enumerate(lines):
            fields = line.split(None, 2) if column == 0 else line.split()
            if line.strip() and not line.startswith('#'):
                fields[column] = '-'.join(number(part) for part in fields[column].split('-'))
                lines[i] = ' '.join(fields)
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines))
    moves = []
    for name in sorted(os.listdir(HERE)):
        m = re.fullmatch(r'(\d\d)-(.+)', name)
        if m and os.path.isdir(os.path.join(HERE, name)) and int(m.group(1)) in mapping:
            moves.append((name, f'{number(m.group(1))}-{m.group(2)}'))
    for old, new in moves:  # through temporary names: 04 may become 05 while 05 becomes 06
        os.rename(os.path.join(HERE, old), os.path.join(HERE, 'renumbering-' + new))
    for old, new in moves:
        os.rename(os.path.join(HERE, 'renumbering-' + new), os.path.join(HERE, new))
        print(f'{old} -> {new}')


def main():
    if '--renumber' in sys.argv[1:]:
        pairs = sys.argv[sys.argv.index('--renumber') + 1].split(',')
        renumber({int(old): int(new) for old, new in (pair.split('=') for pair in pairs)})
        return
    check = '--check' in sys.argv[1:]
    only = sys.argv[sys.argv.index('--only') + 1] if '--only' in sys.argv else None
    steps = read_steps()
    last = steps[-1][0]
    ranges = file_ranges(last)
    failures = []
    for step, name, title in steps[:-1]:  # the last step is stage08-final itself
        if only is not None and step != int(only):
            continue
        target = os.path.join(HERE, f'{step:02d}-{name}')
        if check:
            with tempfile.TemporaryDirectory() as scratch:
                write_step(scratch, step, name, title, last, ranges)
                failures += compare(scratch, target, f'{step:02d}-{name}')
        else:
            if os.path.exists(target):
                shutil.rmtree(os.path.join(target, 'src'), ignore_errors=True)
            os.makedirs(target, exist_ok=True)
            write_step(target, step, name, title, last, ranges)
            print(f'wrote {step:02d}-{name}')
    if only is None:
        for path, (text, expected) in ((ROOT_POM, root_modules(steps)), (CHECK_TABLE, check_lines(steps))):
            if check and text != expected:
                failures.append(f'{os.path.basename(path)}: its lines for the steps are not those of steps.txt')
            elif not check and text != expected:
                with open(path, 'w', encoding='utf-8') as f:
                    f.write(expected)
                print(f'wrote the steps into {os.path.basename(path)}')
    if failures:
        print('The steps are not what stage08-final/src gives; run python3 stage08-final/steps/steps.py:')
        for failure in failures:
            print('  ' + failure)
        sys.exit(1)
    if check:
        print('the steps are what stage08-final/src gives')


ROOT_POM = os.path.join(os.path.dirname(FINAL), 'pom.xml')
MODULES = re.compile(r'(    <module>stage08-final/steps/[^<]+</module>\n)+')


def root_modules(steps):
    """The root pom's module lines of the steps (every step but the last, which is stage08-final)."""
    with open(ROOT_POM, encoding='utf-8') as f:
        pom = f.read()
    lines = ''.join(f'    <module>stage08-final/steps/{n:02d}-{name}</module>\n' for n, name, _ in steps[:-1])
    return pom, MODULES.sub(lambda m: lines, pom, count=1)


CHECK_TABLE = os.path.join(os.path.dirname(FINAL), 'check.table')


def check_lines(steps):
    """check.table with a line per step (08.NN; the last is stage08-final), so that `./check 08.NN` runs the
    black-box suites up to it."""
    with open(CHECK_TABLE, encoding='utf-8') as f:
        lines = f.read().split('\n')
    kept = [line for line in lines if not re.match(r'08\.\d\d\s', line)]
    at = next(i for i, line in enumerate(kept) if re.match(r'08\s', line)) + 1
    modules = [(n, f'stage08-final/steps/{n:02d}-{name}') for n, name, _ in steps[:-1]] + [(steps[-1][0], 'stage08-final')]
    ours = [f'08.{n:02d}     {module:<41} tags=wire' for n, module in modules]
    with open(CHECK_TABLE, encoding='utf-8') as f:
        text = f.read()
    return text, '\n'.join(kept[:at] + ours + kept[at:])


def compare(expected_root, actual_root, label):
    problems = []
    for folder, _, names in os.walk(expected_root):
        for name in names:
            expected = os.path.join(folder, name)
            relative = os.path.relpath(expected, expected_root)
            actual = os.path.join(actual_root, relative)
            if not os.path.exists(actual):
                problems.append(f'{label}/{relative}: missing')
            elif not filecmp.cmp(expected, actual, shallow=False):
                problems.append(f'{label}/{relative}: differs')
    for sub in ('src',):
        for folder, _, names in os.walk(os.path.join(actual_root, sub)):
            for name in names:
                actual = os.path.join(folder, name)
                relative = os.path.relpath(actual, actual_root)
                if not os.path.exists(os.path.join(expected_root, relative)):
                    problems.append(f'{label}/{relative}: not in the sources')
    return problems


if __name__ == '__main__':
    main()
