"""`make bench`: the program's figures beside their baselines (see README.md here)."""
