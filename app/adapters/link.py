"""The HTTP link the online adapters share: timeouts, retries with exponential back-off for
transient failures (tenacity), and the classification of what remains into DistributorErrors.

Transient: connection refused/reset, timeouts, HTTP 500/502/503/504 (an adapter may narrow
500: a SOAP fault that blames the request is not transient). They are retried
`options["attempts"]` times in all (default 4) with a back-off of `options["backoff_s"]`
(default 0.5 s) doubling up to `options["backoff_max_s"]` (default 8 s); what still fails is
an ExternalError "distributor unavailable". HTTP 401/403 are ConfigurationErrors."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import httpx
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from .base import ConfigurationError, ConnectionSettings, DistributorError, ExternalError, TechnicalError
from app.i18n import _

TRANSIENT_STATUS = frozenset({500, 502, 503, 504})
GZIP_ABOVE = 256 * 1024  # request bodies larger than this travel gzip-compressed
MAX_PAGE = 50_000  # the largest sales page the protocols allow (docs/protocols/)


def page_size(limit: int) -> int:
    return min(max(int(limit), 1), MAX_PAGE)


class _Transient(Exception):
    def __init__(self, why: str, response: httpx.Response | None = None):
        super().__init__(why)
        self.why = why
        self.response = response


def default_transient(response: httpx.Response) -> bool:
    return response.status_code in TRANSIENT_STATUS


class HttpLink:
    """One distributor's HTTP client (sync; one per adapter, so one per worker thread)."""

    def __init__(self, settings: ConnectionSettings, *, name: str, auth: httpx.Auth | tuple | None = None,
                 transient: Callable[[httpx.Response], bool] = default_transient):
        if not settings.url or not settings.url.startswith(("http://", "https://")):
            raise ConfigurationError(_("{name}: the interface's URL {url!r} is not an http(s) address").format(
                name=name, url=settings.url), where=_("interface URL"))
        self.name = name
        self.base = settings.url.rstrip("/")
        self.timeout_s = settings.timeout_s
        opts = settings.options or {}
        try:
            self.attempts = max(1, int(opts.get("attempts", 4)))
            self.backoff_s = float(opts.get("backoff_s", 0.5))
            self.backoff_max_s = float(opts.get("backoff_max_s", 8.0))
        except (TypeError, ValueError) as exc:
            raise ConfigurationError(_("{name}: retry options are not numbers ({error})").format(name=name, error=str(exc)),
                                     where=_("interface options"))
        self.transient = transient
        self.requests_made = 0
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout_s, connect=min(settings.timeout_s, 10.0)),
            auth=auth, headers={"User-Agent": "Guichet/0.1", "Accept-Encoding": "gzip"},
        )

    def url(self, path: str) -> str:
        return self.base + path

    def request(self, method: str, path: str, *, body: bytes | None = None, content_type: str = "",
                headers: dict | None = None, params: dict | None = None) -> httpx.Response:
        """Send with retries; return the final response (any status that is not transient)."""
        url = self.url(path)
        hdrs = dict(headers or {})
        if body is not None:
            if content_type:
                hdrs["Content-Type"] = content_type
            if len(body) > GZIP_ABOVE:
                body = gzip.compress(body, compresslevel=1)
                hdrs["Content-Encoding"] = "gzip"
        retrying = Retrying(
            stop=stop_after_attempt(self.attempts),
            wait=wait_exponential(multiplier=self.backoff_s, max=self.backoff_max_s),
            retry=retry_if_exception_type(_Transient),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    self.requests_made += 1
                    try:
                        response = self._client.request(method, url, content=body, headers=hdrs, params=params)
                    except httpx.TimeoutException as exc:
                        raise _Transient(_("no answer within {seconds:g} s ({kind})").format(
                            seconds=self.timeout_s, kind=type(exc).__name__)) from exc
                    except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
                        raise _Transient(_("cannot reach {url} ({error})").format(
                            url=self.base, error=str(exc) or type(exc).__name__)) from exc
                    if self.transient(response):
                        raise _Transient(_("HTTP {status}").format(status=response.status_code), response)
                    break
        except _Transient as exc:
            raise ExternalError(_("{name} unavailable: {why} after {attempts} attempt(s); rerun later, then call the "
                                  "distributor").format(name=self.name, why=exc.why, attempts=self.attempts),
                                where=url) from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise ConfigurationError(_("{name}: the interface's URL is not valid ({error})").format(
                name=self.name, error=str(exc)), where=url) from exc
        except DistributorError:
            raise
        except Exception as exc:  # noqa: BLE001 - anything else is unexpected: support
            raise TechnicalError(_("{name}: unexpected failure: {kind}: {error}").format(
                name=self.name, kind=type(exc).__name__, error=str(exc)), where=url) from exc
        if response.status_code in (401, 403):
            raise ConfigurationError(_("{name} refused the credentials (HTTP {status}): check the interface's login "
                                       "and password").format(name=self.name, status=response.status_code), where=url)
        return response

    def json(self, response: httpx.Response, what: str) -> Any:
        """The body as JSON, or an ExternalError naming what was malformed."""
        try:
            return json.loads(response.content)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ExternalError(_("{name}: malformed {what} reply: not JSON ({error})").format(
                name=self.name, what=what, error=str(exc)),
                                where=str(response.request.url)) from exc

    def close(self) -> None:
        self._client.close()


def require(obj: Any, key: str, what: str, where: str, types: type | tuple = str) -> Any:
    """`obj[key]` of the expected type, else an ExternalError naming the field."""
    if not isinstance(obj, dict) or key not in obj:
        raise ExternalError(_("malformed reply: {what} has no {key!r}").format(what=what, key=key), where=where)
    value = obj[key]
    if not isinstance(value, types):
        raise ExternalError(_("malformed reply: {what} field {key!r} = {value} has the wrong type").format(
            what=what, key=key, value=repr(value)), where=where)
    return value


def parse_amount(value: Any, what: str, where: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite():
        raise ExternalError(_("malformed reply: {what} {value} is not an amount").format(what=what, value=repr(value)),
                            where=where)
    return amount


def parse_datetime(value: Any, what: str, where: str) -> datetime | None:
    """ISO 8601 → naive UTC (how the database keeps times); empty → None."""
    if value is None or value == "":
        return None
    try:
        return _iso_utc(str(value))
    except ValueError as exc:
        raise ExternalError(_("malformed reply: {what} {value} is not a date-time").format(what=what, value=repr(value)),
                            where=where) from exc


@lru_cache(maxsize=4096)  # a page's sales share few distinct instants
def _iso_utc(value: str) -> datetime:
    dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
    return dt


def batches(items: tuple | list, size: int | None) -> list:
    """`items` in slices of `size` (one slice when size is None/0); always at least one."""
    if not size or size <= 0 or len(items) <= size:
        return [items]
    return [items[i:i + size] for i in range(0, len(items), size)]
