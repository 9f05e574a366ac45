"""The build: plan, stamps, index, and one real build into a temporary root."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import build, config
from helpers.text import slug

ALL_TARGETS = [slug(d) for d in build.DISTRICTS] + ["province", "fact-check"]


def _root_paths(root: Path, data: Path | None = None) -> dict:
    return {
        "data_dir": data or root / "data",
        "reports_dir": root / "reports",
        "figures_dir": root / "figures",
        "build_dir": root / "build",
    }


# --------------------------------------------------------------------------
# Fast tests: no notebook is run
# --------------------------------------------------------------------------


class TestDistricts:
    def test_same_as_the_unit_registry(self):
        from helpers.units import district_names

        assert list(build.DISTRICTS) == list(district_names())

    def test_resolve_by_name_slug_or_spelling(self):
        assert build.resolve_district("son-duong") == "Sơn Dương"
        assert build.resolve_district("Chiêm Hoá") == "Chiêm Hóa"

    def test_unknown_district(self):
        from helpers.i18n import use_lang

        with use_lang("en"), pytest.raises(ValueError, match="No district 'Atlantis'"):
            build.resolve_district("Atlantis")


class TestPlan:
    def test_everything(self, tmp_path):
        targets = build.plan(paths=build.Paths.make(**_root_paths(tmp_path, config.RAW_DATA_DIR)))
        assert [t.name for t in targets] == ALL_TARGETS
        assert targets[0].parameters["district"] == "Tuyên Quang"
        assert targets[0].html == tmp_path / "reports" / "tuyen-quang.html"
        assert targets[-1].notebook.name == build.FACT_CHECK_NOTEBOOK

    def test_one_district_reads_its_own_folder(self):
        (target,) = build.plan(["Na Hang"], lang="en")
        assert target.parameters == {
            "district": "Na Hang",
            "lang": "en",
            "data_dir": str(config.RAW_DATA_DIR),
            "figures_dir": str(config.FIGURES_DIR),
            "boundary_year": None,
            "publish": False,
        }
        own = {p.parent.name for p in target.data_files if p.is_relative_to(config.RAW_DATA_DIR)}
        assert own == {"na-hang"}
        assert config.UNITS_CSV in target.data_files


class TestStamps:
    @pytest.fixture()
    def setup(self, tmp_path):
        data = tmp_path / "data"
        shutil.copytree(config.RAW_DATA_DIR / "yen-son", data / "yen-son")
        paths = build.Paths.make(**_root_paths(tmp_path, data))
        (target,) = build.plan(["Yên Sơn"], paths=paths)
        return paths, target

    def _digest(self, target):
        return build._digest(build.target_inputs(target))

    def test_up_to_date_after_stamping(self, setup):
        paths, target = setup
        digest = self._digest(target)
        assert not build.is_up_to_date(target, paths, digest)
        for out in target.outputs:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text("x")
        build._write_stamp(target, paths, digest, {}, target.outputs)
        assert build.is_up_to_date(target, paths, digest)
        assert (paths.build_dir / ".stamps" / "yen-son.json").exists()

    def test_a_missing_output_is_out_of_date(self, setup):
        paths, target = setup
        digest = self._digest(target)
        build._write_stamp(target, paths, digest, {}, target.outputs)
        assert not build.is_up_to_date(target, paths, digest)

    def test_changed_data_changes_the_digest(self, setup):
        paths, target = setup
        before = self._digest(target)
        workbook = paths.data_dir / "yen-son" / "admissions.xlsx"
        workbook.write_bytes(workbook.read_bytes() + b"\0")
        assert self._digest(target) != before

    def test_touching_without_changing_keeps_the_digest(self, setup):
        paths, target = setup
        before = self._digest(target)
        workbook = paths.data_dir / "yen-son" / "admissions.xlsx"
        workbook.write_bytes(workbook.read_bytes())
        assert self._digest(target) == before

    def test_parameters_are_part_of_the_digest(self, setup):
        paths, target = setup
        (english,) = build.plan(["Yên Sơn"], paths=paths, lang="en")
        assert self._digest(english) != self._digest(target)

    def test_records_code_and_versions(self, setup):
        _, target = setup
        inputs = build.target_inputs(target)
        assert "build.py" in inputs["code"] and "read/problems.py" in inputs["code"]
        assert set(build.STAMP_PACKAGES) <= set(inputs["versions"])


class TestIndex:
    def test_links_every_report_and_says_synthetic(self, tmp_path):
        paths = build.Paths.make(**_root_paths(tmp_path))
        html = build.index_html(paths, "en")
        links = re.findall(r'href="([^"]+)"', html)
        assert links == [f"{name}.html" for name in ALL_TARGETS]
        assert "synthetic" in html
        assert html.count("(not built yet)") == len(ALL_TARGETS)

    def test_vietnamese_by_default(self, tmp_path):
        paths = build.Paths.make(**_root_paths(tmp_path))
        html = build.index_html(paths)
        assert '<html lang="vi">' in html and "dữ liệu tổng hợp" in html


class TestDataCheck:
    def test_an_unreadable_workbook_stops_the_build(self, tmp_path):
        data = tmp_path / "data"
        shutil.copytree(config.RAW_DATA_DIR / "lam-binh", data / "lam-binh")
        (data / "lam-binh" / "ratings.xlsx").write_bytes(b"this is not a workbook")
        said = []
        result = build.build(["Lâm Bình"], lang="en", progress=False, echo=said.append, **_root_paths(tmp_path, data))
        assert result.errors >= 1 and result.exit_code == 1
        assert result.built == []
        assert any("ratings.xlsx" in line for line in said)
        assert said[-1].startswith("Stopped: the data have")
        assert not (tmp_path / "reports" / "lam-binh.html").exists()

    def test_missing_data_folder(self, tmp_path):
        said = []
        result = build.build(["Lâm Bình"], lang="en", progress=False, echo=said.append, **_root_paths(tmp_path))
        assert result.exit_code == 1
        assert said == [f"No data folder at {tmp_path / 'data'}."]


class TestCli:
    def test_unknown_district_exit_code(self, capsys):
        assert build.cli(["--district", "Atlantis", "--lang", "en"]) == 2
        assert "No district 'Atlantis'" in capsys.readouterr().err


# --------------------------------------------------------------------------
# One real build, shared: full build, no-op rerun, a changed workbook, --force
# --------------------------------------------------------------------------


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build everything into a temporary root, then rerun it three ways."""
    root = tmp_path_factory.mktemp("build-root")
    data = root / "data"
    shutil.copytree(config.RAW_DATA_DIR, data)
    where = _root_paths(root, data)
    said: dict[str, list[str]] = {k: [] for k in ("first", "again", "changed", "forced")}

    first = build.build(lang="vi", progress=False, echo=said["first"].append, **where)
    figures_before = _hashes(root / "figures")
    stamps_before = {p.name: p.stat().st_mtime_ns for p in (root / "build" / ".stamps").glob("*.json")}

    noop = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from helpers.build import cli; rc = cli(sys.argv[1:]); "
            "heavy = [m for m in ('pandas', 'matplotlib', 'papermill', 'nbformat', 'nbconvert') if m in sys.modules]; "
            "print('HEAVY', heavy); sys.exit(rc)",
            "--lang", "vi", "--no-progress",
            "--data", str(data), "--reports-dir", str(where["reports_dir"]),
            "--figures-dir", str(where["figures_dir"]), "--build-dir", str(where["build_dir"]),
        ],
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

    forced = build.build(["Chiêm Hóa"], lang="vi", force=True, progress=False, echo=said["forced"].append, **where)
    return {
        "root": root,
        "first": first,
        "again": again,
        "changed": changed,
        "forced": forced,
        "noop": noop,
        "said": said,
        "figures_before": figures_before,
        "figures_changed": figures_changed,
        "figures_after": _hashes(root / "figures"),
        "stamps_before": stamps_before,
    }


