"""The activity log: what each organization did, with categories and attachments."""
