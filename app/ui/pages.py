"""The navigation of the main window, matching the seed's menus. Each page is built on
first use; a capability adds its screen by replacing a placeholder factory here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.db.engine import Database
from app.domain.actors import Actor


def _t(text: str) -> str:
    return QCoreApplication.translate("Navigation", text)


@dataclass(frozen=True)
class Page:
    section: str
    key: str
    title: str
    factory: Callable[[Database, Actor], QWidget]


def _placeholder(title: str, capability: str):
    def make(db, actor):
        from app.ui.widgets import PlaceholderPage

        return PlaceholderPage(_t(title), _t(capability))

    return make


def _counters(db, actor):
    from app.ui.counters_page import CountersPage

    return CountersPage(db)


def _seat_plan(db, actor):
    from app.ui.seatplan_page import SeatPlanPage

    return SeatPlanPage(db, actor)


def pages() -> list[Page]:
    soon_setup = "This screen comes with the distributor set-up (sales channels, contingents, interfaces, mappings)."
    soon_sync = "Schedules and executions come with the synchronisation engine."
    soon_reports = "Reports (sale sheet, partner statement) come with their own capability."
    return [
        Page(_t("Catalogue"), "activity_profiles", _t("Activity profiles"), _placeholder("Activity profiles", soon_setup)),
        Page(_t("Seat plans"), "counters", _t("Counters"), _counters),
        Page(_t("Seat plans"), "seat_plan", _t("Seat plan"), _seat_plan),
        Page(_t("Distributors"), "channels", _t("Sales channels"), _placeholder("Sales channels", soon_setup)),
        Page(_t("Distributors"), "contingents", _t("Contingents"), _placeholder("Contingents", soon_setup)),
        Page(_t("Distributors"), "interfaces", _t("Interfaces"), _placeholder("Interfaces", soon_setup)),
        Page(_t("Schedules"), "schedules", _t("Schedules"), _placeholder("Schedules", soon_sync)),
        Page(_t("Executions"), "executions", _t("Executions"), _placeholder("Executions", soon_sync)),
        Page(_t("Reports"), "reports", _t("Reports"), _placeholder("Reports", soon_reports)),
    ]
