"""The co-ordinator's web view: reads through the store, acts only through the emailed-command path."""
