"""Arabic text analysis: normalisation with offsets, tokens and clitics,
numbers and dates. Everything here works on plain strings and returns spans."""
