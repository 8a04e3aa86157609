"""Token sequences of an autoregressive decoder: the training targets
(:func:`sequence_targets`) and the decoding strategies that invert them.

A ``step`` function gives the next-token logits of a batch of prefixes:
``step(prefixes (N, L) long, rows (N,) long) -> (N, V) logits``, where
``rows`` says which sample's encoder memory each prefix attends to. Every
strategy returns, per sample, the token ids ``[start, ..., end?]`` and one
probability row per token (row 0 one-hot on ``start``, row k the softmax of
the step that emitted token k).
"""
import heapq
import itertools
import warnings
from typing import Callable, List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F

from fga.annotations.vocabulary import (END_TOKEN, NUM_SPECIAL_TOKENS,
                                        PAD_TOKEN, START_TOKEN)

__all__ = [
    'sequence_targets', 'best_first_decode', 'greedy_decode', 'beam_decode',
    'length_score'
]

Step = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
Decoded = List[Tuple[List[int], torch.Tensor]]


def sequence_targets(labels: Sequence[torch.Tensor],
                     max_length: int,
                     names: Optional[Sequence[str]] = None) -> torch.Tensor:
    """Teacher-forcing token rows ``[start, c_1+3 .. c_k+3, end, pad ..]``
    of clips whose events have class indices ``labels`` (k_i,), in time
    order.

    A clip with more than ``max_length - 2`` events keeps the first ones,
    with a warning naming it (``names``: one per clip).

    Returns:
        (B, max_length) int64 token ids.
    """
    if max_length < 3:
        raise ValueError('max_length must leave room for start, one event '
                         'and end')
    limit = max_length - 2
    tokens = torch.full((len(labels), max_length), PAD_TOKEN,
                        dtype=torch.long)
    tokens[:, 0] = START_TOKEN
    for b, events in enumerate(labels):
        events = torch.as_tensor(events, dtype=torch.long).flatten()
        if len(events) > limit:
            clip = names[b] if names else f'clip {b}'
            warnings.warn(f'{clip}: {len(events)} events in the clip, more '
                          f'than max_seq_len - 2 = {limit}; keeping the '
                          f'first {limit}')
            events = events[:limit]
        tokens[b, 1:len(events) + 1] = events + NUM_SPECIAL_TOKENS
        tokens[b, len(events) + 1] = END_TOKEN
    return tokens


def length_score(log_prob, length: int):
    """The reference's ranking: ``log p / ((length - 1) ** 0.1 + 1e-6)``,
    ``length`` counting the start token (the root scores 0)."""
    return log_prob / float((length - 1)**0.1 + 1e-6)


def _start_row(vocab_size: int, start: int, device) -> torch.Tensor:
    row = torch.zeros(1, vocab_size, device=device)
    row[0, start] = 1
    return row


def _pad_prefixes(prefixes: List[List[int]], device) -> torch.Tensor:
    """Right-pad with 0; the causal mask keeps pads out of real positions."""
    width = max(len(p) for p in prefixes)
    out = torch.zeros(len(prefixes), width, dtype=torch.long, device=device)
    for i, p in enumerate(prefixes):
        out[i, :len(p)] = torch.tensor(p)
    return out


def _last_logits(step: Step, prefixes: List[List[int]], rows: List[int],
                 device) -> torch.Tensor:
    logits = step(
        _pad_prefixes(prefixes, device), torch.tensor(rows, device=device))
    last = torch.tensor([len(p) - 1 for p in prefixes], device=device)
    return logits[torch.arange(len(prefixes), device=device), last]


def _expand(step: Step, hypotheses: List[Tuple[int, tuple]], width: int,
            device) -> List[List[tuple]]:
    """The ``width`` most likely continuations of every (sample, (tokens,
    log_prob, rows)) hypothesis, scored in one decoder call; log-probs stay
    float32 tensors, as the reference adds them."""
    logits = _last_logits(step, [h[0] for _, h in hypotheses],
                          [b for b, _ in hypotheses], device)
    log_probs = F.log_softmax(logits.float(), dim=-1)
    probs = log_probs.exp()
    top_lp, top_ids = log_probs.topk(width, dim=-1)
    top_lp = top_lp.cpu()
    children = []
    for i, (_, (tokens, log_prob, rows)) in enumerate(hypotheses):
        row = probs[i:i + 1]
        children.append([(tokens + [token], log_prob + lp, rows + [row])
                         for lp, token in zip(top_lp[i], top_ids[i].tolist())])
    return children


