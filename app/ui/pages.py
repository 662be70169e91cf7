"""The navigation of the main window, matching the seed's menus. Each page is built on
first use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.db.engine import Database
from app.domain.actors import Actor


@dataclass(frozen=True)
class Page:
    section: str
    key: str
    title: str
    factory: Callable[[Database, Actor], QWidget]


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
    from app.ui.interfaces import InterfacesPage

    return InterfacesPage(db, actor)


def _schedules(db, actor):
    from app.ui.schedules.overview import SchedulesPage

    return SchedulesPage(db, actor)


def _reports(db, actor):
    from app.ui.reports import ReportsPage

    return ReportsPage(db, actor)


def _journal(db, actor):
    from app.ui.journal_page import JournalPage

    return JournalPage(db, actor)


def _seat_plan(db, actor):
    from app.ui.seatplan_page import SeatPlanPage

    return SeatPlanPage(db, actor)


def _executions(db, actor):
    from app.ui.executions import ExecutionsView

    return ExecutionsView(db, actor)


def _operators(db, actor):
    from app.ui.operators_page import OperatorsPage

    return OperatorsPage(db, actor)


def pages() -> list[Page]:
    translate = QCoreApplication.translate  # literal (context, text) pairs: pyside6-lupdate reads them
    catalogue = translate("Navigation", "Catalogue")
    plans = translate("Navigation", "Seat plans")
    distributors = translate("Navigation", "Distributors")
    schedules = translate("Navigation", "Schedules")
    executions = translate("Navigation", "Executions")
    reports = translate("Navigation", "Reports")
    administration = translate("Navigation", "Administration")
    return [
        Page(catalogue, "activity_profiles", translate("Navigation", "Activity profiles"), _activity_profiles),
        Page(plans, "counters", translate("Navigation", "Counters"), _counters),
        Page(plans, "seat_plan", translate("Navigation", "Seat plan"), _seat_plan),
        Page(distributors, "channels", translate("Navigation", "Sales channels"), _channels),
        Page(distributors, "contingents", translate("Navigation", "Contingents"), _contingents),
        Page(distributors, "interfaces", translate("Navigation", "Interfaces"), _interfaces),
        Page(schedules, "schedules", schedules, _schedules),
        Page(executions, "executions", executions, _executions),
        Page(reports, "reports", reports, _reports),
        # The auditor's screen (arrêté du 8 mars 1993): the journal, read only, beside the statements.
        Page(reports, "journal", translate("Navigation", "Operations journal"), _journal),
        Page(administration, "operators", translate("Navigation", "Operators"), _operators),
    ]
