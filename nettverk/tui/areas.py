"""The areas of the app in navigation order, with the key that jumps to each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nettverk.tui.widgets.list_area import Area


@dataclass(frozen=True)
class AreaSpec:
    """An area: its id, its Norwegian name, its jump key and how to build it."""

    id: str
    label: str
    key: str
    build: Callable[[], Area]


def _municipalities() -> Area:
    from nettverk.tui.screens.municipalities import MunicipalitiesArea

    return MunicipalitiesArea(id="area-kommuner")


def _programmes() -> Area:
    from nettverk.tui.screens.programmes import ProgrammesArea

    return ProgrammesArea(id="area-program")


def _overview() -> Area:
    from nettverk.tui.screens.overview import OverviewArea

    return OverviewArea(id="area-oversikt")


def _milestones() -> Area:
    from nettverk.tui.screens.milestones import MilestonesArea

    return MilestonesArea(id="area-milepaeler")


def _gatherings() -> Area:
    from nettverk.tui.screens.gatherings import GatheringsArea

    return GatheringsArea(id="area-samlinger")


def _applications() -> Area:
    from nettverk.tui.screens.applications import ApplicationsArea

    return ApplicationsArea(id="area-soknader")


def _plans() -> Area:
    from nettverk.tui.screens.plans import PlansArea

    return PlansArea(id="area-planarbeid")


def _agreements() -> Area:
    from nettverk.tui.screens.agreements import AgreementsArea

    return AgreementsArea(id="area-avtaler")


def _evaluation() -> Area:
    from nettverk.tui.screens.evaluation import EvaluationArea

    return EvaluationArea(id="area-evaluering")


def _exports() -> Area:
    from nettverk.tui.screens.exports import ExportsArea

    return ExportsArea(id="area-eksport")


def all_areas() -> list[AreaSpec]:
    """Every area, in the order of the tabs."""
    specs = [
        ("oversikt", "Oversikt", "1", _overview),
        ("kommuner", "Kommuner", "2", _municipalities),
        ("program", "Program", "3", _programmes),
        ("soknader", "Søknader", "4", _applications),
        ("samlinger", "Samlinger", "5", _gatherings),
        ("planarbeid", "Planarbeid", "6", _plans),
        ("milepaeler", "Milepæler", "7", _milestones),
        ("avtaler", "Avtaler", "8", _agreements),
        ("evaluering", "Evaluering", "9", _evaluation),
        ("eksport", "Eksport", "0", _exports),
    ]
    return [AreaSpec(area_id, label, key, build) for area_id, label, key, build in specs]
