import re
from pathlib import Path

from fga.utils.lazy_registration import COMPONENT_PACKAGES

FGA = Path(__file__).resolve().parents[2] / 'fga'


def test_every_registering_module_is_in_a_component_package():
    # A module that registers outside COMPONENT_PACKAGES would never be
    # imported on first lookup, so configs naming its classes would fail.
    registering = [
        '.'.join(('fga', ) + path.relative_to(FGA).with_suffix('').parts)
        for path in FGA.rglob('*.py')
        if re.search(r'\.register_module\(', path.read_text())
    ]
    assert registering
    outside = [m for m in registering
               if not any(m == p or m.startswith(p + '.')
                          for p in COMPONENT_PACKAGES)]
    assert outside == []
