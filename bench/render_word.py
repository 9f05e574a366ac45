"""Render the Word report as a reader sees it: LibreOffice to PDF, then PNG pages.

Run on demand, not in the test suite (LibreOffice is slow to install):
``python bench/render_word.py [OUT_DIR]``.  Installs Debian's
``libreoffice-writer-nogui``, ``poppler-utils`` and ``fonts-liberation2``
with apt-get when they are missing.  Writes, for each language, the
sample report of Chiêm Hóa (``bench/_sample_report.py``: the bundled
data's figures, readings and table) as ``chiem-hoa_<lang>.docx``, its PDF
and one PNG per page (``chiem-hoa_<lang>-<n>.png``), and prints the page
count, the fonts the PDF embeds and the time each step took.  Look at the
pages: the header block, the captions, the tables and the page numbers
are what the tests cannot see.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: LibreOffice's Writer (soffice alone may be Calc only), pdftoppm and pdffonts, and Liberation
#: Serif, metric-compatible with Times New Roman, which Debian does not ship.
_PACKAGES = ("libreoffice-writer-nogui", "poppler-utils", "fonts-liberation2")


def _installed(package: str) -> bool:
    if shutil.which("dpkg-query") is None:
        return False
    probe = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return probe.returncode == 0 and probe.stdout == "install ok installed"


def _install_missing() -> None:
    missing = [pkg for pkg in _PACKAGES if not _installed(pkg)]
    if not missing:
        return
    print(f"installing {', '.join(missing)} …", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True)


def _timed(argv: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - start


def render(docx: Path, out: Path) -> tuple[Path, list[Path], dict[str, float]]:
    """``docx`` as a PDF and PNG pages in ``out``; returns them and the seconds each step took."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        argv = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx)]
        to_pdf = _timed(argv)
    pdf = out / f"{docx.stem}.pdf"
    to_png = _timed(["pdftoppm", "-png", "-r", "70", str(pdf), str(out / docx.stem)])
    pages = sorted(out.glob(f"{docx.stem}-*.png"))
    return pdf, pages, {"pdf": to_pdf, "png": to_png}


def main(out_dir: str | None = None) -> dict[str, list[Path]]:
    from helpers import config, word
    from helpers.read import read_reports

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench._sample_report import sample_document

    _install_missing()
    out = Path(out_dir or tempfile.mkdtemp(prefix="render-word-"))
    out.mkdir(parents=True, exist_ok=True)
    reports = read_reports(config.RAW_DATA_DIR)
    shown: dict[str, list[Path]] = {}
    for lang in ("vi", "en"):
        start = time.perf_counter()
        doc = sample_document(out / f"figures-{lang}", lang=lang, reports=reports)
        path = word.write_docx(doc, out / f"chiem-hoa_{lang}.docx")
        written = time.perf_counter() - start
        pdf, pages, seconds = render(path, out)
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        names = sorted({line.split()[0].split("+")[-1] for line in fonts if line.strip()})
        print(f"{lang}: {len(pages)} pages; fonts {', '.join(names)}; "
              f"figures and docx {written:.1f} s, PDF {seconds['pdf']:.1f} s, PNG {seconds['png']:.1f} s")  # fmt: skip
        for page in pages:
            print(f"  {page}")
        shown[lang] = pages
    return shown


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
