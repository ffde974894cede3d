"""Coalition sign-on letters: the letter, its individual signers, its public and printed forms."""
