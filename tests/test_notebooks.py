"""The notebooks: committed clean, and every one runs on the bundled data."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from helpers import build, config
from helpers.text import slug

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.rglob("*.ipynb"))
TEACHING = sorted((config.NOTEBOOKS_DIR / "teaching").glob("*.ipynb"))
SOLUTIONS = config.NOTEBOOKS_DIR / "teaching" / "solutions"


def _id(path: Path) -> str:
    return path.relative_to(config.NOTEBOOKS_DIR).as_posix()


def _read(path: Path):
    return nbformat.read(str(path), as_version=4)


class TestCommittedNotebooks:
    def test_the_expected_notebooks_exist(self):
        names = {_id(p) for p in NOTEBOOKS}
        for name in (build.DISTRICT_NOTEBOOK, build.PROVINCE_NOTEBOOK, build.FACT_CHECK_NOTEBOOK, "00_start_here.ipynb"):
            assert name in names
        assert len(TEACHING) >= 5
        assert {p.name for p in SOLUTIONS.glob("*.ipynb")} == {p.name for p in TEACHING}

    @pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
    def test_outputs_are_stripped(self, path):
        for i, cell in enumerate(_read(path).cells):
            if cell.cell_type == "code":
                assert cell.outputs == [], f"cell {i} has outputs"
                assert cell.execution_count is None, f"cell {i} has an execution count"

    @pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
    def test_title_one_parameters_cell_no_functions(self, path):
        nb = _read(path)
        assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
        tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert "\ndef " not in f"\n{code}" and "lambda" not in code
        assert nb.metadata.kernelspec.name == build.BUILD_KERNEL

    @pytest.mark.parametrize("path", TEACHING, ids=_id)
    def test_solutions_differ_only_in_answers(self, path):
        blank, solved = _read(path), _read(SOLUTIONS / path.name)
        assert len(blank.cells) == len(solved.cells)
        differing = [
            (a.source, b.source) for a, b in zip(blank.cells[1:], solved.cells[1:]) if a.source != b.source
        ]
        assert differing, "the solutions fill at least one answer"
        for a, b in differing:
            assert a.startswith("answer = ...")
            assert "answer = " in b and "answer = ..." not in b

    @pytest.mark.parametrize("path", TEACHING, ids=_id)
    def test_every_exercise_has_a_blank_and_a_check(self, path):
        from helpers.teaching import EXERCISES

        cells = [c.source for c in _read(path).cells if c.cell_type == "code"]
        checks = [s for s in cells if s.startswith("check(")]
        assert checks
        for source in checks:
            exercise = source.split('"')[1]
            assert exercise in EXERCISES
            assert cells[cells.index(source) - 1].startswith("answer = ...")


# --------------------------------------------------------------------------
# Execution (all notebooks in one parallel run, shared by the tests below)
# --------------------------------------------------------------------------


def _job(name, notebook, out, parameters, cwd):
    return {
        "name": name,
        "notebook": str(notebook),
        "executed": str(out / f"{name}.ipynb"),
        "parameters": parameters,
        "html": None,
        "title": name,
        "cwd": str(cwd),
    }


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every notebook executed once on the bundled data: name -> notebook."""
    out = tmp_path_factory.mktemp("executed")
    figures = out / "figures"
    nbdir = config.NOTEBOOKS_DIR
    common = {"figures_dir": str(figures)}
    jobs = [
        _job("start", nbdir / "00_start_here.ipynb", out, {"lang": "vi"}, nbdir),
        _job("district-vi", nbdir / build.DISTRICT_NOTEBOOK, out, {"district": "Chiêm Hóa", "lang": "vi", **common}, nbdir),
        _job("district-en", nbdir / build.DISTRICT_NOTEBOOK, out, {"district": "Na Hang", "lang": "en", **common}, nbdir),
        _job("province-en", nbdir / build.PROVINCE_NOTEBOOK, out, {"lang": "en", **common}, nbdir),
        _job("fact-check", nbdir / build.FACT_CHECK_NOTEBOOK, out, {"lang": "en"}, nbdir),
    ]
    for path in TEACHING:
        jobs.append(_job(f"blank-{path.stem}", path, out, {"lang": "en"}, path.parent))
        jobs.append(_job(f"solved-{path.stem}", SOLUTIONS / path.name, out, {"lang": "en"}, SOLUTIONS))
    results = build.run_jobs(jobs, workers=2, log_dir=out / "logs", progress=False)
    failed = {r["name"]: r["error"] for r in results if not r["ok"]}
    return {"dir": out, "figures": figures, "failed": failed, "nb": {r["name"]: _read(Path(r["executed"])) for r in results}}


