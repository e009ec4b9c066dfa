"""Reading revenue exports (CSV, TSV, Excel) into clean invoice lines for the ABC analysis.

Users bring the file their ERP or CRM gives them, in Italian or English conventions. Reading
is done in two steps so that a million lines never go through per-row Python:

1. **Sniff** a sample (the first MiB): file kind, encoding, delimiter, preamble lines, header,
   which columns hold the customer, name, amount (or quantity and unit price), document type
   and date, and the number format.
2. **Read** with pandas' C parser, passing what was detected (``sep``, ``encoding``,
   ``decimal``, ``thousands``, ``usecols``, dtypes). Only when amounts carry currency symbols,
   parentheses or a trailing minus (or the C parser gives up on a value) are they cleaned with
   vectorised ``.str`` operations, which also tell the currency each amount writes. Amounts in
   different currencies are never added together.

Anything that makes the file unusable raises :class:`RevenueFileError`, whose message names the
file (and the row when there is one). pandas is imported inside functions only.

The modules, in reading order:

- :mod:`~kamtui.abc.revenue.errors`: :class:`RevenueFileError`;
- :mod:`~kamtui.abc.revenue.options`: :class:`ReadOptions` (what the caller says);
- :mod:`~kamtui.abc.revenue.sniff`: text or not, encoding, delimiter, preamble, header, sample;
- :mod:`~kamtui.abc.revenue.columns`: which columns hold which role (English and Italian,
  header words split as systems join them: ``CustomerID``, ``customer_no``);
- :mod:`~kamtui.abc.revenue.currency`: each line's currency, one currency for the analysis;
- :mod:`~kamtui.abc.revenue.numbers`: number formats and parsing amount text;
- :mod:`~kamtui.abc.revenue.dates`: date formats and parsing;
- :mod:`~kamtui.abc.revenue.amounts`: each line's amount: the amount column, or quantity ×
  unit price less a discount;
- :mod:`~kamtui.abc.revenue.credit_notes`: credit notes told by a document-type column;
- :mod:`~kamtui.abc.revenue.keys`: customer keys as text, columns as codes;
- :mod:`~kamtui.abc.revenue.csv_reader` and :mod:`~kamtui.abc.revenue.excel`: the pandas reads;
- :mod:`~kamtui.abc.revenue.bad_rows`: blank, totals and unusable rows, the tolerance (lines
  with an amount but no customer are usable: counted apart, never a customer);
- :mod:`~kamtui.abc.revenue.reader`: :func:`read_revenue` (all of the above) and the period filter.
"""

from __future__ import annotations

from kamtui.abc.revenue.bad_rows import BAD_ROW_TOLERANCE, EXAMPLES, BadRow
from kamtui.abc.revenue.columns import ColumnMap, guess_columns, normalize_label
from kamtui.abc.revenue.dates import parse_dates
from kamtui.abc.revenue.errors import RevenueFileError
from kamtui.abc.revenue.keys import customer_codes, distinct, key_text, key_texts
from kamtui.abc.revenue.numbers import NumberFormat, detect_number_format, parse_amount_text
from kamtui.abc.revenue.options import ProgressCallback, ReadOptions
from kamtui.abc.revenue.reader import (
    RevenueData,
    read_revenue,
    select_period,
    unassigned_in_period,
)
from kamtui.abc.revenue.sniff import (
    DELIMITERS,
    FORMAT_RECORDS,
    SAMPLE_BYTES,
    SNIFF_RECORDS,
    detect_encoding,
    sniff_delimiter,
)

__all__ = [
    "BAD_ROW_TOLERANCE",
    "DELIMITERS",
    "EXAMPLES",
    "FORMAT_RECORDS",
    "SAMPLE_BYTES",
    "SNIFF_RECORDS",
    "BadRow",
    "ColumnMap",
    "NumberFormat",
    "ProgressCallback",
    "ReadOptions",
    "RevenueData",
    "RevenueFileError",
    "customer_codes",
    "detect_encoding",
    "detect_number_format",
    "distinct",
    "guess_columns",
    "key_text",
    "key_texts",
    "normalize_label",
    "parse_amount_text",
    "parse_dates",
    "read_revenue",
    "select_period",
    "sniff_delimiter",
    "unassigned_in_period",
]
