"""Updates to signers, and targets' answers in public."""