def _outputs(nb, kind=None):
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if kind is None or output.output_type == kind:
                yield output


def _text(output) -> str:
    if output.output_type == "stream":
        return output.text
    data = output.get("data", {})
    return data.get("text/markdown") or data.get("text/plain", "")


@pytest.mark.slow
class TestExecution:
    def test_every_notebook_runs_without_errors(self, executed):
        assert executed["failed"] == {}
        for name, nb in executed["nb"].items():
            assert not list(_outputs(nb, "error")), name

    def test_fact_check_shows_every_figure_agreeing(self, executed):
        from helpers.facts import FACTS

        shown = [_text(o) for o in _outputs(executed["nb"]["fact-check"], "display_data")]
        assert f"{len(FACTS)} of {len(FACTS)} figures agree with the data." in shown

    def test_fact_check_explains_f5_truncation(self, executed):
        shown = [_text(o) for o in _outputs(executed["nb"]["fact-check"], "display_data")]
        assert "Admitted 26 against a term target of 45: share 57.8%; truncated: 57%; rounded: 58%." in shown

    @pytest.mark.parametrize(("name", "district", "lang"), [("district-vi", "Chiêm Hóa", "vi"), ("district-en", "Na Hang", "en")])
    def test_district_report_saves_its_figures(self, executed, name, district, lang):
        from helpers.figures import DISTRICT_FIGURES

        folder = executed["figures"] / slug(district)
        for figure in DISTRICT_FIGURES:
            for ext in ("png", "svg", "pdf", "json"):
                assert (folder / f"{figure}_{lang}.{ext}").exists(), f"{figure}_{lang}.{ext}"
        sidecar = json.loads((folder / f"term_pace_{lang}.json").read_text(encoding="utf-8"))
        assert sidecar["params"]["district"] == district

    def test_district_reading_in_english(self, executed):
        markdown = [_text(o) for o in _outputs(executed["nb"]["district-en"], "display_data")]
        assert any(m.startswith("In ") and "Na Hang admitted" in m for m in markdown)
        assert any("grassroots party secretaries" in m for m in markdown)

    def test_district_reading_in_vietnamese(self, executed):
        markdown = [_text(o) for o in _outputs(executed["nb"]["district-vi"], "display_data")]
        assert any("Chiêm Hóa kết nạp" in m for m in markdown)

    def test_district_report_shows_its_figures(self, executed):
        images = [o for o in _outputs(executed["nb"]["district-en"]) if "image/svg+xml" in o.get("data", {})]
        from helpers.figures import DISTRICT_FIGURES

        assert len(images) == len(DISTRICT_FIGURES)

    def test_province_overview_saves_province_figures(self, executed):
        from helpers.figures import PROVINCE_FIGURES

        for figure in PROVINCE_FIGURES:
            assert (executed["figures"] / "province" / f"{figure}_en.json").exists()

    @pytest.mark.parametrize("path", TEACHING, ids=_id)
    def test_solutions_pass_every_check(self, executed, path):
        checks = [_text(o) for o in _outputs(executed["nb"][f"solved-{path.stem}"], "execute_result") if _text(o)[:1] in "✔✘"]
        assert checks
        assert all(c.startswith("✔") for c in checks), checks

    @pytest.mark.parametrize("path", TEACHING, ids=_id)
    def test_blanks_fail_every_check_helpfully(self, executed, path):
        checks = [_text(o) for o in _outputs(executed["nb"][f"blank-{path.stem}"], "execute_result") if _text(o)[:1] in "✔✘"]
        assert checks
        assert all(c.startswith("✘") and "Not answered yet" in c for c in checks), checks
