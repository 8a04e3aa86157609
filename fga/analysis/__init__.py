"""Analysis behind tools/analysis_tools: model complexity, training logs,
parameter schedules, confusion matrices and per-class breakdowns."""
