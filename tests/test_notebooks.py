"""The notebooks: committed clean, prose in both languages, one setup call, and every one runs."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import nbformat
import pytest

from helpers import build, config, notebooks
from helpers.figures import DISTRICT_FIGURES, FIGURE_TABLES, PROVINCE_FIGURES
from helpers.runner import run_jobs
from helpers.schema import TABLES
from helpers.text import slug

NOTEBOOKS = sorted(p for p in config.NOTEBOOKS_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
TEACHING = sorted((config.NOTEBOOKS_DIR / "teaching").glob("*.ipynb"))
SOLUTIONS = config.NOTEBOOKS_DIR / "teaching" / "solutions"
REPORTS = [config.NOTEBOOKS_DIR / n for n in (build.DISTRICT_NOTEBOOK, build.PROVINCE_NOTEBOOK, build.FACT_CHECK_NOTEBOOK)]


def _id(path: Path) -> str:
    return path.relative_to(config.NOTEBOOKS_DIR).as_posix()


def _read(path: Path):
    return nbformat.read(str(path), as_version=4)


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


class TestCommittedNotebooks:
    def test_the_expected_notebooks_exist(self):
        names = {_id(p) for p in NOTEBOOKS}
        assert {build.DISTRICT_NOTEBOOK, build.PROVINCE_NOTEBOOK, build.FACT_CHECK_NOTEBOOK, "00_start_here.ipynb", "06_explorer.ipynb"} <= names
        assert len(TEACHING) >= 5
        assert {p.name for p in SOLUTIONS.glob("*.ipynb")} == {p.name for p in TEACHING}

    @pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
    def test_outputs_are_stripped_and_text_is_nfc(self, path):
        for i, cell in enumerate(_read(path).cells):
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"cell {i}"
            assert cell.source == unicodedata.normalize("NFC", cell.source), f"cell {i} is not NFC"

    @pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
    def test_a_title_per_language_one_parameters_cell_no_functions_the_project_kernel(self, path):
        nb = _read(path)
        for lang in config.LANGS:
            assert notebooks.title(json.loads(path.read_text(encoding="utf-8")), lang), lang
        assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
        assert len([c for c in nb.cells if "parameters" in _tags(c)]) == 1
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert "\ndef " not in f"\n{code}" and "lambda" not in code
        assert nb.metadata.kernelspec.name == notebooks.KERNEL == "party-stats"

    @pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
    def test_every_prose_cell_has_its_twin_in_the_other_language(self, path):
        cells = [c for c in _read(path).cells if c.cell_type == "markdown"]
        assert cells and all(notebooks.cell_lang(c) for c in cells), "a prose cell without a language"
        for vi, en in zip(cells[::2], cells[1::2]):
            assert (notebooks.cell_lang(vi), notebooks.cell_lang(en)) == ("vi", "en")
            assert set(_tags(vi)) - {"lang-vi"} == set(_tags(en)) - {"lang-en"}
        assert len(cells) % 2 == 0

    @pytest.mark.parametrize("path", REPORTS, ids=_id)
    def test_report_prose_never_points_at_the_code_it_hides(self, path):
        for cell in _read(path).cells:
            if cell.cell_type == "markdown" and notebooks.NOTEBOOK_ONLY not in _tags(cell):
                text = cell.source.lower()
                assert not re.search(r"`|code cells?|parameters? cells?|cells? below|ô tham số|ô mã|notebook|python -m", text), cell.source[:80]

    def test_the_district_notebook_is_set_up_by_one_call(self):
        setup = [c.source for c in _read(REPORTS[0]).cells if "report_context(" in c.source]
        assert len(setup) == 1 and setup[0].count("report_context(") == 1 and "import report_context" in setup[0]
        assert len([line for line in setup[0].splitlines() if line.strip()]) <= 6

    def test_the_district_notebook_has_a_section_per_kind_and_tags_what_needs_it(self):
        nb = _read(REPORTS[0])
        for kind in TABLES:
            assert {notebooks.cell_lang(c) for c in nb.cells if f"section-{kind}" in _tags(c)} == {"vi", "en"}
        for figure in DISTRICT_FIGURES:
            (cell,) = [c for c in nb.cells if f'ctx.figure("{figure}")' in c.source]
            assert _tags(cell) == [f"kind-{FIGURE_TABLES[figure]}"]
            assert cell.source.strip() == f'ctx.figure("{figure}")'
        readings = [c for c in nb.cells if c.source.startswith("ctx.reading(")]
        assert {c.source for c in readings if not _tags(c)} == {  # the one cell per section left for a kind the data lack
            'ctx.reading("admissions_target")', 'ctx.reading("ratings_organisations")',
            'ctx.reading("non_local_leadership")', 'ctx.reading("breakthrough_tasks")',
            'ctx.reading("new_member_profile")'}  # the profile's: the one sentence when the data hold no form

    def test_the_province_notebook_draws_every_province_figure(self):
        source = "\n".join(c.source for c in _read(REPORTS[1]).cells)
        assert all(f'ctx.figure("{name}")' in source for name in PROVINCE_FIGURES)

    @pytest.mark.parametrize("path", TEACHING, ids=_id)
    def test_solutions_differ_only_in_answers(self, path):
        blank, solved = _read(path), _read(SOLUTIONS / path.name)
        assert len(blank.cells) == len(solved.cells)
        titles = 2  # the title cells, in both languages, say "(lời giải)", "(solutions)"
        assert solved.cells[0].source.splitlines()[0] == blank.cells[0].source.splitlines()[0] + " (lời giải)"
        differing = [(a.source, b.source) for a, b in zip(blank.cells[titles:], solved.cells[titles:]) if a.source != b.source]
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
            assert source.split('"')[1] in EXERCISES
            assert cells[cells.index(source) - 1].startswith("answer = ...")


class TestOneLanguage:
    def test_a_report_keeps_one_language_and_the_kinds_it_has(self):
        nb = notebooks.for_report(notebooks.read(REPORTS[0]), "en", kinds=["admissions"])
        assert {notebooks.cell_lang(c) for c in nb["cells"] if c["cell_type"] == "markdown"} == {"en"}
        assert not [c for c in nb["cells"] if any(t.startswith("kind-") and t != "kind-admissions" for t in _tags(c))]
        headings = [c["source"] for c in nb["cells"] if any(t.startswith("section-") for t in _tags(c))]
        assert len(headings) == len(TABLES) + 1  # every section (and the forms' profile) keeps its heading and the sentence under it

    def test_the_lessons_in_one_language(self, tmp_path, capsys):
        assert notebooks.lessons_cli(["--lang", "en", "--out", str(tmp_path)]) == 0
        written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.ipynb"))
        assert written == sorted(_id(p).removeprefix("teaching/") for p in NOTEBOOKS if _id(p).startswith("teaching/"))
        lesson = json.loads((tmp_path / TEACHING[0].name).read_text(encoding="utf-8"))
        assert {notebooks.cell_lang(c) for c in lesson["cells"] if c["cell_type"] == "markdown"} == {"en"}
        assert f"Wrote {len(written)} notebooks to {tmp_path}." in capsys.readouterr().out


# --------------------------------------------------------------------------
# Execution (all notebooks in one parallel run, shared by the tests below)
# --------------------------------------------------------------------------


def _job(name, notebook, out, parameters, cwd, lang=None, kinds=None):
    nb = notebooks.for_report(notebooks.read(notebook), lang, kinds) if lang else str(notebook)
    return {"name": name, "notebook": nb, "executed": str(out / f"{name}.ipynb"), "parameters": parameters,
            "html": None, "title": name, "cwd": str(cwd)}  # fmt: skip


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every notebook executed once: name -> executed notebook."""
    from _office import office_workbook

    out = tmp_path_factory.mktemp("executed")
    figures = out / "figures"
    office = office_workbook(out / "office")
    nbdir = config.NOTEBOOKS_DIR
    common = {"figures_dir": str(figures)}
    jobs = [
        # The report notebooks run on the bundled data in tests/test_build.py (every district, both languages).
        _job("start", nbdir / "00_start_here.ipynb", out, {"lang": "vi"}, nbdir),
        _job("office-en", REPORTS[0], out, {"district": "na hang", "lang": "en", "data_dir": str(office), **common}, nbdir, "en", ["admissions"]),
        _job("explorer", nbdir / "06_explorer.ipynb", out, {"lang": "en", "district": "Lâm Bình"}, nbdir),
    ]
    for path in TEACHING:
        jobs.append(_job(f"blank-{path.stem}", path, out, {"lang": "en"}, path.parent))
        jobs.append(_job(f"solved-{path.stem}", SOLUTIONS / path.name, out, {"lang": "en"}, SOLUTIONS))
    jobs.append(_job("blank-vi", TEACHING[0], out, {"lang": "vi"}, TEACHING[0].parent))
    results = run_jobs(jobs, workers=2, log_dir=out / "logs", progress=False)
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
    return data.get("text/plain", "")


