"""Pure domain: vocabulary, states and rules. No Qt, no database session, no network."""
