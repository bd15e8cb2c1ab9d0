"""The column tests read from the cells' bytes agree with the patterns they stand in for."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings
from hypothesis import strategies as st

from ckanext.harbin_opendata.privacy.scan.cell_bytes import any_holds, lone_runs
from ckanext.harbin_opendata.privacy.scan.text_kinds import _POOL_AGAIN
from ckanext.harbin_opendata.privacy.scan.vectorized import _LONE_RUN

# The run as the scan extracted it with a group before (Arrow's extract_regex).
_GROUPED = r"^[^0-9０-９]*(?P<run>[0-9]{17}[Xx]|[0-9]{15,19})[^0-9０-９Xx]*$"
_CELLS = st.lists(st.builds(lambda before, run, after: before + run + after,
                            st.text(alphabet="教民号aXx１ -", max_size=4),
                            st.one_of(st.from_regex(r"\A[0-9]{14,20}\Z"), st.from_regex(r"\A[0-9]{17}[Xx]\Z")),
                            st.text(alphabet="号aXx1 -@：", max_size=4)), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(_CELLS)
def test_lone_runs_are_the_runs_the_pattern_extracts(cells):
    column = pa.array(cells, type=pa.string())
    lone = pc.match_substring_regex(column, _LONE_RUN)
    expected = pc.struct_field(pc.extract_regex(column, _GROUPED), [0])
    assert lone.equals(pc.is_valid(expected))
    if pc.any(lone).as_py():
        data, starts, lengths = lone_runs(pc.filter(column, lone))
        runs = [bytes(data[start:start + length]).decode() for start, length in zip(starts, lengths)]
        assert runs == pc.filter(expected, lone).to_pylist()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="0086@：:a号 ", max_size=6), min_size=1, max_size=20))
def test_a_column_without_a_match_in_its_joined_text_has_none_in_any_cell(cells):
    column = pa.array(cells, type=pa.string()).slice(1)  # an offset into the buffers, as batches have
    if not any_holds(column, _POOL_AGAIN):
        assert not pc.any(pc.match_substring_regex(column, _POOL_AGAIN)).as_py()
    if pc.any(pc.match_substring_regex(column, _POOL_AGAIN)).as_py():
        assert any_holds(column, _POOL_AGAIN)
