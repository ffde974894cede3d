"""Partner opt-in: signers let an endorsing partner contact them; the partner downloads only those."""
