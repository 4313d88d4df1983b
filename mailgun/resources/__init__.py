"""One module per Mailgun API group; each defines its operations once and a sync and an async resource class."""
