"""The suite's one reader of tabular files (privacy scans and masking, the preview, harvested
catalog lists, data items drafted from files): content sniffing, encodings, workbooks, archives,
JSON records, and the header found among title rows (layout.py)."""
from .errors import TableError
from .layout import Layout, find_layout
from .sniff import sniff
from .tables import Table, open_tables
from .text import detect_encoding
from .workbook import Limits, cell_text

__all__ = ["TableError", "Layout", "find_layout", "sniff", "Table", "open_tables", "detect_encoding", "Limits",
           "cell_text"]
