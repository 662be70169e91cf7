"""Building blocks of the set-up screens: forms that show each validation message next to
its field, colour fields, check lists, translated labels of the venue's vocabulary, and the
way a screen asks another screen to open ("fix it there")."""

from __future__ import annotations

from typing import Any, Callable, Iterable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.adapters.registry import DISTRIBUTORS
from app.domain.enums import (
    ChannelKind,
    ChannelType,
    ContingentType,
    ErrorClass,
    MappedObject,
    MappingKind,
    PricePolicy,
    ProfileState,
)
from app.services.validation import FieldErrors
from app.ui.tasks import tasks
from app.ui.widgets import RowsModel, show_error

ERROR_STYLE = "color: #b00020"


def distributor_label(kind) -> str:
    """A distributor's label as its adapter declares it; the labels that are words rather
    than brand names are translated here (literal pairs, so that pyside6-lupdate reads them)."""
    text = DISTRIBUTORS[kind].label
    words = {"Guichet file": QCoreApplication.translate("Setup", "Guichet file")}  # Fichier Guichet
    return words.get(text, text)


def enum_labels() -> dict[Any, str]:
    """The screens' words for stored enum values (French in the comments: the seed's labels)."""
    translate = QCoreApplication.translate  # literal (context, text) pairs: pyside6-lupdate reads them
    distributors = {k: distributor_label(k) for k in DISTRIBUTORS}
    return distributors | {
        ChannelKind.INTERNAL: translate("Setup", "Internal"),  # Interne
        ChannelKind.EXTERNAL: translate("Setup", "External"),  # Externe
        ChannelType.BOX_OFFICE: translate("Setup", "Box office"),  # Guichet
        ChannelType.WEB: translate("Setup", "Web"),
        ChannelType.PHONE: translate("Setup", "Phone"),  # Téléphone
        ChannelType.DISTRIBUTOR: translate("Setup", "Distributor"),  # Distributeur
        ChannelType.OTHER: translate("Setup", "Other"),  # Autre
        ContingentType.OTHER: translate("Setup", "Other"),  # Autre
        ContingentType.COLLECTIVITY: translate("Setup", "Collectivity/Group"),  # Collectivité/Groupe
        ContingentType.EXTERNAL: translate("Setup", "External"),  # Externe
        PricePolicy.ERROR_IF_DIFFERENT: translate("Setup", "Error if the distributor's price differs"),
        PricePolicy.TAKE_OURS: translate("Setup", "Take our price"),
        PricePolicy.TAKE_THEIRS: translate("Setup", "Take the distributor's price"),
        MappingKind.PRODUCT: translate("Setup", "Events / products / performances / articles"),
        MappingKind.ZONE: translate("Setup", "Geographic zones"),  # Zones géographiques
        MappingKind.SEAT_CATEGORY: translate("Setup", "Seat categories"),  # Catégories de places
        MappingKind.LOGICAL_CONFIGURATION: translate("Setup", "Logical configurations"),  # Configurations logiques
        MappingKind.TARIFF: translate("Setup", "Audience sub-categories"),  # Sous-catégories de public
        MappedObject.EVENT: translate("Setup", "Event"),
        MappedObject.DATED_PASS: translate("Setup", "Dated pass"),
        MappedObject.UNDATED_PASS: translate("Setup", "Undated pass"),
        MappedObject.SERVICE: translate("Setup", "Service"),
        MappedObject.ARTICLE: translate("Setup", "Article"),
        MappedObject.PERFORMANCE: translate("Setup", "Performance"),  # Séance
        MappedObject.ZONE: translate("Setup", "Zone"),
        MappedObject.BLOCK: translate("Setup", "Block"),  # Bloc
        MappedObject.SEAT_CATEGORY: translate("Setup", "Seat category"),
        MappedObject.LOGICAL_CONFIGURATION: translate("Setup", "Logical configuration"),
        MappedObject.TARIFF: translate("Setup", "Tariff"),
        ProfileState.DRAFT: translate("Setup", "Draft"),  # Brouillon
        ProfileState.VALIDATED: translate("Setup", "Validated"),  # Validé
        ErrorClass.CONFIGURATION: translate("Setup", "Configuration"),
        ErrorClass.MAPPING: translate("Setup", "Mapping"),  # Correspondance
        ErrorClass.EXTERNAL: translate("Setup", "External"),
        ErrorClass.TECHNICAL: translate("Setup", "Technical"),
        ErrorClass.CASCADE: translate("Setup", "Cascade"),
    }


