"""``build --scheduler``: the same report tasks on a Dask cluster, the same bytes as the local pool."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from _office import office_workbook

from helpers import build

distributed = pytest.importorskip("distributed")  # the dev extra installs it: never skipped by `make test`

DISTRICT = "Na Hang"  # the office's own workbook: one district, admissions only (three figures)


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """One district built by the local pool, then again (forced) on a one-worker LocalCluster, in the same folders."""
    root = tmp_path_factory.mktemp("cluster-root")
    office_workbook(root / "data")
    where = {"data_dir": root / "data", "reports_dir": root / "reports", "figures_dir": root / "figures", "build_dir": root / "build"}
    local = build.build([DISTRICT], lang="vi", progress=False, echo=lambda line: None, **where)
    outputs = root / "reports", root / "figures"
    before = {str(o): _hashes(o) for o in outputs}
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        said: list[str] = []
        remote = build.build([DISTRICT], lang="vi", force=True, progress=False, echo=said.append,
                             scheduler=cluster.scheduler_address, **where)  # fmt: skip
        seen = list(cluster.scheduler.task_prefixes)
    after = {str(o): _hashes(o) for o in outputs}
    return {"local": local, "remote": remote, "before": before, "after": after, "said": said, "root": root, "seen": seen}


@pytest.mark.slow
class TestBuildOnADaskCluster:
    def test_builds_the_report_there(self, both):
        assert both["local"].ok and both["local"].built == ["na-hang"]
        assert both["remote"].ok and both["remote"].built == ["na-hang"]
        assert "report" in both["seen"]

    def test_outputs_byte_identical_to_the_local_pool(self, both):
        reports, figures = (str(both["root"] / d) for d in ("reports", "figures"))
        assert {"vi/na-hang.html", "vi/na-hang.docx", "vi/index.html"} <= set(both["before"][reports])
        assert any(name.endswith(".png") for name in both["before"][figures])
        assert both["after"] == both["before"]

    def test_an_unreachable_scheduler_is_a_clear_error(self, tmp_path):
        where = {"reports_dir": tmp_path / "r", "figures_dir": tmp_path / "f", "build_dir": tmp_path / "b"}
        with pytest.raises(OSError, match="Timed out|connect"):
            build.build([DISTRICT], lang="en", progress=False, echo=lambda line: None,
                        scheduler="tcp://127.0.0.1:9", **where)  # fmt: skip
