"""Token ids of the F3AST label vocabulary: pad, start and end, then the C
classes of ``classes.txt`` (class index c has token id c + 3, the
reference's ids)."""

PAD_TOKEN = 0
START_TOKEN = 1
END_TOKEN = 2
NUM_SPECIAL_TOKENS = 3
