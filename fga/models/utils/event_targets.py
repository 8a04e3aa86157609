"""Per-frame targets from a clip's events."""
from typing import List, Sequence, Tuple

import torch

from fga.annotations.vocabulary import split_attributes

__all__ = ['frame_event_targets', 'attribute_targets_table']

IGNORE_INDEX = -100


def frame_event_targets(data_samples: Sequence,
                        num_frames: int,
                        valid_mask: torch.Tensor,
                        dilation: int = 0) -> torch.Tensor:
    """(B, T) long targets: 0 background, ``label + 1`` on the sampled
    frame nearest to each event and ``dilation`` frames either side,
    ``-100`` (ignored) on padded frames.

    Args:
        data_samples: samples with ``event_positions`` (k,) in sampled
            frames and ``event_labels`` (k,) class indices.
        valid_mask: (B, T) True on real frames.
    """
    targets = torch.zeros(len(data_samples), num_frames, dtype=torch.long)
    for b, sample in enumerate(data_samples):
        for pos, label in zip(sample.event_positions.tolist(),
                              sample.event_labels.tolist()):
            t = int(round(pos))
            lo, hi = max(0, t - dilation), min(num_frames, t + dilation + 1)
            targets[b, lo:hi] = label + 1
    targets = targets.to(valid_mask.device)
    return targets.masked_fill(~valid_mask, IGNORE_INDEX)


def attribute_targets_table(class_names: Sequence[str],
                            separator: str = '_'
                            ) -> Tuple[torch.Tensor, List[int]]:
    """Factorise compositional class names into per-attribute targets.

    Every name splits into the same number P of parts (attribute values,
    e.g. ``near_fh_stroke_CC_in``). Attribute p takes value 0 for "no
    event" and 1 + the index of the part among its sorted distinct values.

    Returns:
        table: (C + 1, P) long; row 0 is the background, row ``c + 1`` is
            class c (the indexing of :func:`frame_event_targets`).
        sizes: values per attribute (distinct parts + 1).
    """
    _, parts = split_attributes(class_names, separator=separator)
    values = [sorted(set(column)) for column in parts.T]
    table = torch.zeros(len(parts) + 1, len(values), dtype=torch.long)
    for c, name_parts in enumerate(parts, 1):
        for p, part in enumerate(name_parts):
            table[c, p] = values[p].index(part) + 1
    return table, [len(v) + 1 for v in values]
