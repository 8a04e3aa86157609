"""F3Set annotation files: ``elements.txt``, ``events.txt``, split JSONs in
the F3AST layout with per-video side information, and the element groups
file that says how an event label decomposes.

An event label joins element names (``near_deuce_serve_-_-_W_-_in``); its
element vector is the multi-hot over ``elements.txt``. Which elements
exclude each other (a *group*: one at most per event, decided by argmax)
and which are independent *flags* (decided by a threshold) is data: a JSON
file per dataset (``element_groups.json`` beside the annotations)::

    {"separator": "_",            # between a label's elements
     "ignore": ["-"],             # tokens that are no element (empty slots)
     "aliases": {"winner": "win"},
     "groups": [{"name": "side", "elements": ["near", "far"]},
                {"name": "hand", "elements": ["fh", "bh"],
                 "unless": ["serve"]}],   # decided only without "serve"
     "flags": ["approach"],
     "side_element": "near",      # what says "the near player hits"
     "extra_events": [...]}       # events missing from events.txt

Every element is in exactly one group or in ``flags``. The event
vocabulary (F3AST's classes on F3Set) is ``events.txt`` plus
``extra_events``; two labels with the same element vector are the same
event.
"""
import warnings
from dataclasses import dataclass
from functools import cached_property
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from .checks import check_list, check_object, check_text, describe
from .event_json import validate_event_records
from .file_io import AnnotationError, load_json, read_lines
from .vocabulary import load_class_list

__all__ = [
    'ElementGroups', 'EventVocabulary', 'load_elements', 'load_element_groups',
    'parse_element_groups', 'encode_label', 'decode_elements',
    'load_event_vocabulary', 'load_f3set_annotations', 'side_hands',
    'binned_frame_targets'
]

_GROUP_KEYS = {'name', 'elements', 'unless'}
_FILE_KEYS = {
    'separator', 'ignore', 'aliases', 'groups', 'flags', 'side_element',
    'extra_events', 'note'
}


@dataclass(frozen=True)
class ElementGroups:
    """How event labels decompose into the elements of ``elements.txt``.

    Attributes:
        elements: element names, ``elements.txt`` order (E).
        separator: between the elements of a label.
        groups: ``(name, element indices, unless indices)``: at most one
            element of a group per event; a group with ``unless`` is decided
            only when none of those elements is.
        flags: indices of the independent elements.
        ignore: label tokens that stand for no element.
        aliases: label token -> element name.
        side_element: index of the element saying the near player acts
            (selects the side information of the hitter), or None.
        extra_events: event labels that ``events.txt`` lacks.
    """
    elements: Tuple[str, ...]
    separator: str
    groups: Tuple[Tuple[str, Tuple[int, ...], Tuple[int, ...]], ...]
    flags: Tuple[int, ...]
    ignore: frozenset = frozenset()
    aliases: Tuple[Tuple[str, str], ...] = ()
    side_element: Optional[int] = None
    extra_events: Tuple[str, ...] = ()

    @property
    def num_elements(self) -> int:
        return len(self.elements)

    def to_dict(self) -> dict:
        """The JSON form (as :func:`parse_element_groups` reads it)."""
        names = self.elements
        return dict(
            separator=self.separator,
            ignore=sorted(self.ignore),
            aliases=dict(self.aliases),
            groups=[
                dict(name=name, elements=[names[i] for i in members],
                     unless=[names[i] for i in unless])
                for name, members, unless in self.groups
            ],
            flags=[names[i] for i in self.flags],
            side_element=None if self.side_element is None else
            names[self.side_element],
            extra_events=list(self.extra_events))


def load_elements(path: str) -> List[str]:
    """Element names of an ``elements.txt``, one per non-blank line."""
    return load_class_list(path)


def _names(value, where: str, what: str) -> List[str]:
    return [
        check_text(v, where, what) for v in check_list(value, where, what)
    ]


