"""Per-frame and per-attribute targets from events."""
import pytest

from fga.models.utils import attribute_targets_table


def test_attribute_targets_table_factorises_class_names():
    table, sizes = attribute_targets_table(
        ['near_fh_serve', 'far_-_serve', 'far_bh_stroke'])
    assert sizes == [3, 4, 3]
    # Row 0 is the background; values are 1 + index among sorted parts.
    assert table.tolist() == [[0, 0, 0], [2, 3, 1], [1, 1, 1], [1, 2, 2]]
    with pytest.raises(ValueError, match='do not compose'):
        attribute_targets_table(['near_fh', 'far'])