@pytest.mark.slow
class TestBuild:
    def test_first_build_builds_everything(self, built):
        assert built["first"].ok, built["first"].failed
        assert built["first"].built == ALL_TARGETS

    def test_every_report_and_the_index(self, built):
        reports = built["root"] / "reports"
        assert sorted(p.name for p in reports.glob("*.html")) == sorted([f"{n}.html" for n in ALL_TARGETS] + ["index.html"])
        index = (reports / "index.html").read_text(encoding="utf-8")
        assert re.findall(r'href="([^"]+)"', index) == [f"{n}.html" for n in ALL_TARGETS]
        assert "(chưa dựng)" not in index and "dữ liệu tổng hợp" in index

    def test_reports_hide_the_code_and_show_figures(self, built):
        html = (built["root"] / "reports" / "chiem-hoa.html").read_text(encoding="utf-8")
        assert "read_reports(" not in html and "save_figure(" not in html
        from helpers.figures import DISTRICT_FIGURES

        assert html.count('src="data:image/svg+xml;base64,') == len(DISTRICT_FIGURES)
        assert "Chiêm Hóa kết nạp" in html

    def test_figures_with_sidecars(self, built):
        from helpers.figures import DISTRICT_FIGURES, PROVINCE_FIGURES

        figures = built["root"] / "figures"
        for district in build.DISTRICTS:
            for name in DISTRICT_FIGURES:
                for ext in ("png", "svg", "pdf", "json"):
                    assert (figures / slug(district) / f"{name}_vi.{ext}").exists()
        for name in PROVINCE_FIGURES:
            assert (figures / "province" / f"{name}_vi.json").exists()

    def test_executed_notebooks_and_stamps(self, built):
        root = built["root"] / "build"
        assert sorted(p.stem for p in (root / "notebooks").glob("*.ipynb")) == sorted(ALL_TARGETS)
        stamp = json.loads((root / ".stamps" / "chiem-hoa.json").read_text(encoding="utf-8"))
        assert stamp["inputs"]["parameters"]["district"] == "Chiêm Hóa"

    def test_messages_report_the_data_check(self, built):
        first = built["said"]["first"]
        assert first[0].startswith("Kiểm tra dữ liệu")
        assert any(line.startswith("Dữ liệu: ") and " 0 lỗi" in line for line in first)
        assert first[-1].startswith("Xong: 9 báo cáo")

    def test_second_run_does_nothing_and_says_so(self, built):
        again = built["again"]
        assert again.built == [] and again.skipped == ALL_TARGETS
        assert built["said"]["again"] == [
            f"Không có gì phải làm: 9 báo cáo đã cập nhật ({built['root'] / 'build' / '.stamps'}). "
            "Dùng --force để dựng lại tất cả."
        ]

    def test_noop_from_the_command_line_is_light(self, built):
        noop = built["noop"]
        assert noop.returncode == 0, noop.stderr
        assert noop.stdout.startswith("Không có gì phải làm: 9 báo cáo đã cập nhật")
        assert "HEAVY []" in noop.stdout
        assert noop.stderr == ""

    def test_changed_workbook_rebuilds_what_reads_it(self, built):
        changed = built["changed"]
        assert changed.ok and changed.built == ["na-hang", "province", "fact-check"]
        assert changed.skipped == [n for n in ALL_TARGETS if n not in changed.built]

    def test_unchanged_figures_are_not_rewritten(self, built):
        before, after = built["figures_before"], built["figures_changed"]
        assert {k: v for k, v in after.items() if k.startswith("chiem-hoa/")} == {
            k: v for k, v in before.items() if k.startswith("chiem-hoa/")
        }

    def test_force_rebuilds_byte_identical_figures(self, built):
        forced = built["forced"]
        assert forced.built == ["chiem-hoa"]
        before = {k: v for k, v in built["figures_changed"].items() if k.startswith("chiem-hoa/")}
        after = {k: v for k, v in built["figures_after"].items() if k.startswith("chiem-hoa/")}
        assert len(before) >= 32 and after == before
