"""The build: what it plans from the data, stamps, languages side by side, an office's own workbook, every page scanned."""

from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _office import office_workbook
from _pages import broken_text, read_page, wrong_language, wrong_numbers

from helpers import build, config
from helpers.dataset import UnknownDistrict
from helpers.figures import DISTRICT_FIGURES, PROVINCE_FIGURES
from helpers.report import load_data
from helpers.text import slug

DISTRICTS = ["Chiêm Hóa", "Hàm Yên", "Lâm Bình", "Na Hang", "Sơn Dương", "Tuyên Quang", "Yên Sơn"]
ALL_TARGETS = [slug(d) for d in DISTRICTS] + ["province", "fact-check"]


def _archive(folder: Path) -> Path:
    """The bundled districts' reports of 2016–2024 copied to ``folder``: the reports these tests expect.

    The provincial board's and the communes' reports of 2025 (``tinh/``,
    ``xa/``) and the districts' last half-year ones are left out: a report
    for each of the province's 124 communes, in every build of this module,
    would take it far past the suite's budget.  The commune reports are
    built in ``test_commune.py`` (from a province of three communes) and
    ``test_docpage.py``; the whole bundled build is ``bench/bench_communes.py``.
    """
    shutil.copytree(config.RAW_DATA_DIR, folder, ignore=shutil.ignore_patterns("tinh", "xa", "*-2025.xlsx"))
    return folder


def _root_paths(root: Path, data: Path | None = None) -> dict:
    return {"data_dir": data or root / "data", "reports_dir": root / "reports", "figures_dir": root / "figures", "build_dir": root / "build"}


@pytest.fixture(scope="module")
def inventory():
    return build.take_inventory(load_data(), "vi")


# --------------------------------------------------------------------------
# Fast tests: no notebook is run
# --------------------------------------------------------------------------


class TestNoFixedListOfDistricts:
    def test_no_module_lists_the_districts(self):
        """Only the generator of the bundled workbooks names the seven districts (it lays each one out)."""
        found = []
        for path in sorted((config.PROJ_ROOT / "src" / "helpers").rglob("*.py")):
            if path.name == "sample_data.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
                if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
                    named = [e.value for e in items if isinstance(e, ast.Constant) and e.value in DISTRICTS]
                    if len(named) >= 3:
                        found.append(f"{path.name}:{node.lineno}")
        assert found == []


class TestInventory:
    def test_the_bundled_data(self, inventory):
        assert inventory.districts == DISTRICTS
        assert inventory.kinds["Na Hang"] == ["admissions", "ratings", "placements", "breakthrough_tasks"]
        assert inventory.place_kinds["Tuyên Quang"] == "city" and inventory.fact_check
        assert sorted(Path(p).name for p in inventory.files["Na Hang"]) == [
            "admissions-6-thang-2025.xlsx", "admissions.xlsx", "bieu-2-btctw.xlsx", "breakthrough_tasks.xlsx",
            "placements-6-thang-2025.xlsx", "placements.xlsx", "ratings-6-thang-2025.xlsx", "ratings.xlsx"]  # fmt: skip
        assert inventory.note.startswith("Số liệu trong báo cáo này là dữ liệu mô phỏng")
        assert len(inventory.communes) == 124 and {"Yên Nguyên", "Minh Xuân"} <= set(inventory.communes)

    def test_kept_under_a_hash_of_the_data_and_the_code(self, tmp_path):
        data = tmp_path / "data"
        office_workbook(data)
        paths = build.Paths.make(**_root_paths(tmp_path))
        result = build.BuildResult()
        first, dataset = build._load_inventory(paths, "en", build._Hasher(), result, lambda s: None, lambda s: None)
        again, none = build._load_inventory(paths, "en", build._Hasher(), result, lambda s: None, lambda s: None)
        assert dataset is not None and none is None and again == first and first.districts == ["Na Hang"]
        office_workbook(data, name="other")  # a new workbook: read again
        third, read = build._load_inventory(paths, "en", build._Hasher(), result, lambda s: None, lambda s: None)
        assert read is not None and len(third.all_files) == 2


