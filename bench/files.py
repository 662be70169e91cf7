"""Parse a generated 100,000-line sales file in each format and print the times.

The .xlsx file gets a tenth of the lines: openpyxl reads a sheet cell by cell in pure Python
(~10× slower than the CSV parsers), and a distributor's workbook is small.

Usage: python bench/files.py [LINES]   (last line: one JSON object)

Keys name the sizes actually parsed: fnac_100k_s, ticketnet_100k_s, guichet_csv_100k_s and
xlsx_10k_s at the default 100,000 lines; e.g. fnac_20k_s … xlsx_2k_s for LINES=20000."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.adapters.files import (  # noqa: E402
    parse_sales_file,
    write_fnac_csv,
    write_guichet_csv,
    write_ticketnet,
    write_xlsx,
)
from app.domain.sales import SaleAction, SaleLine  # noqa: E402


def generate(count: int) -> list[SaleLine]:
    """Sales over a 80-row × 1,000-seat house, one in twenty cancelled later in the file."""
    start = datetime(2025, 3, 1, 9, 0)
    perf = datetime(2025, 6, 14, 20, 30)
    names = [("Lefèvre", "Zoé"), ("Müller", "Björn"), ("Hénaff", "Loïc"), ("Dupont", "Anne")]
    lines = []
    sales = count - count // 20
    for i in range(sales):
        last, first = names[i % len(names)]
        lines.append(
            SaleLine(
                external_ticket_id=f"TK{i:012d}",
                action=SaleAction.SALE,
                where="",
                sold_at=start + timedelta(minutes=i // 7),
                event="EV2025",
                performance_at=perf,
                zone=("ORC", "BAL", "FOS")[i % 3],
                row=str(1 + i // 1000 % 80),
                seat=str(1 + i % 1000),
                seat_category="C1",
                tariff=("0", "15", "20", "22")[i % 4],
                price=Decimal(2500 + 50 * (i % 7)) / 100,
                buyer_last_name=last,
                buyer_first_name=first,
                buyer_postal_code="75011",
                buyer_country="FR",
                extra={"tariff_code": "PT"},
            )
        )
    for i in range(count - sales):
        s = lines[i * 19]
        lines.append(SaleLine(**{**s.__dict__, "action": SaleAction.CANCEL, "extra": dict(s.extra)}))
    return lines


def size_label(n: int) -> str:
    """100000 → '100k', 2500 → '2500', 1000000 → '1m': the key names say what ran."""
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def timed(path: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, lines) of one parse."""
    t0, c0 = time.perf_counter(), time.process_time()
    parsed = parse_sales_file(path)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    assert not parsed.errors, parsed.errors[:3]
    return elapsed, cpu, len(parsed.lines)


def main() -> None:
    try:
        count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    except ValueError:
        sys.exit(f"LINES: expected a whole number of lines, got {sys.argv[1]!r}")
    if not 20 <= count <= 10_000_000:
        sys.exit(f"LINES: expected between 20 and 10,000,000, got {count}")
    big, small = size_label(count), size_label(count // 10)
    lines = generate(count)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for key, name, writer, part in [
            (f"fnac_{big}_s", "fnac.csv", write_fnac_csv, lines),
            (f"ticketnet_{big}_s", "ticketnet.txt", write_ticketnet, lines),
            (f"guichet_csv_{big}_s", "guichet.csv", write_guichet_csv, lines),
            (f"xlsx_{small}_s", "guichet.xlsx", write_xlsx, lines[: count // 10]),
        ]:
            path = d / name
            t0 = time.perf_counter()
            writer(path, part)
            written = time.perf_counter() - t0
            elapsed, cpu, n = timed(path)
            size = path.stat().st_size / 1e6
            print(
                f"{name:14} {n:>7} lines  {size:6.1f} MB  parse {elapsed:6.2f} s (CPU {cpu:5.2f} s, "
                f"{n / elapsed:,.0f} lines/s)  write {written:5.2f} s"
            )
            results[key] = round(elapsed, 3)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
