"""Safe output: helpers.safety (formula injection, publish-mode suppression)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from helpers.safety import display_suppressed, neutralise_formulas, suppress, suppression_note

LEVELS = ["excellent", "good", "completed", "not_completed"]


class TestNeutraliseFormulas:
    def test_each_trigger_gets_an_apostrophe(self):
        frame = pd.DataFrame({"unit": ["=1+1", "+SUM(A1)", "-2+3+cmd|' /C calc'!A0", "@A1", "\tx", "\ry", "Hòa Phú"]})
        out = neutralise_formulas(frame)
        expected = pd.DataFrame(
            {"unit": ["'=1+1", "'+SUM(A1)", "'-2+3+cmd|' /C calc'!A0", "'@A1", "'\tx", "'\ry", "Hòa Phú"]}
        )
        assert_frame_equal(out, expected)

    def test_plain_numbers_typed_as_text_are_left_alone(self):
        frame = pd.DataFrame({"note": ["-5", "+3", "-1.234,5", "-1+1", "-"]})
        assert neutralise_formulas(frame)["note"].tolist() == ["-5", "+3", "-1.234,5", "'-1+1", "'-"]

    def test_numbers_missing_values_and_dtypes_are_kept(self):
        frame = pd.DataFrame(
            {
                "unit": pd.Series(["=x", None], dtype="str"),
                "count": pd.array([-3, None], dtype="Int64"),
                "share": [-0.5, 1.0],
            }
        )
        out = neutralise_formulas(frame)
        expected = frame.copy()
        expected["unit"] = pd.Series(["'=x", None], dtype="str")
        assert_frame_equal(out, expected)

    def test_object_and_category_columns(self):
        frame = pd.DataFrame({"o": pd.Series(["=a", 1], dtype=object), "c": pd.Categorical(["@b", "ok"])})
        out = neutralise_formulas(frame)
        assert out["o"].tolist() == ["'=a", 1]
        assert out["c"].tolist() == ["'@b", "ok"]

    def test_column_names(self):
        assert list(neutralise_formulas(pd.DataFrame({"=evil": [1], "unit": [2]})).columns) == ["'=evil", "unit"]

    def test_input_is_not_changed(self):
        frame = pd.DataFrame({"unit": ["=1"]})
        neutralise_formulas(frame)
        assert frame["unit"].tolist() == ["=1"]

    def test_csv_written_from_it_starts_no_cell_with_a_trigger(self):
        frame = pd.DataFrame({"unit": ["=HYPERLINK(\"http://x\")", "Vĩnh Lộc"], "admitted": [7, 6]})
        text = neutralise_formulas(frame).to_csv(index=False)
        cells = [c for line in text.splitlines()[1:] for c in line.split(",")]
        assert not any(c.lstrip('"')[:1] in "=+-@" for c in cells)
        assert pd.read_csv(io.StringIO(text))["unit"].tolist() == ["'=HYPERLINK(\"http://x\")", "Vĩnh Lộc"]


# --- suppression ------------------------------------------------------------------


def _published_system(original, published, value_columns, totals, by):
    """Hidden cells and the equations an attacker can write: A x = b."""
    hidden = [(i, c) for c in value_columns for i in published.index if pd.isna(published.at[i, c])]
    pos = {cell: k for k, cell in enumerate(hidden)}
    rows, rhs = [], []

    def add(cells, total):
        row = np.zeros(len(hidden))
        known = 0
        for cell in cells:
            if cell in pos:
                row[pos[cell]] = 1
            else:
                known += int(published.at[cell])
        if row.any():
            rows.append(row)
            rhs.append(total - known)

    groups = [original.index] if by is None else [g.index for _, g in original.groupby(by)]
    for idx in groups:  # the group's column totals are published
        for c in value_columns:
            add([(i, c) for i in idx], int(original.loc[idx, c].sum()))
    for total, parts in totals.items():  # row totals are published
        for i in original.index:
            add([(i, c) for c in parts], int(published.at[i, total]))
    return hidden, np.array(rows).reshape(len(rows), len(hidden)), np.array(rhs)


def _other_integer_value(a, b, truth, k):
    """A non-negative integer solution of a x = b whose k-th value differs from the truth (or None)."""
    n = len(truth)
    upper = [int(min((b[r] for r in range(len(b)) if a[r, j]), default=max(truth) + 5)) for j in range(n)]
    order = sorted(range(n), key=lambda j: (j != k, upper[j]))
    x = [0] * n

    def ok(partial: int) -> bool:
        assigned = set(order[:partial])
        for r in range(len(b)):
            s = sum(x[j] for j in assigned if a[r, j])
            if s > b[r] or (all(j in assigned for j in range(n) if a[r, j]) and s != b[r]):
                return False
        return True

    def dfs(d: int):
        if d == n:
            return list(x)
        j = order[d]
        for v in range(upper[j] + 1):
            if j == k and v == truth[k]:
                continue
            x[j] = v
            if ok(d + 1):
                found = dfs(d + 1)
                if found:
                    return found
        x[j] = 0
        return None

    return dfs(0)


def _attack(original, published, value_columns, totals=None, by=None):
    """Try to recover each hidden cell; return the cells recovered."""
    totals = totals or {}
    hidden, a, b = _published_system(original, published, value_columns, totals, by)
    truth = [int(original.at[cell]) for cell in hidden]
    recovered = []
    if not hidden:
        return recovered
    # 1. linear algebra: a cell is fixed when no null-space direction moves it
    _, s, vt = np.linalg.svd(a) if len(a) else (None, np.array([]), np.eye(len(hidden)))
    rank = int((s > 1e-9).sum())
    null = vt[rank:]
    for k, cell in enumerate(hidden):
        if null.size == 0 or np.allclose(null[:, k], 0):
            recovered.append(cell)
    # 2. integers >= 0: another solution must exist with a different value
    for k, cell in enumerate(hidden):
        if cell not in recovered and len(hidden) <= 12 and _other_integer_value(a, b, truth, k) is None:
            recovered.append(cell)
    return recovered


class TestSuppress:
    def test_small_counts_and_their_partners_are_hidden_per_district(self):
        table = pd.DataFrame(
            {
                "district": ["Chiêm Hóa"] * 3 + ["Na Hang"] * 2,
                "unit": ["Hòa Phú", "Vĩnh Lộc", "Công an huyện", "Thượng Lâm", "Côn Lôn"],
                "female": [1, 5, 7, 4, 6],
                "religious": [0, 0, 2, 0, 1],
            }
        )
        out = suppress(table, value_columns=["female", "religious"], by="district")
        expected = table.copy()
        # Chiêm Hóa: female 1 and its smallest partner 5; religious 2 and a zero
        # (no other cell beside it).  Na Hang: religious 1 and the only other cell.
        expected["female"] = pd.array([None, None, 7, 4, 6], dtype="Int64")
        expected["religious"] = pd.array([None, 0, None, None, None], dtype="Int64")
        expected["female_suppressed"] = pd.array([True, True, False, False, False], dtype="boolean")
        expected["religious_suppressed"] = pd.array([True, False, True, True, True], dtype="boolean")
        assert_frame_equal(out, expected)

    def test_row_totals_force_a_second_cell_in_the_row(self):
        table = pd.DataFrame(
            {
                "unit": ["A", "B", "C"],
                "excellent": [2, 10, 12],
                "good": [30, 25, 40],
                "completed": [8, 6, 9],
                "not_completed": [0, 0, 0],
                "total": [40, 41, 61],
            }
        )
        out = suppress(table, value_columns=LEVELS, total_columns={"total": LEVELS})
        hidden = {(i, c) for c in LEVELS for i in out.index if out.at[i, f"{c}_suppressed"]}
        assert hidden == {(0, "excellent"), (1, "excellent"), (0, "completed"), (1, "completed")}
        assert out["total"].tolist() == [40, 41, 61]
        assert _attack(table, out, LEVELS, {"total": LEVELS}) == []

    def test_zeros_and_counts_at_the_threshold_are_published(self):
        table = pd.DataFrame({"n": [0, 3, 0, 4]})
        out = suppress(table, value_columns=["n"])
        assert out["n"].tolist() == [0, 3, 0, 4]
        assert not out["n_suppressed"].any()

    def test_threshold_is_a_parameter(self):
        out = suppress(pd.DataFrame({"n": [4, 5, 9, 9]}), threshold=5, value_columns=["n"])
        assert out["n"].isna().tolist() == [True, True, False, False]

    def test_one_unit_group_is_reported_unprotected(self):
        out = suppress(pd.DataFrame({"d": ["X"], "n": [1]}), value_columns=["n"], by="d")
        assert out.attrs["suppression"]["unprotected"] == [(0, "n")]

    def test_bad_arguments(self):
        with pytest.raises(ValueError, match="threshold must be at least 1"):
            suppress(pd.DataFrame({"n": [1]}), threshold=0, value_columns=["n"])
        with pytest.raises(ValueError, match="total parts must be value columns"):
            suppress(pd.DataFrame({"n": [1], "t": [1]}), value_columns=["n"], total_columns={"t": ["m"]})

    @settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.integers(2, 5).flatmap(
            lambda units: st.lists(
                st.lists(st.integers(0, 12), min_size=3, max_size=3), min_size=units, max_size=units
            )
        ),
        st.booleans(),
        st.booleans(),
    )
    def test_attacker_recovers_nothing(self, rows, with_totals, two_districts):
        cols = ["a", "b", "c"]
        table = pd.DataFrame(rows, columns=cols)
        table["district"] = ["X" if (i % 2 == 0 or not two_districts) else "Y" for i in range(len(table))]
        table["total"] = table[cols].sum(axis=1)
        totals = {"total": cols} if with_totals else None
        out = suppress(table, value_columns=cols, total_columns=totals, by="district")
        unprotected = set(out.attrs["suppression"]["unprotected"])
        # every small count is hidden, every other published cell is true
        for c in cols:
            small = table[c].between(1, 2)
            assert out.loc[small, c].isna().all()
            shown = out[c].notna()
            assert (out.loc[shown, c] == table.loc[shown, c]).all()
        recovered = set(_attack(table, out, cols, totals, by="district"))
        assert recovered <= unprotected


class TestAttacker:
    """The attack used above does recover what a careless publisher leaves."""

    def test_primary_suppression_alone_is_broken_by_column_totals(self):
        table = pd.DataFrame({"n": [1, 5, 7]})
        published = table.astype("Int64")
        published.loc[0, "n"] = pd.NA
        assert _attack(table, published, ["n"]) == [(0, "n")]

    def test_a_rectangle_of_hidden_cells_holds_and_one_published_corner_breaks_it(self):
        # a + b = 1 (row) and a = 1 - b: only integers >= 0 fit with b hidden
        # as 0 in one row and the column sum of a and b known per column.
        table = pd.DataFrame({"a": [1, 4], "b": [0, 6], "t": [1, 10]})
        published = table.astype("Int64")
        published.loc[0, ["a", "b"]] = pd.NA
        published.loc[1, ["a", "b"]] = pd.NA
        assert _attack(table, published, ["a", "b"], {"t": ["a", "b"]}) == []
        published.loc[1, ["a", "b"]] = [4, 6]
        assert sorted(_attack(table, published, ["a", "b"], {"t": ["a", "b"]})) == [(0, "a"), (0, "b")]


class TestDisplaySuppressed:
    def test_hidden_cells_show_a_mark_never_zero(self):
        out = display_suppressed(suppress(pd.DataFrame({"unit": ["A", "B", "C"], "n": [1, 0, 9]}), value_columns=["n"]))
        expected = pd.DataFrame({"unit": ["A", "B", "C"], "n": ["*", "0", "*"]})
        expected["n"] = expected["n"].astype("str")
        assert_frame_equal(out, expected)


class TestSuppressionNote:
    def test_both_languages(self):
        assert suppression_note(3).startswith("* Số nhỏ hơn 3")
        assert suppression_note(5, lang="en") == "* Counts below 5, and the cells that would reveal them, are not shown."
