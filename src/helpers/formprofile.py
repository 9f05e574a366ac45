"""The profile of new members from the forms: age bands, occupations, schooling, this period against the same one last year.

:func:`new_member_profile` turns the Biểu số 2-BTCTW rows of ``form_rows``
into one row per committee, period and criterion of the analysis sections
(II.1 occupations, II.2 age bands, II.3 schooling), with each figure's share
of the total new members.  :func:`report_profile` is what a report shows:
one committee's latest year (a district's own form; the province's from
its board's form, else the districts' added up), shares as fractions, with
the short names of :data:`SHORT_LABELS`.  It only computes: the reports
draw it (:func:`helpers.plots.plot_new_member_profile`,
:func:`helpers.narrative.profile_reading`, :func:`helpers.tables.profile_table`).

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


#: The short name of each group and criterion of the profile in a report (the form's labels are long).
GROUP_NAMES = {"occupation": {"vi": "Nghề nghiệp", "en": "Occupation"}, "age": {"vi": "Tuổi đời", "en": "Age"},
               "schooling": {"vi": "Trình độ giáo dục phổ thông", "en": "Schooling"}}
SHORT_LABELS: dict[str, dict[str, str]] = {
    "occupation.state_official": {"vi": "CB, CC Nhà nước cấp huyện trở lên", "en": "State officials (district and up)"},
    "occupation.party_official": {"vi": "CB, CC Đảng, MTTQ, đoàn thể cấp huyện trở lên",
                                  "en": "Party and mass-organisation officials (district and up)"},
    "occupation.commune_official": {"vi": "CB, CC, người không chuyên trách cấp xã", "en": "Commune officials and staff"},
    "occupation.village_worker": {"vi": "Người không chuyên trách thôn, tổ dân phố", "en": "Village and street workers"},
    "occupation.public_employee": {"vi": "Viên chức sự nghiệp công lập", "en": "Public service employees"},
    "occupation.nonpublic_employee": {"vi": "Lao động sự nghiệp ngoài công lập", "en": "Non-public service employees"},
    "occupation.enterprise": {"vi": "Doanh nghiệp", "en": "Enterprises"},
    "occupation.farmer": {"vi": "Nông, lâm, ngư nghiệp", "en": "Farming, forestry, fishing"},
    "occupation.armed_forces": {"vi": "Quân đội, công an", "en": "Army and police"},
    "occupation.university_student": {"vi": "Sinh viên", "en": "University students"},
    "occupation.school_pupil": {"vi": "Học sinh", "en": "School pupils"},
    "occupation.other": {"vi": "Nghề khác", "en": "Other work"},
    "age.18_30": {"vi": "18–30 tuổi", "en": "Aged 18–30"},
    "age.31_35": {"vi": "31–35 tuổi", "en": "Aged 31–35"},
    "age.36_40": {"vi": "36–40 tuổi", "en": "Aged 36–40"},
    "age.41_45": {"vi": "41–45 tuổi", "en": "Aged 41–45"},
    "age.46_50": {"vi": "46–50 tuổi", "en": "Aged 46–50"},
    "age.51_55": {"vi": "51–55 tuổi", "en": "Aged 51–55"},
    "age.56_60": {"vi": "56–60 tuổi", "en": "Aged 56–60"},
    "age.over_60": {"vi": "Trên 60 tuổi", "en": "Over 60"},
    "schooling.literate": {"vi": "Biết đọc, biết viết", "en": "Can read and write"},
    "schooling.primary": {"vi": "Tiểu học", "en": "Primary"},
    "schooling.lower_secondary": {"vi": "Trung học cơ sở", "en": "Lower secondary"},
    "schooling.upper_secondary": {"vi": "Trung học phổ thông", "en": "Upper secondary"},
}


def short_label(criterion: str, lang: str | None = None) -> str:
    """The short name of a profile criterion in ``lang`` (the form's label when none is declared).

    >>> short_label("age.18_30", "en"), short_label("schooling.upper_secondary")
    ('Aged 18–30', 'Trung học phổ thông')
    """
    from .i18n import get_lang

    names = SHORT_LABELS.get(criterion)
    return names[get_lang(lang)] if names else criterion


def _committee_rows(form_rows, district: str | None):
    """The Biểu 2 rows of one committee's latest year: the district's own, or the province's.

    The province: the provincial board's form of the latest year when there
    is one, else the districts' forms of the latest year added up.
    """
    rows = form_rows[form_rows["form"] == "2-BTCTW"]
    if district is not None:
        rows = rows[(rows["district"] == district) & (rows["unit_type"] == "district")]
    elif (rows["unit_type"] == "province").any():
        rows = rows[rows["unit_type"] == "province"]
    else:
        rows = rows[rows["unit_type"] == "district"]
    if rows.empty:
        return rows
    rows = rows[rows["year"] == rows["year"].max()]
    if rows["unit"].nunique() > 1:  # the districts added up: the province's figures
        keys = ["year", "period", "form", "section", "criterion", "label"]
        rows = rows.groupby(keys, as_index=False, sort=False)[["value", "previous"]].sum(min_count=1)
        rows = rows.assign(unit=str(form_rows["province"].dropna().iloc[0]) if form_rows["province"].notna().any() else "")
    return rows


def report_profile(form_rows, *, district: str | None = None):
    """The profile a report shows: one committee's latest year, shares as fractions (0.75).

    ``district``: that district's own forms; ``None``: the province's (see
    :func:`_committee_rows`).  Empty when there is no Biểu 2 for it.
    ``attrs["year"]`` is the year shown, ``attrs["unit"]`` the committee.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"province": "Tuyên Quang", "district": "Na Hang", "unit": "Na Hang",
    ...     "unit_type": "district", "year": [2024] * 3, "period": "year", "form": "2-BTCTW",
    ...     "section": ["I", "II.2", "II.2"], "criterion": ["total", "age.18_30", "age.31_35"],
    ...     "label": ["Tổng số", "Từ 18 đến 30 tuổi", "Từ 31 đến 35 tuổi"],
    ...     "value": [40.0, 30.0, 10.0], "previous": [32.0, 16.0, 16.0]})
    >>> p = report_profile(rows, district="Na Hang")
    >>> p[["criterion", "share", "share_previous"]].values.tolist(), p.attrs["year"]
    ([['age.18_30', 0.75, 0.5], ['age.31_35', 0.25, 0.5]], 2024)
    """
    import pandas as pd

    rows = _committee_rows(form_rows, district) if len(form_rows) else form_rows
    if rows.empty:
        out = pd.DataFrame(columns=PROFILE_COLUMNS)
        out.attrs.update(year=None, unit=district)
        return out
    out = new_member_profile(rows)
    out = out.assign(share=out["share"] / 100, share_previous=out["share_previous"] / 100)
    order = {g: i for i, g in enumerate(GROUPS.values())}
    out = out.sort_values("group", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    out.attrs.update(year=int(out["year"].iloc[0]), unit=str(out["unit"].iloc[0]))
    return out
