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


def _activity_profiles(db, actor):
    from app.ui.activity_profiles_page import ActivityProfilesPage

    return ActivityProfilesPage(db, actor)


def _channels(db, actor):
    from app.ui.channels_page import ChannelsPage

    return ChannelsPage(db, actor)


def _contingents(db, actor):
    from app.ui.contingents_page import ContingentsPage

    return ContingentsPage(db, actor)


def _interfaces(db, actor):
    from app.ui.interfaces_page import InterfacesPage

    return InterfacesPage(db, actor)


def _seat_plan(db, actor):
    from app.ui.seatplan_page import SeatPlanPage

    return SeatPlanPage(db, actor)


def pages() -> list[Page]:
    soon_sync = "Schedules and executions come with the synchronisation engine."
    soon_reports = "Reports (sale sheet, partner statement) come with their own capability."
    return [
        Page(_t("Catalogue"), "activity_profiles", _t("Activity profiles"), _activity_profiles),
        Page(_t("Seat plans"), "counters", _t("Counters"), _counters),
        Page(_t("Seat plans"), "seat_plan", _t("Seat plan"), _seat_plan),
        Page(_t("Distributors"), "channels", _t("Sales channels"), _channels),
        Page(_t("Distributors"), "contingents", _t("Contingents"), _contingents),
        Page(_t("Distributors"), "interfaces", _t("Interfaces"), _interfaces),
        Page(_t("Schedules"), "schedules", _t("Schedules"), _placeholder("Schedules", soon_sync)),
        Page(_t("Executions"), "executions", _t("Executions"), _placeholder("Executions", soon_sync)),
        Page(_t("Reports"), "reports", _t("Reports"), _placeholder("Reports", soon_reports)),
    ]