def label(value) -> str:
    return enum_labels().get(value, getattr(value, "value", str(value)))


def yes_no(flag: bool) -> str:
    return QCoreApplication.translate("Setup", "Yes") if flag else QCoreApplication.translate("Setup", "No")


def confirm(parent, title: str, text: str) -> bool:
    """Ask a yes/no question. Tests replace it (monkeypatch) to answer."""
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class StyledRowsModel(RowsModel):
    """RowsModel plus a text colour per cell (the contingents' colours)."""

    def __init__(self, columns, parent=None, foreground: dict[int, Callable[[Any], str | None]] | None = None):
        super().__init__(columns, parent)
        self.foreground = foreground or {}

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < len(self.rows):
            fn = self.foreground.get(index.column())
            c = fn(self.rows[index.row()]) if fn else None
            return QColor(c) if c else None
        return super().data(index, role)


def table_view(model, name: str) -> QTableView:
    view = QTableView(objectName=name)
    model.upper_headers = True
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def selected_row(view: QTableView):
    idx = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not idx:
        return None
    row = idx[0].row()
    rows = view.model().rows
    return rows[row] if row < len(rows) else None


def select_where(view: QTableView, pred: Callable[[Any], bool]) -> bool:
    for i, r in enumerate(view.model().rows):
        if pred(r):
            view.selectRow(i)
            view.scrollTo(view.model().index(i, 0))
            return True
    return False


class Form(QWidget):
    """A form whose rows each carry a message label under the field (objectName error_FIELD)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.general = QLabel(objectName="error_form")
        self.general.setStyleSheet(ERROR_STYLE)
        self.general.setWordWrap(True)
        self.general.hide()

    def add(self, key: str, text: str, widget: QWidget) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(widget)
        err = QLabel(objectName=f"error_{key}")
        err.setStyleSheet(ERROR_STYLE)
        err.setWordWrap(True)
        err.hide()
        lay.addWidget(err)
        self.layout_.addRow(text, box)
        self.fields[key], self.errors[key] = widget, err
        return widget

    def add_row(self, text: str, widget: QWidget) -> None:
        self.layout_.addRow(text, widget)

    def finish(self) -> None:
        self.layout_.addRow(self.general)

    def clear_errors(self) -> None:
        for e in self.errors.values():
            e.clear()
            e.hide()
        self.general.clear()
        self.general.hide()

    def show_errors(self, errors: dict[str, str], aliases: dict[str, str] | None = None) -> None:
        """Each message next to its field; messages of fields not on this form at the bottom."""
        self.clear_errors()
        rest = []
        first = None
        for key, msg in errors.items():
            key = (aliases or {}).get(key, key)
            if key in self.errors:
                self.errors[key].setText(msg)
                self.errors[key].show()
                first = first or self.fields[key]
            else:
                rest.append(msg)
        if rest:
            self.general.setText("\n".join(rest))
            self.general.show()
        if first is not None:
            first.setFocus()

    def error_text(self, key: str) -> str:
        return self.errors[key].text() if key in self.errors else ""


def save_with(form: Form, fn: Callable[[], Any], on_ok: Callable[[Any], None], title: str,
              aliases: dict[str, str] | None = None) -> None:
    """Run a service write off the GUI thread; field errors go next to their fields."""
    form.clear_errors()

    def failed(exc):
        if isinstance(exc, FieldErrors):
            form.show_errors(exc.errors, aliases)
        else:
            show_error(form, title, exc)

    tasks().run(fn, on_ok, failed)


class ColorField(QWidget):
    """A #RRGGBB text field with a swatch button that opens the colour picker."""

    changed = Signal(str)

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit(objectName=f"{name}Edit")
        self.edit.setMaxLength(7)
        self.edit.setPlaceholderText("#RRGGBB")
        self.button = QPushButton(objectName=f"{name}Button")
        self.button.setFixedWidth(36)
        self.button.setToolTip(QCoreApplication.translate("Setup", "Pick a colour"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.button)
        self.edit.textChanged.connect(self._sync)
        self.button.clicked.connect(self.pick)
        self.pick_color: Callable[[QColor], QColor] = lambda c: QColorDialog.getColor(c, self)

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, value: str) -> None:  # noqa: N802 - Qt naming
        self.edit.setText(value)

    def _sync(self, text: str) -> None:
        c = QColor(text)
        ok = c.isValid() and len(text) == 7
        self.button.setStyleSheet(f"background: {text}; border: 1px solid #666" if ok else "")
        self.changed.emit(text)

    def pick(self) -> None:
        c = self.pick_color(QColor(self.text()) if QColor(self.text()).isValid() else QColor("#ffffff"))
        if c.isValid():
            self.setText(c.name().upper())


