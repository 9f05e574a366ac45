"""The profile of new members from the forms: age bands, occupations, schooling, this period against the same one last year.

:func:`new_member_profile` turns the Biểu số 2-BTCTW rows of ``form_rows``
into one row per committee, period and criterion of the analysis sections
(II.1 occupations, II.2 age bands, II.3 schooling), with each figure's share
of the total new members.  It only computes: the reports draw it.

Examples
--------
>>> import pandas as pd
>>> rows = pd.DataFrame({"unit": ["Chiêm Hóa"] * 3, "year": [2023] * 3, "period": ["year"] * 3,
...     "form": ["2-BTCTW"] * 3, "section": ["I", "II.2", "II.2"], "criterion": ["total", "age.18_30", "age.31_35"],
...     "label": ["Tổng số đảng viên mới kết nạp", "Từ 18 đến 30 tuổi", "Từ 31 đến 35 tuổi"],
...     "value": [40.0, 30.0, 10.0], "previous": [32.0, 16.0, 16.0]})
>>> new_member_profile(rows)[["group", "criterion", "value", "share", "share_previous"]].values.tolist()
[['age', 'age.18_30', 30.0, 75.0, 50.0], ['age', 'age.31_35', 10.0, 25.0, 50.0]]
"""

from __future__ import annotations

#: The analysis sections of Biểu 2 in a profile, and the group each is.
GROUPS = {"II.1": "occupation", "II.2": "age", "II.3": "schooling"}

PROFILE_COLUMNS = ["unit", "year", "period", "group", "criterion", "label", "value", "previous", "share",
                   "share_previous"]


def new_member_profile(form_rows, *, unit: str | None = None, year: int | None = None):
    """The new members' profile (see the module docstring); ``unit``/``year`` keep one committee or year.

    Means (Tuổi bình quân) and the parts of a row (chia ra) are left out, so
    each group's shares add up to 100 when the form adds up.
    """
    import pandas as pd

    rows = form_rows[form_rows["form"] == "2-BTCTW"]
    if unit is not None:
        rows = rows[rows["unit"] == unit]
    if year is not None:
        rows = rows[rows["year"] == year]
    keys = ["unit", "year", "period"]
    totals = rows[rows["criterion"] == "total"].set_index(keys)[["value", "previous"]].add_suffix("_total")
    parts = rows[rows["section"].isin(list(GROUPS)) & (rows["criterion"] != "age.mean")
                 & (rows["criterion"].str.count(r"\.") == 1)]
    out = parts.join(totals, on=keys)
    out = out.assign(group=out["section"].map(GROUPS),
                     share=(out["value"] * 100 / out["value_total"]).where(out["value_total"] > 0),
                     share_previous=(out["previous"] * 100 / out["previous_total"]).where(out["previous_total"] > 0))
    return pd.DataFrame(out[PROFILE_COLUMNS]).reset_index(drop=True)
