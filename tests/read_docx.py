"""Reads a .docx with python-docx, a reader independent of the writer, and
prints what tests/cli.rs checks as one JSON object: every paragraph with its
style name and text, and each run's text and whether it is set in italics.

Usage: python3 tests/read_docx.py FILE.docx
Exits 3 when python-docx is not installed, so the test can skip.
"""

import json
import sys

try:
    import docx
except ImportError:
    sys.exit(3)


def main(path):
    document = docx.Document(path)
    paragraphs = [
        {
            "style": p.style.name if p.style is not None else None,
            "text": p.text,
            "runs": [{"text": r.text, "italic": bool(r.italic)} for r in p.runs],
        }
        for p in document.paragraphs
    ]
    json.dump({"paragraphs": paragraphs}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
