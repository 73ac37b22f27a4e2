"""The areas of the app in navigation order, with the key that jumps to each."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from nettverk.tui.widgets.list_area import Area


@dataclass(frozen=True)
class AreaSpec:
    """An area: its id, its Norwegian name, its jump key and where its widget class lives."""

    id: str
    label: str
    key: str
    module: str
    class_name: str

    def area_class(self) -> type[Area]:
        """The area's widget class (imported on first use)."""
        cls: type[Area] = getattr(import_module(f"nettverk.tui.screens.{self.module}"),
                                  self.class_name)
        return cls

    def build(self) -> Area:
        """A new area widget."""
        return self.area_class()(id=f"area-{self.id}")


AREAS = [
    AreaSpec("oversikt", "Oversikt", "1", "overview", "OverviewArea"),
    AreaSpec("kommuner", "Kommuner", "2", "municipalities", "MunicipalitiesArea"),
    AreaSpec("program", "Program", "3", "programmes", "ProgrammesArea"),
    AreaSpec("soknader", "Søknader", "4", "applications", "ApplicationsArea"),
    AreaSpec("samlinger", "Samlinger", "5", "gatherings", "GatheringsArea"),
    AreaSpec("planarbeid", "Planarbeid", "6", "plans", "PlansArea"),
    AreaSpec("milepaeler", "Milepæler", "7", "milestones", "MilestonesArea"),
    AreaSpec("avtaler", "Avtaler", "8", "agreements", "AgreementsArea"),
    AreaSpec("evaluering", "Evaluering", "9", "evaluation", "EvaluationArea"),
    AreaSpec("eksport", "Eksport", "0", "exports", "ExportsArea"),
]


def all_areas() -> list[AreaSpec]:
    """Every area, in the order of the tabs."""
    return list(AREAS)
