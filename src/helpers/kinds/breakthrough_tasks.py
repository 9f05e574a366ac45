"""Breakthrough tasks (việc đột phá) assigned to leading cadres, and how many were completed."""

from __future__ import annotations

from .declare import Column, Heading, Kind, PartOfWhole

KIND = Kind(
    name="breakthrough_tasks",
    label={"vi": "giao việc đột phá", "en": "breakthrough tasks"},
    expected={
        "vi": "Số cán bộ được giao, Số việc đột phá hoặc Số việc hoàn thành",
        "en": "Số cán bộ được giao, Số việc đột phá or Số việc hoàn thành",
    },
    title="KẾT QUẢ GIAO VIỆC ĐỘT PHÁ, ĐỔI MỚI",
    title_words=("đột phá",),
    tidy={"cadres": "Int64", "tasks": "Int64", "tasks_completed": "Int64"},
    columns=(
        Column("cadres", Heading(("Cán bộ",)), label="Số cán bộ được giao",
               template={1: ("cadres",), 2: ("cadres",), 3: ("tasks_top", "cadres")}),
        Column("tasks_completed", Heading(("Hoàn thành", "HTNV")), label="Số việc hoàn thành",
               template={1: ("tasks_completed",), 2: ("tasks_group", "tasks_completed"),
                         3: ("tasks_top", "tasks_group", "tasks_completed")}),
        Column("tasks", Heading(("Việc", "Số việc")), label="Số việc đột phá",
               template={1: ("tasks",), 2: ("tasks_group", "tasks"), 3: ("tasks_top", "tasks_group", "tasks")}),
    ),
    rules=(PartOfWhole("tasks_completed", "tasks"),),
    words={
        "tasks_top": ("Kết quả giao việc đột phá", "Kết quả giao việc đột phá", "Kết quả giao việc đột phá"),
        "tasks_group": ("Việc đột phá, đổi mới", "Việc đột phá, đổi mới", "Việc đột phá, đổi mới"),
        "cadres": ("Số cán bộ được giao", "Số cán bộ được giao", "Số cán bộ được giao"),
        "tasks": ("Số việc đột phá", "Số việc đột phá", "Số việc được giao"),
        "tasks_completed": ("Số việc hoàn thành", "Số việc hoàn thành", "Số việc hoàn thành"),
    },
    unit_heading="unit_tasks",
    sheet_code="DP",
    instructions="Ghi số cán bộ được giao việc đột phá, số việc được giao và số việc đã hoàn thành.",
)
