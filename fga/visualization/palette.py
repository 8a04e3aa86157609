"""Colours that tell classes apart, and matplotlib set-up shared by every
picture fga draws."""
from typing import List, Tuple

__all__ = ['class_styles', 'new_figure', 'save_figure']

# Four hatchings multiply the 60 distinct colours of tab20/20b/20c, so up
# to 240 classes get a style of their own.
_HATCHES = ('', '///', '...', 'xx')


def _distinct_colours() -> List[tuple]:
    """The 60 colours of tab20, tab20b and tab20c, strongest shades of
    every hue first, so that few classes get clearly different colours."""
    import matplotlib
    tab20 = matplotlib.colormaps['tab20'].colors
    tab20b = matplotlib.colormaps['tab20b'].colors
    tab20c = matplotlib.colormaps['tab20c'].colors
    colours = list(tab20[0::2]) + list(tab20b[0::4]) + list(tab20c[0::4])
    for shade in (1, 2, 3):
        if shade == 1:
            colours += list(tab20[1::2])
        colours += list(tab20b[shade::4]) + list(tab20c[shade::4])
    return colours


def class_styles(num_classes: int) -> List[Tuple[tuple, str]]:
    """(RGB colour, hatch) of every class, all different."""
    colours = _distinct_colours()
    return [(colours[c % len(colours)],
             _HATCHES[(c // len(colours)) % len(_HATCHES)])
            for c in range(num_classes)]


def new_figure(rows: int, width: float, row_height: float):
    """A figure of ``rows`` stacked axes on the non-interactive backend."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(
        rows, 1, figsize=(width, row_height * rows + 0.4), squeeze=False)
    return fig, axes[:, 0]


def save_figure(fig, out_file: str, dpi: int = 110) -> str:
    """Write ``fig`` as a PNG atomically and close it."""
    import matplotlib.pyplot as plt

    from fga.utils.atomic_files import atomic_write
    fig.tight_layout()
    with atomic_write(out_file, binary=True) as f:
        fig.savefig(f, dpi=dpi, format='png')
    plt.close(fig)
    return out_file
