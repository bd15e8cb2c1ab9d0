"""The suite's one reader of tabular files (privacy scans and masking, the preview, the DataStore
load, harvested catalog lists, data items drafted from files; what shows or loads a file's content
reads it with tables_as_scanned, as the scan did): content sniffing, encodings, workbooks, archives,
JSON records, and the header found among title rows (layout.py)."""
from .errors import TableError
from .layout import Layout, find_layout
from .sniff import sniff
from .tables import Table, open_tables, tables_as_scanned
from .text import detect_encoding
from .workbook import Limits, cell_text

__all__ = ["TableError", "Layout", "find_layout", "sniff", "Table", "open_tables", "tables_as_scanned",
           "detect_encoding", "Limits", "cell_text"]