class TestPlan:
    def test_every_district_in_the_data_then_the_overviews(self, inventory, tmp_path):
        targets = build.plan(inventory, paths=build.Paths.make(**_root_paths(tmp_path, config.RAW_DATA_DIR)))
        communes = [f"communes/{slug(c)}" for c in inventory.communes]
        assert [t.name for t in targets] == ALL_TARGETS[:-2] + communes + ["province", "fact-check", "province-2025"]
        assert targets[0].html == tmp_path / "reports" / "vi" / "chiem-hoa.html"
        assert targets[0].parameters["figures_dir"] == str(tmp_path / "figures" / "vi")
        assert targets[0].docx == tmp_path / "reports" / "vi" / "chiem-hoa.docx"
        assert targets[-2].notebook.name == build.FACT_CHECK_NOTEBOOK

    def test_commune_reports_are_written_from_the_package_without_a_notebook_run(self, inventory, tmp_path):
        targets = build.plan(inventory, paths=build.Paths.make(**_root_paths(tmp_path, config.RAW_DATA_DIR)))
        commune = next(t for t in targets if t.name == "communes/yen-nguyen")
        assert commune.render == "commune" and commune.executed is None
        assert commune.outputs == (tmp_path / "reports" / "vi" / "communes" / "yen-nguyen.html",
                                   tmp_path / "reports" / "vi" / "communes" / "yen-nguyen.docx")  # fmt: skip
        assert all(t.render is None and t.executed is not None for t in targets if not t.name.startswith("communes/"))
        order = sorted(targets, key=build._order)
        assert order[0].name == "province" and order[-1].name == "fact-check"
        assert {t.name for t in order[-1 - len(inventory.communes):-1]} == {t.name for t in targets if t.render}

    def test_a_district_typed_any_way(self, inventory):
        (target,) = build.plan(inventory, ["NA HANG"], lang="en")
        assert target.parameters == {"district": "Na Hang", "lang": "en", "data_dir": str(config.RAW_DATA_DIR),
                                     "figures_dir": str(config.FIGURES_DIR / "en"), "boundary_year": None, "publish": False,
                                     "figure_formats": ["png"]}  # fmt: skip
        assert target.html == config.REPORTS_DIR / "en" / "na-hang.html"
        assert {p.parent.name for p in target.data_files if p.is_relative_to(config.RAW_DATA_DIR)} == {"na-hang"}
        assert config.UNITS_CSV in target.data_files

    def test_an_unknown_district_names_those_in_the_data(self, inventory):
        with pytest.raises(UnknownDistrict, match="the data have: Chiêm Hóa, Hàm Yên"):
            build.plan(inventory, ["Atlantis"], lang="en")

    def test_one_district_has_no_overview_and_no_fact_check_without_the_article_district(self):
        inv = build.Inventory(districts=["Na Hang"], kinds={"Na Hang": ["admissions"]}, files={}, place_kinds={}, fact_check=False)
        assert [(t.name, t.kinds) for t in build.plan(inv)] == [("na-hang", ("admissions",))]

    def test_with_boundaries_every_file_is_an_input(self, inventory):
        (target,) = build.plan(inventory, ["Lâm Bình"], boundary_year=2024)
        assert {str(p) for p in target.data_files if p.is_relative_to(config.RAW_DATA_DIR)} == set(inventory.all_files)
        assert {p.parent.name for p in target.data_files if p.parent.parent == config.RAW_DATA_DIR} >= {slug(d) for d in DISTRICTS}


class TestStamps:
    @pytest.fixture()
    def setup(self, tmp_path):
        data = tmp_path / "data"
        shutil.copytree(config.RAW_DATA_DIR / "yen-son", data / "yen-son")
        paths = build.Paths.make(**_root_paths(tmp_path, data))
        inv = build.take_inventory(load_data(data), "vi")
        (target,) = build.plan(inv, ["Yên Sơn"], paths=paths)
        return paths, inv, target

    def _digest(self, target):
        return build._digest(build.target_inputs(target))

    def test_up_to_date_after_stamping(self, setup):
        paths, _inv, target = setup
        digest = self._digest(target)
        assert not build.is_up_to_date(target, paths, digest)
        for out in target.outputs:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text("x")
        build._write_stamp(target, paths, digest, {}, target.outputs)
        assert build.is_up_to_date(target, paths, digest)
        assert (paths.build_dir / ".stamps" / "vi" / "yen-son.json").exists()

    def test_a_missing_output_is_out_of_date(self, setup):
        paths, _inv, target = setup
        digest = self._digest(target)
        build._write_stamp(target, paths, digest, {}, target.outputs)
        assert not build.is_up_to_date(target, paths, digest)

    def test_changed_data_changes_the_digest(self, setup):
        paths, _inv, target = setup
        before = self._digest(target)
        workbook = paths.data_dir / "yen-son" / "admissions.xlsx"
        workbook.write_bytes(workbook.read_bytes() + b"\0")
        assert self._digest(target) != before

    def test_the_language_is_part_of_the_digest_and_of_the_stamp_folder(self, setup):
        paths, inv, target = setup
        (english,) = build.plan(inv, ["Yên Sơn"], paths=paths, lang="en")
        assert self._digest(english) != self._digest(target)
        assert build.stamp_path(english, paths).parent.name == "en"

    def test_records_code_kinds_and_versions(self, setup):
        _paths, _inv, target = setup
        inputs = build.target_inputs(target)
        assert "build.py" in inputs["code"] and "read/problems.py" in inputs["code"]
        assert inputs["kinds"] == ["admissions", "ratings", "placements", "breakthrough_tasks"]
        assert set(build.STAMP_PACKAGES) <= set(inputs["versions"])