@torch.no_grad()
def best_first_decode(step: Step,
                      batch_size: int,
                      vocab_size: int,
                      device,
                      start: int = START_TOKEN,
                      end: int = END_TOKEN,
                      width: int = 5,
                      max_length: int = 30,
                      max_queue: int = 2000) -> Decoded:
    """The reference's best-first search, run for all samples in lockstep.

    Per sample a priority queue holds prefixes ranked by
    :func:`length_score` (ties: first inserted first). The best prefix is
    popped; if it ends with ``end`` it is the answer, otherwise its
    ``width`` most likely continuations are queued. The search gives up
    when the queue counter (1, plus ``width - 1`` per expansion) exceeds
    ``max_queue`` or the last popped prefix is longer than ``max_length``;
    the best queued prefix is then the answer (it may lack ``end``). The
    popped prefixes of all samples are scored in one decoder call per
    round, which gives the same answers as searching sample by sample.
    """
    counter = itertools.count()
    # Log-probabilities add up in float32 tensors, as in the reference:
    # rankings of near-equal prefixes depend on that rounding.
    root = ([start], torch.zeros(
        (), dtype=torch.float32), [_start_row(vocab_size, start, device)])
    queues = [[(-0.0, next(counter), root)] for _ in range(batch_size)]
    sizes = [1] * batch_size
    last_length = [1] * batch_size
    results: List = [None] * batch_size
    while True:
        expand = []
        for b in range(batch_size):
            if results[b] is not None:
                continue
            if sizes[b] > max_queue or last_length[b] > max_length:
                results[b] = queues[b][0][2]
                continue
            _, _, node = heapq.heappop(queues[b])
            tokens = node[0]
            last_length[b] = len(tokens)
            if tokens[-1] == end and len(tokens) > 1:
                results[b] = node
            else:
                expand.append((b, node))
        if not expand:
            break
        for (b, _), children in zip(expand, _expand(step, expand, width,
                                                    device)):
            for child in children:
                score = length_score(child[1], len(child[0])).item()
                heapq.heappush(queues[b], (-score, next(counter), child))
            sizes[b] += width - 1
    return [(tokens, torch.cat(rows)) for tokens, _, rows in results]


@torch.no_grad()
def greedy_decode(step: Step,
                  batch_size: int,
                  vocab_size: int,
                  device,
                  start: int = START_TOKEN,
                  end: int = END_TOKEN,
                  max_length: int = 30) -> Decoded:
    """Most likely token at every step, all samples at once, until ``end``
    or ``max_length`` tokens."""
    tokens = [[start] for _ in range(batch_size)]
    rows = [[_start_row(vocab_size, start, device)] for _ in range(batch_size)]
    active = list(range(batch_size))
    while active:
        logits = _last_logits(step, [tokens[b] for b in active], active,
                              device)
        probs = logits.float().softmax(-1)
        best = probs.argmax(-1).tolist()
        still = []
        for i, b in enumerate(active):
            tokens[b].append(best[i])
            rows[b].append(probs[i:i + 1])
            if best[i] != end and len(tokens[b]) < max_length:
                still.append(b)
        active = still
    return [(t, torch.cat(r)) for t, r in zip(tokens, rows)]


@torch.no_grad()
def beam_decode(step: Step,
                batch_size: int,
                vocab_size: int,
                device,
                start: int = START_TOKEN,
                end: int = END_TOKEN,
                width: int = 5,
                max_length: int = 30) -> Decoded:
    """Synchronous beam search: keep the ``width`` best prefixes by
    cumulative log-probability at every length; finished hypotheses are
    compared with :func:`length_score`."""
    beams = [[([start], torch.zeros(
        ()), [_start_row(vocab_size, start, device)])]
             for _ in range(batch_size)]
    finished: List[List] = [[] for _ in range(batch_size)]
    for _ in range(max_length - 1):
        flat = [(b, hyp) for b in range(batch_size) for hyp in beams[b]]
        if not flat:
            break
        candidates: List[List] = [[] for _ in range(batch_size)]
        for (b, _), children in zip(flat, _expand(step, flat, width, device)):
            candidates[b] += children
        for b in range(batch_size):
            ranked = sorted(candidates[b], key=lambda h: -h[1].item())[:width]
            beams[b] = []
            for hyp in ranked:
                (finished[b] if hyp[0][-1] == end else beams[b]).append(hyp)
            if len(finished[b]) >= width:
                beams[b] = []
    results = []
    for b in range(batch_size):
        pool = finished[b] or beams[b]
        best = max(pool, key=lambda h: length_score(h[1], len(h[0])).item())
        results.append((best[0], torch.cat(best[2])))
    return results