def parse_element_groups(spec: dict, elements: Sequence[str],
                         source: str) -> ElementGroups:
    """Check an element groups object against ``elements`` (see the module
    doc); errors name ``source`` and the group."""
    check_object(spec, source, 'the element groups file')
    unknown = set(spec) - _FILE_KEYS
    if unknown:
        raise AnnotationError(f'{source}: unknown keys {sorted(unknown)}; '
                              f'expected some of {sorted(_FILE_KEYS)}')
    index = {name: i for i, name in enumerate(elements)}

    def indices(names: List[str], where: str) -> Tuple[int, ...]:
        missing = [n for n in names if n not in index]
        if missing:
            raise AnnotationError(f'{where}: {missing} not in elements.txt')
        return tuple(index[n] for n in names)

    owner: Dict[int, str] = {}

    def claim(members: Tuple[int, ...], name: str) -> None:
        for i in members:
            if i in owner:
                raise AnnotationError(
                    f'{source}: element {elements[i]!r} is in both '
                    f'{owner[i]} and {name}')
            owner[i] = name

    groups = []
    for k, group in enumerate(check_list(spec.get('groups', []), source,
                                         '"groups"')):
        where = f'{source}: group {k}'
        check_object(group, where, 'a group')
        if set(group) - _GROUP_KEYS or 'elements' not in group:
            raise AnnotationError(f'{where}: a group has "elements" and '
                                  f'optionally "name" and "unless", got '
                                  f'{sorted(group)}')
        name = check_text(group.get('name', f'group{k}'), where, '"name"')
        members = indices(_names(group['elements'], where, '"elements"'),
                          where)
        if len(members) < 2:
            raise AnnotationError(f'{where} ({name}): a group needs two or '
                                  'more elements; make one a flag')
        unless = indices(_names(group.get('unless', []), where, '"unless"'),
                         where)
        claim(members, f'group {name!r}')
        groups.append((name, members, unless))
    flags = indices(_names(spec.get('flags', []), source, '"flags"'),
                    f'{source}: flags')
    claim(flags, 'flags')
    orphans = [elements[i] for i in range(len(elements)) if i not in owner]
    if orphans:
        raise AnnotationError(f'{source}: elements {orphans} are in no group '
                              'and not flags')
    for k, (name, _, unless) in enumerate(groups):
        late = [elements[i] for i in unless
                if any(i in m for _, m, _ in groups[k:])]
        if late:
            raise AnnotationError(
                f'{source}: group {name!r} depends on {late}, which are '
                'decided in it or after it; list those groups first')
    aliases = check_object(spec.get('aliases', {}), source, '"aliases"')
    for token, target in aliases.items():
        if target not in index:
            raise AnnotationError(f'{source}: alias {token!r} -> '
                                  f'{describe(target)} is not an element')
    side = spec.get('side_element')
    if side is not None and side not in index:
        raise AnnotationError(f'{source}: side_element {describe(side)} is '
                              'not an element')
    return ElementGroups(
        elements=tuple(elements),
        separator=check_text(spec.get('separator', '_'), source,
                             '"separator"'),
        groups=tuple(groups),
        flags=flags,
        ignore=frozenset(_names(spec.get('ignore', []), source, '"ignore"')),
        aliases=tuple(sorted(aliases.items())),
        side_element=None if side is None else index[side],
        extra_events=tuple(
            _names(spec.get('extra_events', []), source, '"extra_events"')))


def load_element_groups(path: str, elements: Sequence[str]) -> ElementGroups:
    """Read and check an ``element_groups.json`` (see the module doc)."""
    return parse_element_groups(
        load_json(path, 'element groups file'), elements, path)


def encode_label(label: str, groups: ElementGroups,
                 where: str = 'label') -> np.ndarray:
    """(E,) uint8 multi-hot of an event label.

    Errors (naming ``where``): a token that is no element (nor ignored nor
    an alias), two elements of one group. A repeated element counts once,
    as in the reference (cctvpipe's ``events.txt`` lists ``TJ_TJ_ZW``).
    """
    index = {name: i for i, name in enumerate(groups.elements)}
    aliases = dict(groups.aliases)
    vector = np.zeros(groups.num_elements, dtype=np.uint8)
    for token in label.split(groups.separator):
        if token in groups.ignore:
            continue
        name = aliases.get(token, token)
        if name not in index:
            raise AnnotationError(
                f'{where}: label {label!r} has {token!r}, which is not in '
                'elements.txt (nor ignored or an alias in the element '
                'groups file)')
        vector[index[name]] = 1
    for name, members, _ in groups.groups:
        chosen = [groups.elements[i] for i in members if vector[i]]
        if len(chosen) > 1:
            raise AnnotationError(
                f'{where}: label {label!r} has {chosen}, which exclude each '
                f'other (group {name!r})')
    return vector


def decode_elements(vector: np.ndarray, groups: ElementGroups) -> List[str]:
    """Element names of an (E,) multi-hot, in ``elements.txt`` order: the
    inverse of :func:`encode_label` up to ignored tokens and order."""
    return [groups.elements[i] for i in np.flatnonzero(vector)]


@dataclass(frozen=True)
class EventVocabulary:
    """Event classes and their element vectors.

    Attributes:
        names: class names (C): ``events.txt`` then ``extra_events``,
            without repeated element vectors (the first name is kept).
        elements: (C, E) uint8 element vectors.
    """
    names: Tuple[str, ...]
    elements: np.ndarray

    @cached_property
    def _index(self) -> Dict[bytes, int]:
        return {row.tobytes(): c for c, row in enumerate(self.elements)}

    def lookup(self) -> Dict[bytes, int]:
        """Element vector bytes -> class index."""
        return self._index

    def label_of(self, vector: np.ndarray, groups: ElementGroups) -> str:
        """The class name of an element vector, or its elements joined by
        the separator when no class has it."""
        c = self.lookup().get(np.asarray(vector, np.uint8).tobytes())
        if c is not None:
            return self.names[c]
        return groups.separator.join(decode_elements(vector, groups))


