#!/usr/bin/env bash
# fga's GPU suite: one table of training / inference throughput, peak
# memory and MFU (benchmarks/gpu_suite.py), then F3AST under bf16 with
# channels-last. About 8 minutes on one H200; `--tiny` is a CPU smoke run
# of the same code in seconds. Extra arguments go to gpu_suite.py.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
python benchmarks/gpu_suite.py "$@"
case " $* " in
  *" --tiny "*) ;;
  *) python benchmarks/gpu_suite.py --workloads f3ast_slowfast_finetennis \
       --modes bf16-eager --channels-last "$@" ;;
esac