class TestDataCheck:
    def test_an_unreadable_workbook_stops_the_build(self, tmp_path):
        data = tmp_path / "data"
        shutil.copytree(config.RAW_DATA_DIR / "lam-binh", data / "lam-binh")
        (data / "lam-binh" / "ratings.xlsx").write_bytes(b"this is not a workbook")
        said = []
        result = build.build(["Lâm Bình"], lang="en", progress=False, echo=said.append, **_root_paths(tmp_path, data))
        assert result.errors >= 1 and result.exit_code == 1 and result.built == []
        assert any("ratings.xlsx" in line for line in said)
        assert said[-1].startswith("Stopped: the data have 1 error")
        assert not (tmp_path / "reports" / "en" / "lam-binh.html").exists()

    def test_missing_data_folder(self, tmp_path):
        said = []
        result = build.build(lang="en", progress=False, echo=said.append, **_root_paths(tmp_path))
        assert result.exit_code == 1 and said == [f"No data folder at {tmp_path / 'data'}."]


class TestCli:
    def test_unknown_district_exit_code_and_the_districts_listed(self, capsys, tmp_path):
        office_workbook(tmp_path / "data")
        code = build.cli(["--district", "Atlantis", "--lang", "en", "--no-progress", "--data", str(tmp_path / "data"),
                          "--reports-dir", str(tmp_path / "r"), "--build-dir", str(tmp_path / "b")])  # fmt: skip
        assert code == 2
        assert capsys.readouterr().err.strip().endswith("No district 'Atlantis' in the data; the data have: Na Hang.")

    def test_formats_add_the_vector_files_and_rebuild(self, capsys, tmp_path):
        office_workbook(tmp_path / "data")
        where = ["--lang", "en", "--no-progress", "--data", str(tmp_path / "data"), "--reports-dir", str(tmp_path / "r"),
                 "--figures-dir", str(tmp_path / "f"), "--build-dir", str(tmp_path / "b")]  # fmt: skip
        figure = tmp_path / "f" / "en" / "na-hang"
        assert build.cli(where) == 0
        assert sorted(p.suffix for p in figure.glob("admissions_target_en.*")) == [".json", ".png"]
        png = (figure / "admissions_target_en.png").read_bytes()
        assert build.cli([*where, "--formats", "PDF, svg"]) == 0
        assert "Nothing to do" not in capsys.readouterr().out  # other formats: the report is built again
        assert sorted(p.suffix for p in figure.glob("admissions_target_en.*")) == [".json", ".pdf", ".png", ".svg"]
        assert (figure / "admissions_target_en.png").read_bytes() == png
        sidecar = json.loads((figure / "admissions_target_en.json").read_text(encoding="utf-8"))
        assert sidecar["files"] == ["admissions_target_en.pdf", "admissions_target_en.png", "admissions_target_en.svg"]
        stamp = json.loads((tmp_path / "b" / ".stamps" / "en" / "na-hang.json").read_text(encoding="utf-8"))
        assert stamp["inputs"]["parameters"]["figure_formats"] == ["png", "pdf", "svg"]
        assert build.cli(where) == 0  # back to the default: the vector files go, they are not what the sidecar lists
        assert sorted(p.suffix for p in figure.glob("admissions_target_en.*")) == [".json", ".png"]

    def test_the_word_report_written_in_the_kernel_is_the_one_written_beside_it(self, tmp_path):
        from helpers import runner

        office_workbook(tmp_path / "data")
        written = {}
        for route in ("kernel", "worker"):
            paths = build.Paths.make(**_root_paths(tmp_path / route, tmp_path / "data"))
            inventory = build.take_inventory(load_data(tmp_path / "data"), "en")
            (target,) = build.plan(inventory, lang="en", paths=paths)
            job = build._job(target, paths, "en") | ({"warm": False} if route == "worker" else {})
            out = runner._run_target(job)
            assert out["ok"] and out["docx"] == str(target.docx) and out["word"] == route, out
            written[route] = target.docx.read_bytes()
        assert written["kernel"] == written["worker"]

    @pytest.mark.parametrize(("lang", "said"), [("en", "--formats: the formats known are png, svg, pdf; not: jpg, eps"),
                                                ("vi", "--formats: chỉ nhận png, svg, pdf; không nhận: jpg, eps")])
    def test_unknown_formats_are_named(self, capsys, tmp_path, lang, said):
        code = build.cli(["--lang", lang, "--formats", "png,jpg, eps", "--no-progress", "--data", str(tmp_path),
                          "--build-dir", str(tmp_path / "b")])  # fmt: skip
        assert code == 2 and capsys.readouterr().err.strip() == said
        assert not (tmp_path / "b").exists()

    @pytest.mark.parametrize(("lang", "words"), [("en", ["usage: python -m helpers build", "build only this district"]),
                                                 ("vi", ["cách dùng: python -m helpers build", "chỉ dựng huyện này"])])
    def test_help_follows_lang(self, capsys, lang, words):
        with pytest.raises(SystemExit):
            build.cli(["--help", "--lang", lang])
        out = capsys.readouterr().out
        assert all(w in out for w in words)