def _shown(nb) -> list[str]:
    return [_text(o) for o in _outputs(nb) if o.output_type in ("display_data", "execute_result")]


@pytest.mark.slow
class TestExecution:
    def test_every_notebook_runs_without_errors(self, executed):
        assert executed["failed"] == {}
        for name, nb in executed["nb"].items():
            assert not list(_outputs(nb, "error")), name

    def test_an_office_workbook_gets_its_section_and_a_sentence_for_each_other(self, executed):
        shown = _shown(executed["nb"]["office-en"])
        assert "'The data files hold no report on quality ratings for Na Hang district.'" in shown
        assert any(s.startswith("'In 2023, Na Hang district admitted 15 new members") for s in shown)
        outputs = list(_outputs(executed["nb"]["office-en"]))
        images = [o for o in outputs if '<img src="data:image/png;base64,' in o.get("data", {}).get("text/html", "")]
        assert all('alt="' in o["data"]["text/html"] and 'alt=""' not in o["data"]["text/html"] for o in images)
        tables = [o for o in outputs if '<div class="report-table">' in o.get("data", {}).get("text/html", "")]
        assert len(images) == 3 and len(tables) == 2  # its admissions, and the problems found in its file
        problems = tables[1]["data"]["text/html"]
        assert "Problems found in the data files" in problems and "B10" in problems and "B11" in problems
        assert "The unit registry knows no &quot;Hòa Phú&quot; in Na Hang in 2023" in problems or \
            'The unit registry knows no "Hòa Phú" in Na Hang in 2023' in problems
        for figure in ("admissions_target", "term_pace", "admissions_composition"):
            for ext in ("png", "svg", "pdf", "json"):
                assert (executed["figures"] / "na-hang" / f"{figure}_en.{ext}").exists()
        sidecar = json.loads((executed["figures"] / "na-hang" / "term_pace_en.json").read_text(encoding="utf-8"))
        assert sidecar["params"]["district"] == "Na Hang"

    def test_the_explorer_shows_its_widgets(self, executed):
        views = [o for o in _outputs(executed["nb"]["explorer"]) if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
        assert len(views) == 1

    @pytest.mark.parametrize("path", TEACHING, ids=_id)
    def test_solutions_pass_every_check(self, executed, path):
        checks = [_text(o) for o in _outputs(executed["nb"][f"solved-{path.stem}"], "execute_result") if _text(o)[:1] in "✔✘"]
        assert checks and all(c.startswith("✔") for c in checks), checks

    @pytest.mark.parametrize("path", TEACHING, ids=_id)
    def test_blanks_fail_every_check_helpfully(self, executed, path):
        checks = [_text(o) for o in _outputs(executed["nb"][f"blank-{path.stem}"], "execute_result") if _text(o)[:1] in "✔✘"]
        assert checks and all(c.startswith("✘") and "Not answered yet" in c for c in checks), checks

    def test_lessons_answer_in_vietnamese_by_default(self, executed):
        checks = [_text(o) for o in _outputs(executed["nb"]["blank-vi"], "execute_result") if _text(o)[:1] in "✔✘"]
        assert checks and all("Chưa có câu trả lời" in c for c in checks)