def load_event_vocabulary(path: str, groups: ElementGroups) -> EventVocabulary:
    """Encode every line of ``events.txt`` (and the groups' extra events);
    a line that does not decompose is an error naming its line. Repeated
    lines and element vectors keep their first name (table tennis's
    ``events.txt`` lists 200 events twice)."""
    names, rows, seen = [], [], set()
    lines = [line.strip() for line in read_lines(path, 'events file')]
    lines = [line for line in lines if line]
    if not lines:
        raise AnnotationError(f'{path}: no events in it')
    lines += list(groups.extra_events)
    for i, label in enumerate(lines):
        where = f'{path}: line {i + 1}' if i < len(lines) - len(
            groups.extra_events) else 'element groups file: extra_events'
        row = encode_label(label, groups, where)
        if row.tobytes() in seen:
            continue
        seen.add(row.tobytes())
        names.append(label)
        rows.append(row)
    return EventVocabulary(
        tuple(names),
        np.stack(rows) if rows else np.zeros((0, groups.num_elements),
                                             np.uint8))


def side_hands(record: dict, where: str) -> np.ndarray:
    """(2,) int64 ``[far player left-handed, near player left-handed]`` from
    ``far_hand``/``near_hand`` (``'LH'``/``'RH'``; absent: right-handed),
    the reference's handedness input."""
    hands = np.zeros(2, dtype=np.int64)
    for k, key in enumerate(('far_hand', 'near_hand')):
        value = record.get(key, 'RH')
        if value not in ('LH', 'RH'):
            raise AnnotationError(f'{where}: "{key}" is {describe(value)}; '
                                  "expected 'LH' or 'RH'")
        hands[k] = value == 'LH'
    return hands


def _label_strings(records) -> set:
    """Every string label of well-formed-looking records (the structure is
    checked by :func:`validate_event_records`)."""
    labels = set()
    for record in records if isinstance(records, list) else []:
        events = record.get('events') if isinstance(record, dict) else None
        for event in events if isinstance(events, list) else []:
            if isinstance(event, dict) and isinstance(event.get('label'),
                                                      str):
                labels.add(event['label'])
    return labels


def load_f3set_annotations(path: str, groups: ElementGroups,
                           vocabulary: EventVocabulary) -> List[dict]:
    """Load and check an F3Set split JSON.

    The structure is checked as for F3AST files
    (:func:`~fga.annotations.event_json.validate_event_records`: sorted
    ``events``, file order in ``json_events``). Each event also gets
    ``elements`` (E,) and ``class_index`` (into ``vocabulary``); each
    record gets ``hands`` (:func:`side_hands`). A label that does not
    decompose, or whose elements are no event of the vocabulary, is an
    error naming the file, the video and the event's index.
    """
    raw = load_json(path)
    records = validate_event_records(raw, sorted(_label_strings(raw)), path)
    lookup = vocabulary.lookup()
    out = []
    for record in records:
        where = f'{path}: video {record["video"]}'
        encoded = {}
        for j, event in enumerate(record['json_events']):
            at = f'{where}: event {j} (frame {event["frame"]})'
            vector = encode_label(event['label'], groups, at)
            c = lookup.get(vector.tobytes())
            if c is None:
                raise AnnotationError(
                    f'{at}: label {event["label"]!r} (elements '
                    f'{decode_elements(vector, groups)}) is no event of '
                    'events.txt; list it in extra_events of the element '
                    'groups file')
            encoded[id(event)] = dict(event, elements=vector, class_index=c)
        out.append(
            dict(record,
                 events=[encoded[id(e)] for e in record['events']],
                 json_events=[encoded[id(e)] for e in record['json_events']],
                 hands=side_hands(record, where)))
    return out


def binned_frame_targets(events: Sequence[Tuple[int, np.ndarray]],
                         num_frames: int, stride: int,
                         num_elements: int) -> Tuple[np.ndarray, np.ndarray]:
    """The reference's per-frame ground truth of a whole video.

    ``num_frames // stride`` bins; each event, in the given (file) order,
    sets its bin ``frame // stride``: flag 1 and its element vector (a
    later event in the same bin overwrites). Events in the trailing partial
    bin are dropped with a warning (the reference indexes past its array).

    Args:
        events: ``(frame, elements (E,))`` pairs.

    Returns:
        ``(flags (N,) int64, elements (N, E) int64)``.
    """
    num_bins = num_frames // stride
    flags = np.zeros(num_bins, dtype=np.int64)
    elements = np.zeros((num_bins, num_elements), dtype=np.int64)
    for frame, vector in events:
        b = frame // stride
        if b >= num_bins:
            warnings.warn(f'event at frame {frame} is in the partial last '
                          f'bin of {num_frames} frames at stride {stride}; '
                          'dropped as the reference cannot score it')
            continue
        flags[b] = 1
        elements[b] = vector
    return flags, elements