class TestEarlyWorkers:
    def test_the_workers_start_before_new_data_are_read_and_not_for_a_current_inventory(self, tmp_path):
        data = _archive(tmp_path / "data")
        paths = build.Paths.make(**_root_paths(tmp_path, data))
        started, said = [], []

        def load():
            return build._load_inventory(paths, "vi", build._Hasher(), build.BuildResult(), said.append, said.append,
                                         on_read=lambda: started.append(len(said)))  # fmt: skip

        inventory, dataset = load()
        assert started == [0] and dataset is not None and inventory.districts  # before the reading and its messages
        inventory, dataset = load()  # the inventory is current: nothing read, no worker started
        assert started == [0] and dataset is None

    def test_a_pool_started_early_runs_the_jobs_and_is_the_callers_to_close(self, tmp_path):
        import os

        from helpers.runner import WorkerPool

        with WorkerPool(2, tmp_path / "logs") as pool:
            executor = pool.start()
            assert pool.started and pool.start(5) is executor  # started once
            assert executor.submit(os.getpid).result(timeout=120) != os.getpid()
        assert not pool.started

    def test_district_reports_run_the_most_data_first(self, inventory, tmp_path):
        paths = build.Paths.make(**_root_paths(tmp_path, config.RAW_DATA_DIR))
        targets = [t for t in build.plan(inventory, lang="vi", paths=paths) if not t.render]
        order = [t.name for t in sorted(targets, key=build._order)]
        assert order[0] == "province" and order[-1] == "fact-check"
        size = {t.name: sum(f.stat().st_size for f in t.data_files) for t in targets}
        districts = [n for n in order if n in {slug(d) for d in inventory.districts}]
        assert districts and [size[n] for n in districts] == sorted((size[n] for n in districts), reverse=True)


class TestWorkers:
    def test_a_worker_leaves_when_the_build_is_killed(self, tmp_path):
        import os
        import signal
        import time

        code = ("import sys; from concurrent.futures import ProcessPoolExecutor; import multiprocessing as mp; "
                "from helpers import runner; "
                "pool = ProcessPoolExecutor(1, mp_context=mp.get_context('spawn'), initializer=runner._quiet_worker, "
                "initargs=(sys.argv[1],)); print(pool.submit(runner._ready).result(), flush=True); import time; time.sleep(600)")  # fmt: skip
        build_ = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
        worker = int(build_.stdout.readline())
        os.kill(build_.pid, signal.SIGKILL)  # no clean-up in the build
        build_.wait(timeout=30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and os.path.exists(f"/proc/{worker}"):
            time.sleep(0.2)
        left = os.path.exists(f"/proc/{worker}")
        if left:
            os.kill(worker, signal.SIGKILL)
        assert not left

    def test_a_worker_imports_papermill_without_the_format_checkers_and_still_validates_notebooks(self, tmp_path):
        code = ("import sys; from helpers import runner; runner._quiet_worker(sys.argv[1]); import nbformat; "
                "nb = nbformat.v4.new_notebook(); nb.cells.append(nbformat.v4.new_code_cell('1')); nbformat.validate(nb); "
                "print('papermill' in sys.modules, {sys.modules[n] for n in runner.FORMAT_CHECKERS})")  # fmt: skip
        subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True, timeout=120)
        (log,) = tmp_path.glob("worker-*.log")  # the worker's output goes to its log
        assert log.read_text(encoding="utf-8").strip().splitlines()[-1] == "True {None}"


