"""The explorer: pick a district, a year, an indicator, a language and boundaries; see the figure and the table.

The notebook ``06_explorer`` shows :func:`explorer`: drop-down lists
(ipywidgets) that redraw the figure, its reading and its table in place.
Everything the widgets do is a plain function of this module, tested
without a browser:

- :func:`choices`: what each list offers for the current choice (the
  districts in the data, the years of the chosen district's data of the
  indicator's kind, …), labelled in the chosen language;
- :func:`settle`: a choice made consistent (a year the district has, a
  district that is in the data);
- :func:`render`: the figure, the reading and the table of a choice.

Examples
--------
>>> from helpers.report import load_data
>>> data = load_data()
>>> state = settle(data, Choice(district="na hang", year=2030, figure="breakthrough_tasks", lang="en"))
>>> state.district, state.year
('Na Hang', 2024)
>>> [label for label, _ in choices(data, state)["boundaries"]][:2]
['as reported', '2016']
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .i18n import translate

__all__ = ["Choice", "Explorer", "View", "choices", "explorer", "render", "settle"]

_MESSAGES = {
    "district": {"vi": "Huyện", "en": "District"},
    "year": {"vi": "Năm", "en": "Year"},
    "figure": {"vi": "Chỉ số", "en": "Indicator"},
    "lang": {"vi": "Ngôn ngữ", "en": "Language"},
    "boundaries": {"vi": "Địa giới", "en": "Boundaries"},
    "as_reported": {"vi": "như báo cáo", "en": "as reported"},
    "admissions_target": {"vi": "Kết nạp so với chỉ tiêu", "en": "Admissions against the target"},
    "term_pace": {"vi": "Tiến độ chỉ tiêu nhiệm kỳ", "en": "Progress on the term target"},
    "admissions_composition": {"vi": "Thành phần đảng viên mới", "en": "Who the new members are"},
    "ratings_organisations": {"vi": "Xếp loại tổ chức cơ sở đảng", "en": "Ratings of party organisations"},
    "ratings_members": {"vi": "Xếp loại đảng viên", "en": "Ratings of party members"},
    "excellent_quota": {"vi": "Giới hạn 20 % xuất sắc", "en": "The 20% excellent quota"},
    "non_local_leadership": {"vi": "Cán bộ chủ chốt không phải người địa phương", "en": "Non-local commune leaders"},
    "breakthrough_tasks": {"vi": "Việc đột phá", "en": "Breakthrough tasks"},
}

_LANG_NAMES = (("Tiếng Việt", "vi"), ("English", "en"))


def _t(key: str, lang: str, **params: object) -> str:
    return translate(_MESSAGES, key, lang, **params)


@dataclass(frozen=True)
class Choice:
    """What the explorer shows: a district, a report year (``None``: the latest), a
    district figure of :data:`helpers.figures.DISTRICT_FIGURES`, a language, boundaries."""

    district: str | None = None
    year: int | None = None
    figure: str = "admissions_target"
    lang: str = "vi"
    boundaries: int | None = None


@dataclass
class View:
    """What a choice shows: the figure (a matplotlib Figure), its reading, the table."""

    figure: object
    reading: str
    table: object


def _figures() -> dict[str, str]:
    from .figures import FIGURE_TABLES

    return dict(FIGURE_TABLES)


def _years(data, district: str, kind: str) -> list[int]:
    frame = data.tables[kind]
    return sorted({int(y) for y in frame.loc[frame["district"] == district, "year"].dropna()})


def settle(data, choice: Choice) -> Choice:
    """``choice`` made consistent with the data: the district resolved (the first
    district when none is given), the year one the district has for the figure's kind."""
    figure = choice.figure if choice.figure in _figures() else next(iter(_figures()))
    district = data.resolve(choice.district, lang=choice.lang) if choice.district else data.districts[0]
    years = _years(data, district, _figures()[figure])
    year = choice.year
    if years and (year is None or year not in years):
        year = years[-1] if year is None or year > years[-1] else min((y for y in years if y >= year), default=years[-1])
    return replace(choice, district=district, figure=figure, year=year if years else None)


