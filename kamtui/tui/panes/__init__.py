"""The three steps of the account screen, one pane each."""
