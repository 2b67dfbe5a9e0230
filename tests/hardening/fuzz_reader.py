"""Mutate a valid workbook for a few seconds; the reader must read it or raise our error.

Run as a script (the test does, in a child process) because a Rust abort inside calamine
would take the whole test run down with it: ``python fuzz_reader.py WORKBOOK SEED SECONDS``.
Prints one line ``ok N`` or ``bad <seed> <mutation> <exception>`` and saves the bad input.
"""

from __future__ import annotations

import io
import random
import sys
import time
import zipfile
from pathlib import Path

from xltools.errors import UnreadableWorkbookError
from xltools.io.read import read_workbook


def mutate_bytes(data: bytes, rnd: random.Random) -> bytes:
    """Flip, drop or duplicate a few bytes anywhere in the file (mostly breaks the zip)."""
    out = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        at = rnd.randrange(len(out))
        choice = rnd.random()
        if choice < 0.6:
            out[at] = rnd.randrange(256)
        elif choice < 0.8:
            del out[at: at + rnd.randint(1, 64)]
        else:
            out[at:at] = out[at: at + rnd.randint(1, 64)]
    return bytes(out)


def mutate_part(data: bytes, rnd: random.Random) -> bytes:
    """Mutate the XML inside one zip member and re-zip with correct CRCs (reaches the parsers)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in source.namelist() if n.endswith(".xml")]
    target_name = rnd.choice(names)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == target_name:
                part = mutate_bytes(part, rnd)
                if rnd.random() < 0.3:  # swap a number for a huge one: sizes, rows, indexes
                    part = part.replace(b'r="A2"', b'r="A1048576"').replace(b'"1"', b'"999999999"', 1)
            target.writestr(info, part)
    return buffer.getvalue()


def main() -> None:
    source, seed, seconds = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    original = source.read_bytes()
    rnd = random.Random(seed)
    work = source.parent / "fuzzed.xlsx"
    deadline, count = time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        kind = "part" if rnd.random() < 0.7 else "bytes"
        case_seed = rnd.randrange(2**32)
        case = random.Random(case_seed)
        work.write_bytes(mutate_part(original, case) if kind == "part" else mutate_bytes(original, case))
        try:
            read_workbook(work)
        except UnreadableWorkbookError:
            pass
        except Exception as error:
            kept = source.parent / f"bad-{case_seed}.xlsx"
            work.rename(kept)
            print(f"bad {case_seed} {kind} {type(error).__name__}: {error} ({kept})")
            return
        count += 1
    print(f"ok {count}")


if __name__ == "__main__":
    main()