def choices(data, choice: Choice) -> dict[str, list[tuple[str, object]]]:
    """For each list, its ``(label, value)`` options for ``choice`` (settled), labelled in its language."""
    lang = choice.lang
    all_years = sorted({int(y) for frame in data.tables.values() for y in frame["year"].dropna().unique()})
    return {
        "district": [(d, d) for d in data.districts],
        "year": [(str(y), y) for y in _years(data, choice.district, _figures()[choice.figure])],
        "figure": [(_t(name, lang), name) for name in _figures()],
        "lang": list(_LANG_NAMES),
        "boundaries": [(_t("as_reported", lang), None)] + [(str(y), y) for y in all_years],
    }


def render(data, choice: Choice) -> View:
    """Draw ``choice`` (settled): the figure as the report draws it, with the data up to its year."""
    from .figures import draw
    from .report import ReportContext

    ctx = ReportContext(dataset=data, lang=choice.lang, district=choice.district, boundaries=choice.boundaries, until=choice.year)
    kind = _figures()[choice.figure]
    fig = draw(choice.figure, ctx.tables, district=choice.district, lang=choice.lang, year=choice.year,
               boundaries=choice.boundaries, synthetic=ctx.synthetic)  # fmt: skip
    table = ctx.table(kind) if ctx.has(kind) else ctx.missing(kind)
    return View(figure=fig, reading=str(ctx.reading(choice.figure)), table=table)


class Explorer:
    """The drop-down lists and the figure, reading and table they redraw (ipywidgets).

    ``controls`` maps ``district``, ``year``, ``figure``, ``lang`` and
    ``boundaries`` to their ``Dropdown``; changing one calls :meth:`choose`,
    which settles the choice, refreshes the lists and redraws.
    """

    def __init__(self, data, choice: Choice | None = None) -> None:
        import ipywidgets as w

        self.data = data
        self.choice = settle(data, choice or Choice())
        self.view: View | None = None
        self._syncing = False
        self.controls = {name: w.Dropdown(description=_t(name, self.choice.lang)) for name in ("district", "year", "figure", "lang", "boundaries")}
        self.reading = w.HTML()
        self.figure_out, self.table_out = w.Output(), w.Output()
        self._sync()
        for name, control in self.controls.items():
            control.observe(lambda change, name=name: self._changed(name, change["new"]), names="value")
        self.widget = w.VBox([w.HBox(list(self.controls.values())), self.reading, self.figure_out, self.table_out])
        self.refresh()

    def _changed(self, name: str, value: object) -> None:
        if not self._syncing:
            self.choose(**{name: value})

    def choose(self, **changes: object) -> View:
        """Change the choice (``district="Na Hang"``, ``year=2022`` …), then redraw."""
        self.choice = settle(self.data, replace(self.choice, **changes))
        self._sync()
        return self.refresh()

    def _sync(self) -> None:
        """Put the lists' options, labels and values in line with the choice."""
        self._syncing = True
        try:
            for name, options in choices(self.data, self.choice).items():
                control = self.controls[name]
                control.description = _t(name, self.choice.lang)
                control.options = options
                control.value = getattr(self.choice, name)
        finally:
            self._syncing = False

    def refresh(self) -> View:
        """Redraw the figure, the reading and the table for the current choice."""
        import html

        import matplotlib.pyplot as plt
        from IPython.display import clear_output, display

        self.view = render(self.data, self.choice)
        self.reading.value = f"<p>{html.escape(self.view.reading)}</p>"
        with self.figure_out:
            clear_output(wait=True)
            display(self.view.figure)
        plt.close(self.view.figure)
        with self.table_out:
            clear_output(wait=True)
            display(self.view.table)
        return self.view

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def explorer(data_dir=None, *, lang: str = "vi", district: str | None = None) -> Explorer:
    """The explorer over the workbooks at ``data_dir`` (default: the bundled data)."""
    from .report import load_data

    return Explorer(load_data(data_dir, lang=lang), Choice(district=district, lang=lang))
