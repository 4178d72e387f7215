"""Compile the papers' translation catalogues (resources/translations/*/LC_MESSAGES/
papers.po) to the .mo files the app reads, with Babel: ``make translations``. The .mo
files are committed; a test fails when one no longer matches its .po."""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1] / "resources" / "translations"


def compiled(po: Path) -> bytes:
    with po.open("rb") as f:
        catalogue = read_po(f)
    out = BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def main() -> int:
    for po in sorted(ROOT.glob("*/LC_MESSAGES/*.po")):
        po.with_suffix(".mo").write_bytes(compiled(po))
        print(po.with_suffix(".mo").relative_to(ROOT.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