class CheckList(QListWidget):
    """Checkable items carrying ids."""

    def set_items(self, items: Iterable[tuple[int, str]], checked: Iterable[int] = ()) -> None:
        checked = set(checked)
        self.clear()
        for item_id, text in items:
            it = QListWidgetItem(text, self)
            it.setData(Qt.ItemDataRole.UserRole, item_id)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked if item_id in checked else Qt.CheckState.Unchecked)

    def set_checked(self, ids: Iterable[int]) -> None:
        ids = set(ids)
        for i in range(self.count()):
            it = self.item(i)
            it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole) in ids
                             else Qt.CheckState.Unchecked)

    def checked_ids(self) -> tuple[int, ...]:
        return tuple(self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                     if self.item(i).checkState() == Qt.CheckState.Checked)

    def check(self, item_id: int, on: bool = True) -> None:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == item_id:
                self.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def set_combo(combo, value) -> None:
    """Select the item whose data is `value` (enums are stored by value: Qt turns a str
    enum into a plain string)."""
    i = combo.findData(getattr(value, "value", value))
    combo.setCurrentIndex(i if i >= 0 else 0)


def add_enum_items(combo, members) -> None:
    for m in members:
        combo.addItem(label(m), m.value)


def combo_enum(combo, enum_cls):
    """The enum member selected in a combo filled by add_enum_items (None for an 'all' item)."""
    value = combo.currentData()
    return None if value is None else enum_cls(value)


def open_screen(widget: QWidget, key: str, **hints) -> QWidget | None:
    """Open another screen of the main window and hand it what to show (a channel, a
    new contingent for a channel…). Returns the page, or None outside the main window."""
    win = widget.window()
    show = getattr(win, "show_page", None)
    if show is None:
        return None
    page = show(key)
    focus = getattr(page, "focus_on", None)
    if focus is not None:
        focus(**hints)
    return page


def heading(text: str) -> QLabel:
    from PySide6.QtWidgets import QSizePolicy

    title = QLabel(f"<h2>{text}</h2>")
    title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return title


def short_kind(kind: MappingKind) -> str:
    """The kind as the mappings table shows it (the filter shows the long label)."""
    translate = QCoreApplication.translate
    return {
        MappingKind.PRODUCT: translate("Setup", "Products"),  # Produits
        MappingKind.ZONE: translate("Setup", "Zones"),
        MappingKind.SEAT_CATEGORY: translate("Setup", "Categories"),  # Catégories
        MappingKind.LOGICAL_CONFIGURATION: translate("Setup", "Configurations"),
        MappingKind.TARIFF: translate("Setup", "Tariffs"),  # Tarifs
    }[kind]


# --- layout of the list + editor screens -------------------------------------------------


def button_row(*widgets: QWidget | None) -> QHBoxLayout:
    """Buttons in a row; None stands for a stretch."""
    lay = QHBoxLayout()
    for w in widgets:
        if w is None:
            lay.addStretch(1)
        else:
            lay.addWidget(w)
    return lay


def column(*items, stretch: int | None = None) -> QWidget:
    """A margin-less vertical stack of widgets and layouts; `stretch` gives item N the room."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    for i, item in enumerate(items):
        if isinstance(item, QWidget):
            lay.addWidget(item, 1 if i == stretch else 0)
        else:
            lay.addLayout(item)
    return box


def editor_box(title: str, object_name: str, form: QWidget, *buttons: QPushButton) -> QGroupBox:
    """The editor beside a list: its form, then its buttons on the right."""
    box = QGroupBox(title, objectName=object_name)
    lay = QVBoxLayout(box)
    lay.addWidget(form)
    lay.addLayout(button_row(None, *buttons))
    lay.addStretch(1)
    return box


def side_by_side(left: QWidget, right: QWidget, sizes: tuple[int, int]) -> QSplitter:
    split = QSplitter()
    split.addWidget(left)
    split.addWidget(right)
    split.setSizes(list(sizes))
    return split