# --------------------------------------------------------------------------
# Real builds, shared: Vietnamese, again, a changed workbook, --force, then English
# --------------------------------------------------------------------------


def _hashes(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build everything in Vietnamese into a temporary root, rerun it three ways, then build English beside it."""
    root = tmp_path_factory.mktemp("build-root")
    data = _archive(root / "data")
    where = _root_paths(root, data)
    said: dict[str, list[str]] = {k: [] for k in ("first", "again", "changed", "forced", "english")}

    first = build.build(lang="vi", progress=False, echo=said["first"].append, **where)
    figures_before = _hashes(root / "figures")
    noop = subprocess.run(
        [sys.executable, "-c",
         "import sys; from helpers.build import cli; rc = cli(sys.argv[1:]); "
         "heavy = [m for m in ('pandas', 'matplotlib', 'papermill', 'nbformat', 'nbconvert') if m in sys.modules]; "
         "print('HEAVY', heavy); sys.exit(rc)",
         "--lang", "vi", "--no-progress", "--data", str(data), "--reports-dir", str(where["reports_dir"]),
         "--figures-dir", str(where["figures_dir"]), "--build-dir", str(where["build_dir"])],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    again = build.build(lang="vi", progress=False, echo=said["again"].append, **where)

    # A changed workbook of Na Hang: saved again by openpyxl (new bytes, same figures).
    import openpyxl

    workbook = data / "na-hang" / "breakthrough_tasks.xlsx"
    wb = openpyxl.load_workbook(workbook)
    wb.properties.title = "changed"
    wb.save(workbook)
    changed = build.build(lang="vi", progress=False, echo=said["changed"].append, **where)
    figures_changed = _hashes(root / "figures")
    forced = build.build(["chiem hoa"], lang="vi", force=True, progress=False, echo=said["forced"].append, **where)
    vi_before_english = _hashes(root / "reports" / "vi") | {f"figures/{k}": v for k, v in _hashes(root / "figures" / "vi").items()}
    english = build.build(lang="en", progress=False, echo=said["english"].append, **where)
    vi_after_english = _hashes(root / "reports" / "vi") | {f"figures/{k}": v for k, v in _hashes(root / "figures" / "vi").items()}
    return {
        "root": root, "first": first, "again": again, "changed": changed, "forced": forced, "english": english,
        "noop": noop, "said": said, "figures_before": figures_before, "figures_changed": figures_changed,
        "figures_after": _hashes(root / "figures"), "vi_before_english": vi_before_english, "vi_after_english": vi_after_english,
    }  # fmt: skip


def _page(built, lang: str, name: str) -> str:
    return (built["root"] / "reports" / lang / f"{name}.html").read_text(encoding="utf-8")


@pytest.mark.slow
class TestBuild:
    def test_first_build_builds_everything(self, built):
        assert built["first"].ok, built["first"].failed
        assert built["first"].built == ALL_TARGETS

    def test_every_report_and_the_indexes(self, built):
        reports = built["root"] / "reports"
        assert sorted(p.name for p in (reports / "vi").glob("*.html")) == sorted([f"{n}.html" for n in ALL_TARGETS] + ["index.html"])
        index = (reports / "vi" / "index.html").read_text(encoding="utf-8")
        assert [h for h in re.findall(r'href="([^"]+)"', index) if not h.startswith("..") and h.endswith(".html")] == [f"{n}.html" for n in ALL_TARGETS]
        assert "(chưa dựng)" not in index and "dữ liệu mô phỏng" in index and '<html lang="vi">' in index

    def test_word_reports_when_the_writer_is_installed(self, built):
        docx = sorted(p.name for p in (built["root"] / "reports" / "vi").glob("*.docx"))
        assert docx == sorted([f"{slug(d)}.docx" for d in DISTRICTS] + ["province.docx"])  # the fact-check is a page only
        index = (built["root"] / "reports" / "vi" / "index.html").read_text(encoding="utf-8")
        assert 'href="province.docx"' in index and 'href="fact-check.docx"' not in index

    def test_reports_hide_the_code_and_show_figures_readings_tables(self, built):
        html = _page(built, "vi", "chiem-hoa")
        assert "report_context(" not in html and "report_figure(" not in html and "ctx." not in html
        assert html.count("<img ") == len(DISTRICT_FIGURES) + 1  # and the new members' profile from the forms
        assert '<p class="reading">Trong 168 đảng viên mới kết nạp năm 2024 của huyện Chiêm Hóa (Biểu số 2-BTCTW)' in html
        assert '<p class="reading">Năm 2024, huyện Chiêm Hóa kết nạp' in html
        assert "<caption>Kết nạp đảng viên theo tổ chức cơ sở đảng, năm 2024</caption>" in html
        assert '<th scope="col" class="left">Đơn vị</th><th scope="col" class="right">Chỉ tiêu</th>' in html
        assert "ethnic_minority" not in html and "No description has been provided" not in html

    def test_the_city_is_a_city(self, built):
        html = _page(built, "vi", "tuyen-quang")
        assert "THÀNH ỦY TUYÊN QUANG" in html and "toàn huyện" not in html and "thành phố Tuyên Quang kết nạp" in html

    def test_figures_per_language_with_sidecars(self, built):
        figures = built["root"] / "figures"
        for district in DISTRICTS:
            for name in DISTRICT_FIGURES:
                saved = sorted(p.name for p in (figures / "vi" / slug(district)).glob(f"{name}_vi.*"))
                assert saved == [f"{name}_vi.json", f"{name}_vi.png"]  # the vector files on request (--formats)
        for name in PROVINCE_FIGURES:
            assert (figures / "vi" / "province" / f"{name}_vi.json").exists()

    def test_executed_notebooks_in_one_language_and_stamps(self, built):
        root = built["root"] / "build"
        assert sorted(p.stem for p in (root / "notebooks" / "vi").glob("*.ipynb")) == sorted(ALL_TARGETS)
        executed = json.loads((root / "notebooks" / "vi" / "chiem-hoa.ipynb").read_text(encoding="utf-8"))
        tags = [set(c["metadata"].get("tags", [])) for c in executed["cells"]]
        assert all("lang-vi" in t for t, c in zip(tags, executed["cells"]) if c["cell_type"] == "markdown")
        assert not any(t & {"lang-en", "notebook-only"} for t in tags)
        stamp = json.loads((root / ".stamps" / "vi" / "chiem-hoa.json").read_text(encoding="utf-8"))
        assert stamp["inputs"]["parameters"]["district"] == "Chiêm Hóa"

    def test_messages_report_the_data_check(self, built):
        first = built["said"]["first"]
        assert first[0].startswith("Kiểm tra dữ liệu")
        assert any(line.startswith("Dữ liệu: ") and " 0 lỗi" in line for line in first)
        assert re.fullmatch(r"Xong: 9 báo cáo trong \d+,\d giây\. Mục lục: .*index\.html", first[-1])

    def test_second_run_does_nothing_and_says_so(self, built):
        again = built["again"]
        assert again.built == [] and again.skipped == ALL_TARGETS
        assert built["said"]["again"] == [
            f"Không có gì phải làm: 9 báo cáo đã cập nhật ({built['root'] / 'build' / '.stamps' / 'vi'}). Dùng --force để dựng lại tất cả."]

    def test_noop_from_the_command_line_is_light(self, built):
        noop = built["noop"]
        assert noop.returncode == 0, noop.stderr
        assert noop.stdout.startswith("Không có gì phải làm: 9 báo cáo đã cập nhật")
        assert "HEAVY []" in noop.stdout and noop.stderr == ""

    def test_changed_workbook_rebuilds_what_reads_it(self, built):
        changed = built["changed"]
        assert changed.ok and changed.built == ["na-hang", "province", "fact-check"]
        assert changed.skipped == [n for n in ALL_TARGETS if n not in changed.built]

    def test_unchanged_figures_are_not_rewritten(self, built):
        before, after = built["figures_before"], built["figures_changed"]
        assert {k: v for k, v in after.items() if k.startswith("vi/chiem-hoa/")} == {k: v for k, v in before.items() if k.startswith("vi/chiem-hoa/")}

    def test_force_rebuilds_byte_identical_figures(self, built):
        assert built["forced"].built == ["chiem-hoa"]
        before = {k: v for k, v in built["figures_changed"].items() if k.startswith("vi/chiem-hoa/")}
        after = {k: v for k, v in built["figures_after"].items() if k.startswith("vi/chiem-hoa/")}
        assert len(before) == 2 * (len(DISTRICT_FIGURES) + 1) and after == before  # PNG and sidecar of each, the profile too

    def test_english_beside_vietnamese_touches_nothing_of_it(self, built):
        assert built["english"].ok and built["english"].built == ALL_TARGETS
        assert built["vi_after_english"] == built["vi_before_english"]
        assert (built["root"] / "figures" / "en" / "na-hang" / "term_pace_en.png").exists()
        assert not list((built["root"] / "figures" / "en").rglob("*_vi.*"))
        html = _page(built, "en", "na-hang")
        assert '<html lang="en">' in html and "In 2024, Na Hang district admitted" in html and "<caption>New members admitted by party organisation, 2024</caption>" in html

    def test_the_fact_check_agrees_and_explains_f5(self, built):
        from helpers.facts import FACTS

        html = _page(built, "en", "fact-check")
        assert f'<p class="reading">{len(FACTS)} of {len(FACTS)} figures agree with the data.</p>' in html
        assert "Admitted 26 against a term target of 45: share 57.8%; truncated: 57%; rounded: 58%." in html
        assert "<td class=\"left\">9 or more</td>" in html and "(the article gives no number)" in html

    def test_the_province_page_compares_the_districts(self, built):
        html = _page(built, "vi", "province")
        assert html.count("<img ") == len(PROVINCE_FIGURES) + 1  # and the new members' profile of the provincial board
        assert "<caption>Các huyện, thành phố, năm 2024</caption>" in html and '<th scope="row">Toàn tỉnh</th>' in html
        assert '<p class="reading">Năm 2024, số đảng viên kết nạp cao nhất ở huyện Sơn Dương' in html
        assert "Series(" not in html and "dtype" not in html

    def test_the_executed_notebooks_hold_the_readings_and_no_error(self, built):
        for lang in ("vi", "en"):
            for path in (built["root"] / "build" / "notebooks" / lang).glob("*.ipynb"):
                nb = json.loads(path.read_text(encoding="utf-8"))
                outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
                assert not [o for o in outputs if o["output_type"] == "error"], path
                assert not [o for o in outputs if o["output_type"] == "stream" and o["name"] == "stderr"], path
        sidecar = json.loads((built["root"] / "figures" / "en" / "na-hang" / "term_pace_en.json").read_text(encoding="utf-8"))
        assert sidecar["params"]["district"] == "Na Hang" and sidecar["params"]["lang"] == "en"

    def test_the_root_index_links_both_languages(self, built):
        root = (built["root"] / "reports" / "index.html").read_text(encoding="utf-8")
        assert '<a href="vi/index.html">Báo cáo bằng tiếng Việt</a></p>' in root and '<a href="en/index.html">Reports in English</a></p>' in root
        assert "(not built yet" not in root and "(chưa dựng" not in root


# --------------------------------------------------------------------------
# An office's own workbook: one district, admissions only
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    root = tmp_path_factory.mktemp("office")
    office_workbook(root / "data")
    said = []
    result = build.build(lang="vi", progress=False, echo=said.append, **_root_paths(root))
    english = build.build(["na hang"], lang="en", progress=False, echo=said.append, **_root_paths(root))
    return root, result, english, said


@pytest.mark.slow
class TestAnOfficesOwnWorkbook:
    def test_builds_that_district_only(self, office):
        root, result, english, said = office
        assert result.ok and result.built == ["na-hang"], (result.failed, said)
        assert english.ok and english.built == ["na-hang"]
        assert sorted(p.name for p in (root / "reports" / "vi").iterdir() if p.suffix == ".html") == ["index.html", "na-hang.html"]
        assert (root / "reports" / "vi" / "na-hang.docx").exists()

    def test_no_synthetic_notice_and_its_source_named(self, office):
        root = office[0]
        for lang in ("vi", "en"):
            html = (root / "reports" / lang / "na-hang.html").read_text(encoding="utf-8")
            assert "mô phỏng" not in html and "simulated" not in html and "synthetic" not in html
            assert "bao-cao-ket-nap.xlsx" in html
        index = (root / "reports" / "vi" / "index.html").read_text(encoding="utf-8")
        assert "Nguồn số liệu: 1 tệp: bao-cao-ket-nap.xlsx (năm báo cáo 2023;" in index
        assert re.findall(r'<li><a href="([^"]+)"', index) == ["na-hang.html"]

    def test_its_word_report_has_its_figures_and_names_its_source(self, office):
        from docx import Document

        for lang, word in (("vi", "Hình"), ("en", "Figure")):
            doc = Document(str(office[0] / "reports" / lang / "na-hang.docx"))
            text = "\n".join(p.text for p in doc.paragraphs)
            assert "bao-cao-ket-nap.xlsx" in text
            assert "mô phỏng" not in text and "simulated" not in text and "synthetic" not in text
            captions = [p.text for p in doc.paragraphs if p.text.startswith(f"{word} ")]
            assert [c.split(".")[0] for c in captions] == [f"{word} {i}" for i in range(1, 4)]  # the admissions figures
            assert len(doc.inline_shapes) == 3

    def test_the_sections_it_has_and_one_sentence_for_the_others(self, office):
        html = (office[0] / "reports" / "en" / "na-hang.html").read_text(encoding="utf-8")
        assert html.count("<img ") == 3  # the three figures of admissions
        for sentence in ("The data files hold no report on quality ratings for Na Hang district.",
                         "The data files hold no report on commune leaders&#x27; placements for Na Hang district.",
                         "The data files hold no report on breakthrough tasks for Na Hang district."):
            assert sentence in html
        assert "<h2>Quality ratings (<em>xếp loại chất lượng</em>)</h2>" in html
        assert "Party organisations and members are rated" not in html


# --------------------------------------------------------------------------
# Every page of every district, language and boundary choice, scanned
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def on_latest_boundaries(built, tmp_path_factory):
    """Both languages again, units on the boundaries of the latest year in the data."""
    root = tmp_path_factory.mktemp("boundaries")
    data = _archive(root / "data")
    latest = max(int(f["year"].max()) for f in load_data(data).tables.values() if f["year"].notna().any())
    where = {**_root_paths(root, data)}
    results = [build.build(lang=lang, boundary_year=latest, progress=False, echo=lambda s: None, **where) for lang in ("vi", "en")]
    return root, latest, results


def _names() -> set[str]:
    data = load_data()
    names = set(data.districts)
    for frame in data.tables.values():
        names |= set(frame["unit"].dropna())
    return names


@pytest.mark.slow
class TestEveryPage:
    def test_the_latest_boundaries_build_too(self, on_latest_boundaries):
        _root, latest, results = on_latest_boundaries
        assert latest == 2024 and all(r.ok and r.built == ALL_TARGETS for r in results), [r.failed for r in results]

    def test_no_broken_text_wrong_language_or_foreign_numbers(self, built, on_latest_boundaries):
        names, problems, pages = _names(), {}, 0
        for root in (built["root"], on_latest_boundaries[0]):
            for lang in ("vi", "en"):
                for page in sorted((root / "reports" / lang).glob("*.html")):
                    html = page.read_text(encoding="utf-8")
                    found = broken_text(html) + wrong_language(html, lang, names) + wrong_numbers(html, lang)
                    if read_page(html).page_lang != lang:
                        found.append(f"<html lang> is {read_page(html).page_lang!r}")
                    if found:
                        problems[f"{root.name}/{lang}/{page.name}"] = found[:5]
                    pages += 1
        assert pages == 2 * 2 * (len(ALL_TARGETS) + 1)
        assert problems == {}

    def test_the_boundaries_are_said(self, on_latest_boundaries):
        root, latest, _ = on_latest_boundaries
        html = (root / "reports" / "en" / "lam-binh.html").read_text(encoding="utf-8")
        assert f"Units on the boundaries of {latest}" in html
        assert "Phúc Sơn" in html and "Minh Quang" in html


# --------------------------------------------------------------------------
# Every built page in a real browser, the network off
# --------------------------------------------------------------------------


@pytest.mark.slow
class TestInABrowser:
    def test_every_page_opens_offline_loads_its_images_and_says_its_language(self, built, on_latest_boundaries, office):
        from _browser import Browser

        roots = (built["root"] / "reports", on_latest_boundaries[0] / "reports", office[0] / "reports")
        pages = [p for root in roots for p in sorted(root.rglob("*.html"))]
        assert len(pages) == 2 * (2 * (len(ALL_TARGETS) + 1) + 1) + 2 * 2 + 1
        seen = {}
        with Browser() as browser:
            for page in pages:
                state = browser.open(page)
                expected = page.parent.name if page.parent.name in config.LANGS else "vi"
                outside = [u for u in state["requests"] if not u.startswith(("file:", "data:"))]
                broken_images = [i for i in state["images"] if not (i["complete"] and i["width"] > 0)]
                dead_links = [h for h in state["links"] if not (page.parent / h).resolve().exists()]
                seen[page] = (outside, broken_images, state["lang"] == expected, dead_links, state["failed"])
                assert state["text"] > 0
        assert {p: s for p, s in seen.items() if s != ([], [], True, [], [])} == {}
        district_pages = [p for p in seen if p.stem in {slug(d) for d in DISTRICTS}]
        assert district_pages
