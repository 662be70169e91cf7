"""Sales from files (docs/protocols/files.md): a chosen file (`options["file"]`) or a watched folder
(`options["folder"]`). Reintegration only. Files are taken in order of arrival (the later of
their modification and status-change times, then name); the cursor says which file and how
many of its lines were already handed out, so a rerun never hands a line out twice and a
file is consumed in pages. A file with unreadable lines is refused as a whole (External),
naming its first bad lines; the cursor stays before it until it is fixed or removed."""

from __future__ import annotations

import time
from pathlib import Path

from app.domain.enums import DistributorKind, SyncFunction
from app.domain.errors import GuichetError

from .base import (
    Allotment,
    ConfigurationError,
    ConnectionSettings,
    ExportReport,
    ExternalError,
    PerformanceCounts,
    SalesPage,
)
from .files import parse_sales_file
from app.i18n import _, exception_text

DONE = "end"
SKIPPED_SUFFIXES = (".tmp", ".part", ".crdownload", ".partial", "~")


def _parse_cursor(cursor: str) -> tuple[int, str, str] | None:
    """"<arrival ns>|<offset or end>|<file name>" → (arrival, offset, name); "" → None."""
    if not cursor:
        return None
    try:
        arrival, offset, name = cursor.split("|", 2)
        if offset != DONE:
            int(offset)
        return int(arrival), offset, name
    except ValueError:
        raise ConfigurationError(_("sales cursor {cursor!r} is not a file cursor (arrival|offset|name): was the "
                                   "interface's kind changed? Reset its cursor").format(cursor=cursor),
                                 where=_("interface sales cursor")) from None


class GuichetFileAdapter:
    kind = DistributorKind.GUICHET_FILE
    label = "Guichet file"  # a word, not a brand: app/ui/setup_widgets.py translates it
    on_network = False  # a watched folder: no URL, no login
    functions = frozenset({SyncFunction.REINTEGRATE_SALES})

    def __init__(self, settings: ConnectionSettings):
        opts = settings.options or {}
        folder, file = opts.get("folder"), opts.get("file")
        if not folder and not file and settings.url.startswith("file://"):
            folder = settings.url[len("file://"):]
        if not folder and not file:
            raise ConfigurationError(_("a sales-file interface needs a watched folder (options 'folder') or a file "
                                       "(options 'file')"), where=_("interface settings"))
        self.folder = Path(folder).expanduser() if folder else None
        self.file = Path(file).expanduser() if file else None
        self.format = opts.get("format") or None
        try:
            self.settle_s = float(opts.get("settle_s", 1.0))
        except (TypeError, ValueError):
            raise ConfigurationError(_("settle_s {value} is not a number").format(value=repr(opts.get('settle_s'))),
                                     where=_("interface options")) from None

    # --- files -----------------------------------------------------------------------

    def _candidates(self) -> list[tuple[int, str, Path]]:
        if self.file is not None:
            paths = [self.file]
            if not self.file.is_file():
                raise ConfigurationError(_("sales file {path} does not exist").format(path=str(self.file)),
                                         where=str(self.file))
        else:
            if not self.folder.is_dir():
                raise ConfigurationError(_("watched folder {path} does not exist or is not a folder").format(
                    path=str(self.folder)),
                                         where=str(self.folder))
            paths = [p for p in self.folder.iterdir()
                     if p.is_file() and not p.name.startswith(".") and not p.name.endswith(SKIPPED_SUFFIXES)]
        out = []
        for p in paths:
            st = p.stat()
            out.append((max(st.st_mtime_ns, st.st_ctime_ns), p.name, p))
        return sorted(out)

    def _parse(self, path: Path):
        try:
            parsed = parse_sales_file(path, self.format)
        except GuichetError as exc:
            raise ExternalError(_("sales file refused: {error}").format(error=exception_text(exc)), where=str(path)) from exc
        except OSError as exc:
            raise ExternalError(_("sales file {path} cannot be read: {error}").format(
                path=str(path), error=exc.strerror or str(exc)), where=str(path)) from exc
        if parsed.errors:
            shown = "; ".join(f"{e.where}: {e.message}" for e in parsed.errors[:5])
            if len(parsed.errors) > 5:
                shown = _("{shown} (and {n} more)").format(shown=shown, n=len(parsed.errors) - 5)
            raise ExternalError(_("sales file {name} refused: {n} unreadable line(s): {shown}").format(
                name=path.name, n=len(parsed.errors), shown=shown), where=parsed.errors[0].where)
        return parsed

    def fetch_sales(self, cursor: str, *, limit: int = 1000) -> SalesPage:
        pos = _parse_cursor(cursor)
        files = self._candidates()
        now = time.time_ns()
        for i, (arrival, name, path) in enumerate(files):
            if pos is not None and (arrival, name) < (pos[0], pos[2]):
                continue
            if now - arrival < self.settle_s * 1e9:
                break  # maybe still being written: wait for the next run, do not skip past it
            start = 0
            if pos is not None and (arrival, name) == (pos[0], pos[2]):
                if pos[1] == DONE:
                    continue
                start = int(pos[1])
            lines = self._parse(path).lines
            if start >= len(lines):
                continue
            page = tuple(lines[start:start + limit])
            end = start + len(page)
            done = end >= len(lines)
            next_cursor = f"{arrival}|{DONE if done else end}|{name}"
            return SalesPage(lines=page, next_cursor=next_cursor, more=not done or i + 1 < len(files))
        return SalesPage(lines=(), next_cursor=cursor, more=False)

    # --- what a file interface cannot do -------------------------------------------

    def export_allotment(self, allotment: Allotment, *, batch_size: int | None = None) -> ExportReport:
        raise ConfigurationError(_("a sales-file interface only reintegrates sales: it takes no allotment"),
                                 where=_("performance {code}").format(code=allotment.performance))

    def current_allotment(self, event: str, performance: str) -> Allotment:
        raise ConfigurationError(_("a sales-file interface holds no allotment"),
                                 where=_("performance {code}").format(code=performance))

    def counts(self, performance: str) -> PerformanceCounts:
        raise ConfigurationError(_("a sales-file interface does not report counts"),
                                 where=_("performance {code}").format(code=performance))

    def close(self) -> None:
        pass
